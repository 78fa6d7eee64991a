package rightsize.analysis;

import rightsize.record.LoadUnit;

/**
 * The capacity search's result for one step: its figures and verdict when it ran (null otherwise),
 * and for a step that did not run the reason.
 *
 * @param step the step's label, as in its records
 * @param load the step's load, counted in {@code unit}
 */
public record StepResult(
    String step, double load, LoadUnit unit, StepOutcome outcome, StepSummary summary, SloVerdict verdict,
    String reason) {}
