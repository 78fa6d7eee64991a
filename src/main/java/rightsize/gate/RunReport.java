package rightsize.gate;

import java.util.List;
import java.util.Map;

/**
 * What the gate needs from a run's report (tradeoffs.json): per step its request counts and SLO
 * verdict, and the regression checks made against the baseline. The report computes all of it;
 * the gate only judges.
 *
 * @param runId the run's id
 * @param started when the run's first request started, or null when the report does not say
 * @param baselineRunId the run compared against, or null when the report had no baseline
 * @param unreadableLines record lines the report could not read (the report is partial when > 0)
 * @param steps every measured step of every deployment
 * @param regressions every metric compared with the baseline, regressed or not
 */
public record RunReport(
    String runId,
    java.time.Instant started,
    String baselineRunId,
    long unreadableLines,
    List<Step> steps,
    List<Regression> regressions) {

  public RunReport {
    steps = List.copyOf(steps);
    regressions = List.copyOf(regressions);
  }

  /**
   * One population step of one deployment.
   *
   * @param statuses request count per status wire name (ok, connect_failed, throttled, ...)
   * @param sloDetail "met", or the broken limits in one line
   */
  public record Step(
      String deployment,
      String step,
      long requests,
      Map<String, Long> statuses,
      boolean sloMet,
      String sloDetail) {

    public Step {
      statuses = Map.copyOf(statuses);
    }

    public long ok() {
      return statuses.getOrDefault("ok", 0L);
    }
  }

  /**
   * One metric of one step compared with the baseline.
   *
   * @param metric e.g. "p95 ttft", "cost per 1M tokens", "error rate"
   * @param detail one line with both values, the change and the threshold
   */
  public record Regression(
      String deployment, String step, String metric, boolean regressed, String detail) {}
}
