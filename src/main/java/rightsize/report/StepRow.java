package rightsize.report;

import rightsize.analysis.SloVerdict;
import rightsize.analysis.StepKey;
import rightsize.analysis.StepSummary;
import rightsize.cost.StepCost;

/** One row of the trade-off table: a step's figures, its SLO verdict and its costs. */
public record StepRow(StepSummary step, LoadUnit unit, SloVerdict slo, StepCost cost) implements StepTableRow {

  @Override
  public StepKey key() {
    return step.key();
  }

  @Override
  public String loadLabel() {
    return unit.describe(step.key().load());
  }
}
