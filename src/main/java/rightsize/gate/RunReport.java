package rightsize.gate;


import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the gate needs from a run's report (tradeoffs.json): per step its request counts and SLO
 * verdict, and the comparison with the baseline. The report computes all of it; the gate only judges.
 *
 * @param runId the run's id
 * @param started when the run's first request started, or null when the report does not say
 * @param baselineRunId the run compared against, or null when the report had no baseline
 * @param unreadableLines record lines the report could not read (the report is partial when > 0)
 * @param steps every measured step of every deployment
 * @param compared every step found in both this run and the baseline
 * @param regressions the figures the report flagged as worse than the baseline beyond their threshold
 * @param notes what the report says the reader must know (baseline problems, Gatling disagreeing)
 * @param failOnUntrusted whether a verdict or recommendation resting on an untrusted figure fails the
 *     gate (rightsize.report.trust.fail-gate, as the report wrote it)
 */
public record RunReport(
    String runId,
    Instant started,
    String baselineRunId,
    long unreadableLines,
    List<Step> steps,
    List<Compared> compared,
    List<Regression> regressions,
    List<String> notes,
    boolean failOnUntrusted) {

  /** A report that does not fail on untrusted figures. */
  public RunReport(String runId, Instant started, String baselineRunId, long unreadableLines, List<Step> steps,
      List<Compared> compared, List<Regression> regressions, List<String> notes) {
    this(runId, started, baselineRunId, unreadableLines, steps, compared, regressions, notes, false);
  }

  public RunReport {
    steps = List.copyOf(steps);
    compared = List.copyOf(compared);
    regressions = List.copyOf(regressions);
    notes = List.copyOf(notes);
  }

  /**
   * One population step of one deployment.
   *
   * @param ok requests that ended ok
   * @param statuses request count per status wire name (ok, connect_failed, throttled, ...)
   * @param sloDetail "met", the broken limits, or the undecided ones, in one line
   * @param sloOutcome "met", "broken" or "inconclusive" (a report before the three outcomes: met or broken)
   * @param untrustedConclusion what makes its verdict or a recommendation rest on untrusted figures,
   *     or null when nothing does
   */
  public record Step(
      String deployment,
      String step,
      long requests,
      long ok,
      Map<String, Long> statuses,
      boolean sloMet,
      String sloDetail,
      String sloOutcome,
      String untrustedConclusion) {

    public Step {
      statuses = Map.copyOf(statuses);
    }

    /** A step met or broken, as reports before the three outcomes said, with nothing in doubt. */
    public Step(String deployment, String step, long requests, long ok, Map<String, Long> statuses, boolean sloMet,
        String sloDetail) {
      this(deployment, step, requests, ok, statuses, sloMet, sloDetail, sloMet ? "met" : "broken", null);
    }
  }

  /**
   * One step compared with the baseline.
   *
   * @param changes the change of every compared figure, in one line
   */
  public record Compared(String deployment, String step, String changes) {}

  /**
   * One figure of one step flagged as a regression.
   *
   * @param metric the figure as the report names it, e.g. "p95 ttft", "error rate"
   * @param detail one line with both values, the change and the threshold
   */
  public record Regression(String deployment, String step, String metric, String detail) {}
}
