package rightsize.report.model;

import rightsize.analysis.SloVerdict;
import rightsize.analysis.StepKey;
import rightsize.analysis.StepSummary;
import rightsize.cost.StepCost;
import rightsize.record.LoadUnit;

/**
 * One row of the trade-off table: a step's figures, its SLO verdict, its costs, and which of them
 * cannot be trusted.
 */
public record StepRow(StepSummary step, SloVerdict slo, StepCost cost, StepTrust trust)
    implements StepTableRow {

  /** What the step's load counts, as its records say. */
  public LoadUnit unit() {
    return step.key().unit();
  }

  @Override
  public StepKey key() {
    return step.key();
  }

  @Override
  public String loadLabel() {
    return unit().describe(step.key().load());
  }
}
