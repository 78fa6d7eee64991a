package rightsize.report.model;

import rightsize.analysis.StepKey;

/** One row of the per-step table: a measured step, or a planned step the capacity search skipped. */
public sealed interface StepTableRow permits StepRow, SkippedStep {

  /** The step's deployment, label and load; the table is ordered by it. */
  StepKey key();

  /** The step's load as people read it, e.g. "10 users". */
  String loadLabel();
}
