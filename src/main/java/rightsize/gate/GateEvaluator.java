package rightsize.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Judges a run from its report: did it measure anything (run checks), did each step meet the SLO
 * (SLO checks), did any metric regress beyond its threshold (regression checks, as flagged by the
 * report). It computes no statistic itself.
 */
public final class GateEvaluator {
  private static final String RUN = "run";

  private GateEvaluator() {}

  /** The verdict on a run that left no readable report, saying {@code why} in one line. */
  public static Verdict noReport(String runId, String why, boolean loadFailed) {
    return new Verdict(
        runId,
        List.of(GateCheck.fail(GateCheck.Kind.RUN, RUN, "report written", why)),
        loadNotes(loadFailed));
  }

  /**
   * Judges {@code report}; {@code loadFailed} says the load step itself failed (a note: the report
   * tells what was measured regardless).
   */
  public static Verdict evaluate(String runId, RunReport report, boolean loadFailed) {
    List<GateCheck> checks = new ArrayList<>();
    List<String> notes = new ArrayList<>(loadNotes(loadFailed));
    checks.addAll(runChecks(report));
    if (report.steps().stream().allMatch(s -> s.requests() == 0)) {
      // SLO and regression checks of a run that measured nothing would only repeat the same failure.
      return new Verdict(runId, checks, notes);
    }
    for (RunReport.Step step : report.steps()) {
      checks.add(
          step.sloOutcome().equals("inconclusive")
              ? GateCheck.inconclusive(GateCheck.Kind.SLO, step.deployment(), step.step() + " SLO", step.sloDetail())
              : new GateCheck(
                  GateCheck.Kind.SLO,
                  step.deployment(),
                  step.step() + " SLO",
                  step.sloMet(),
                  step.sloDetail()));
      if (report.failOnUntrusted() && step.untrustedConclusion() != null) {
        checks.add(GateCheck.fail(GateCheck.Kind.TRUST, step.deployment(), step.step() + " trust",
            "the SLO verdict or a recommendation rests on untrusted figures: " + step.untrustedConclusion()));
      }
    }
    if (report.baselineRunId() == null) {
      notes.add("No baseline: regressions were not checked (the first night, or no earlier successful run).");
    } else {
      notes.add("Compared with baseline run " + report.baselineRunId() + ".");
      if (report.compared().isEmpty()) {
        notes.add("The baseline shares no deployment and step with this run: nothing was compared.");
      }
    }
    checks.addAll(regressionChecks(report));
    if (report.unreadableLines() > 0) {
      notes.add(
          "The report is partial: "
              + report.unreadableLines()
              + " record lines could not be read.");
    }
    notes.addAll(report.notes());
    return new Verdict(runId, checks, notes);
  }

  /**
   * One failed check per figure the report flagged, and one passed check per compared step with no
   * flag (detail: every change), so a dashboard shows what was compared, not only what broke.
   */
  private static List<GateCheck> regressionChecks(RunReport report) {
    List<GateCheck> checks = new ArrayList<>();
    for (RunReport.Compared step : report.compared()) {
      List<RunReport.Regression> flagged =
          report.regressions().stream()
              .filter(r -> r.deployment().equals(step.deployment()) && r.step().equals(step.step()))
              .toList();
      if (flagged.isEmpty()) {
        checks.add(
            GateCheck.pass(
                GateCheck.Kind.REGRESSION, step.deployment(), step.step() + " vs baseline", step.changes()));
      }
    }
    for (RunReport.Regression r : report.regressions()) {
      checks.add(
          GateCheck.fail(GateCheck.Kind.REGRESSION, r.deployment(), r.step() + " " + r.metric(), r.detail()));
    }
    return checks;
  }

  private static List<String> loadNotes(boolean loadFailed) {
    return loadFailed ? List.of("The load step failed; its log says why.") : List.of();
  }

  /** One check that requests were recorded, and one per deployment that it answered at least once. */
  private static List<GateCheck> runChecks(RunReport report) {
    List<GateCheck> checks = new ArrayList<>();
    long requests = report.steps().stream().mapToLong(RunReport.Step::requests).sum();
    if (requests == 0) {
      checks.add(
          GateCheck.fail(
              GateCheck.Kind.RUN,
              RUN,
              "requests recorded",
              "the run recorded no request: the load did not start (see the load step's log)"));
      return checks;
    }
    checks.add(
        GateCheck.pass(GateCheck.Kind.RUN, RUN, "requests recorded", requests + " requests"));
    Map<String, List<RunReport.Step>> byDeployment =
        report.steps().stream()
            .collect(
                Collectors.groupingBy(
                    RunReport.Step::deployment, LinkedHashMap::new, Collectors.toList()));
    byDeployment.forEach(
        (deployment, steps) -> {
          long total = steps.stream().mapToLong(RunReport.Step::requests).sum();
          long ok = steps.stream().mapToLong(RunReport.Step::ok).sum();
          checks.add(
              new GateCheck(
                  GateCheck.Kind.RUN,
                  deployment,
                  "answered",
                  ok > 0,
                  ok > 0
                      ? ok + " of " + total + " requests ok"
                      : "0 of " + total + " requests ok (" + statusCounts(steps) + "): "
                          + hint(dominantStatus(steps))));
        });
    return checks;
  }

  private static Map<String, Long> totals(List<RunReport.Step> steps) {
    Map<String, Long> totals = new LinkedHashMap<>();
    steps.forEach(s -> s.statuses().forEach((status, n) -> totals.merge(status, n, Long::sum)));
    totals.values().removeIf(n -> n == 0);
    return totals;
  }

  private static String statusCounts(List<RunReport.Step> steps) {
    return totals(steps).entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  private static String dominantStatus(List<RunReport.Step> steps) {
    return totals(steps).entrySet().stream()
        .max(
            Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey)
        .orElse("");
  }

  /** What to do when every request of a deployment ended with {@code status}. */
  static String hint(String status) {
    return switch (status) {
      case "connect_failed" -> "the target is unreachable: check its endpoint and the network";
      case "http_error" ->
          "the target refused every request: check the deployment name, api-version and credentials";
      case "throttled" -> "every request was throttled (429): the quota is too small for the nightly load";
      case "timeout_first_token", "timeout_total" ->
          "no answer within the timeouts: the target is down or overloaded";
      case "connection_lost" -> "every connection dropped mid-answer: the target or a proxy is failing";
      case "malformed_stream" -> "the answers are not chat completions: check the target kind";
      case "content_filtered" -> "every answer was content-filtered: check the prompts and the filter";
      case "empty_answer" ->
          "every answer was empty: a reasoning model needs a larger max_tokens, or the filter removed the answers";
      default -> "nothing was measured";
    };
  }
}
