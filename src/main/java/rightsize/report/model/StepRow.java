package rightsize.report.model;

import rightsize.analysis.SloVerdict;
import rightsize.analysis.StepKey;
import rightsize.analysis.StepSummary;
import rightsize.cost.StepCost;
import rightsize.record.LoadUnit;
import rightsize.telemetry.WindowFigures;

/**
 * One row of the trade-off table: a step's figures, its SLO verdict, its costs, which of them
 * cannot be trusted, and what the server side measured meanwhile.
 *
 * @param server the deployment's server-side figures over the step's window, or null when the run
 *     has none for it (no telemetry.json, no monitor section, no access)
 */
public record StepRow(StepSummary step, SloVerdict slo, StepCost cost, StepTrust trust, WindowFigures server)
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
