package rightsize.cost;

import java.util.Map;
import rightsize.analysis.LatencySummary;
import rightsize.analysis.StepKey;
import rightsize.analysis.StepSummary;
import rightsize.record.LoadUnit;
import rightsize.record.Status;

/** Step summaries with hand-chosen totals, for arithmetic that is checked by hand. */
final class Steps {
  private static final long T0 = 1_700_000_000_000_000L;
  private static final LatencySummary NONE = LatencySummary.NONE;

  private Steps() {}

  /** A step of {@code ok} successful requests (no failures) over {@code windowSeconds}. */
  static StepSummary step(
      String label, double load, long ok, double windowSeconds, long prompt, long cached, long completion) {
    return new StepSummary(
        new StepKey("d", "Standard_F4s_v2", label, load, LoadUnit.USERS),
        ok, ok, 0, Map.of(Status.OK, ok), prompt, cached, completion,
        T0, T0 + Math.round(windowSeconds * 1e6), NONE, NONE, NONE);
  }
}
