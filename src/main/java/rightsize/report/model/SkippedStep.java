package rightsize.report.model;

import rightsize.analysis.StepKey;
import rightsize.record.LoadUnit;

/**
 * A planned step the capacity search skipped because a lower step of its deployment broke the SLO
 * (read from the run's capacity.json): it has no records, hence no figures.
 *
 * @param brokenAt the label of the step that broke the SLO, or null when capacity.json does not say
 * @param brokenVerdict the limits that step broke, e.g. "p95 ttft 2480 ms > 2000 ms", or null
 * @param reason capacity.json's reason for the skip, e.g. "SLO broken at 10 users", or null
 */
public record SkippedStep(StepKey key, String brokenAt, String brokenVerdict, String reason)
    implements StepTableRow {

  /** What the step's load counts. */
  public LoadUnit unit() {
    return key.unit();
  }

  @Override
  public String loadLabel() {
    return key.unit().describe(key.load());
  }

  /** "skipped: a lower step broke the SLO (10 users: p95 ttft 2480 ms > 2000 ms)". */
  public String describe() {
    String why = brokenAt != null ? brokenAt + (brokenVerdict == null ? "" : ": " + brokenVerdict) : reason;
    return "skipped: a lower step broke the SLO" + (why == null ? "" : " (" + why + ")");
  }
}
