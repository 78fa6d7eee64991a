package rightsize.report.model;

import rightsize.analysis.SloVerdict;
import rightsize.analysis.StepKey;
import rightsize.analysis.StepSummary;
import rightsize.cost.StepCost;

/**
 * One row of the trade-off table: a step's figures, its SLO verdict, its costs, and which of them
 * cannot be trusted.
 */
public record StepRow(StepSummary step, LoadUnit unit, SloVerdict slo, StepCost cost, StepTrust trust)
    implements StepTableRow {

  @Override
  public StepKey key() {
    return step.key();
  }

  @Override
  public String loadLabel() {
    return unit.describe(step.key().load());
  }
}
