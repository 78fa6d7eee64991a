package rightsize.analysis;

import rightsize.population.Step;

/**
 * The capacity search's result for one step: its figures and verdict when it ran (null otherwise),
 * and for a step that did not run the reason.
 */
public record StepResult(
    Step step, StepOutcome outcome, StepSummary summary, SloVerdict verdict, String reason) {}
