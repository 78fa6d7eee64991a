package rightsize.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {

  private static RunReport.Step step(String deployment, String step, Map<String, Long> statuses, boolean sloMet, String detail) {
    long requests = statuses.values().stream().mapToLong(Long::longValue).sum();
    return new RunReport.Step(deployment, step, requests, statuses.getOrDefault("ok", 0L), statuses, sloMet, detail);
  }

  /** Every step compared with the baseline when there is one. */
  private static RunReport report(String baseline, List<RunReport.Step> steps, List<RunReport.Regression> regressions) {
    List<RunReport.Compared> compared =
        baseline == null
            ? List.of()
            : steps.stream().map(s -> new RunReport.Compared(s.deployment(), s.step(), "p95 ttft +1.5%")).toList();
    return new RunReport("night-2", null, baseline, 0, steps, compared, regressions, List.of());
  }

  @Test
  void anInconclusiveStepIsNeitherPassedNorFailedAndChangesNoExitCode() {
    RunReport.Step unsure = new RunReport.Step("F4", "1 user", 3, 3, Map.of("ok", 3L), false,
        "inconclusive: p95 ttft 102 ms (95% CI 101 ms – unbounded)", "inconclusive", null);
    Verdict verdict = GateEvaluator.evaluate("night-2", report(null, List.of(unsure), List.of()), false);

    GateCheck slo = verdict.checks().stream().filter(c -> c.kind() == GateCheck.Kind.SLO).findFirst().orElseThrow();
    assertThat(slo.passed()).as("never reported as met").isFalse();
    assertThat(slo.failed()).isFalse();
    assertThat(slo.inconclusive()).isTrue();
    assertThat(verdict.exitCode()).isEqualTo(ExitCode.PASSED);
    assertThat(verdict.headline()).isEqualTo("passed: every SLO and regression check passed (exit 0); 2 checks passed,"
        + " 1 inconclusive (neither met nor broken with 95% confidence: hold those steps longer)");
    assertThat(GateSummary.render(verdict, null, false)).contains("| *inconclusive* | slo | F4 | 1 user SLO |");
  }

  @Test
  void aConclusionRestingOnUntrustedFiguresFailsOnlyWhenTheReportSaysSo() {
    RunReport.Step stalled = new RunReport.Step("F4", "10 users", 400, 400, Map.of("ok", 400L), true, "met", "met",
        "load generator injector-1 stalled 120 ms (limit 20.0 ms): latencies may include client-side delay");
    RunReport lenient = report(null, List.of(stalled), List.of());
    RunReport strict = new RunReport("night-2", null, null, 0, List.of(stalled), List.of(), List.of(), List.of(), true);

    assertThat(GateEvaluator.evaluate("night-2", lenient, false).exitCode()).isEqualTo(ExitCode.PASSED);
    Verdict verdict = GateEvaluator.evaluate("night-2", strict, false);
    assertThat(verdict.exitCode()).isEqualTo(ExitCode.UNTRUSTED);
    assertThat(ExitCode.UNTRUSTED.code()).isEqualTo(6);
    assertThat(verdict.failures()).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(GateCheck.Kind.TRUST);
      assertThat(c.name()).isEqualTo("10 users trust");
      assertThat(c.detail()).startsWith("the SLO verdict or a recommendation rests on untrusted figures: load generator");
    });
  }

  @Test
  void aHealthyRunWithinSloAndThresholdsPasses() {
    RunReport report =
        report(
            "night-1",
            List.of(step("F4", "10 users", Map.of("ok", 120L), true, "met")),
            List.of());

    Verdict verdict = GateEvaluator.evaluate("night-2", report, false);

    assertThat(verdict.exitCode()).isEqualTo(ExitCode.PASSED);
    assertThat(verdict.checks())
        .extracting(GateCheck::kind, GateCheck::group, GateCheck::name, GateCheck::passed)
        .containsExactly(
            tuple(GateCheck.Kind.RUN, "run", "requests recorded", true),
            tuple(GateCheck.Kind.RUN, "F4", "answered", true),
            tuple(GateCheck.Kind.SLO, "F4", "10 users SLO", true),
            tuple(GateCheck.Kind.REGRESSION, "F4", "10 users vs baseline", true));
    assertThat(verdict.notes()).containsExactly("Compared with baseline run night-1.");
  }

  @Test
  void aRegressionFlaggedByTheReportExitsWithTheRegressionCode() {
    RunReport report =
        report(
            "night-1",
            List.of(step("F4", "10 users", Map.of("ok", 120L), true, "met")),
            List.of(
                new RunReport.Regression("F4", "10 users", "p95 ttft", "F4 10 users: p95 ttft 800 -> 1100 (+37.5%, threshold +10.0%)"),
                new RunReport.Regression("F4", "10 users", "p95 e2e", "F4 10 users: p95 e2e 8000 -> 9900 (+23.8%, threshold +10.0%)")));

    Verdict verdict = GateEvaluator.evaluate("night-2", report, false);

    assertThat(verdict.exitCode()).isEqualTo(ExitCode.REGRESSION);
    assertThat(verdict.exitCode().code()).isEqualTo(3);
    assertThat(verdict.failures())
        .extracting(GateCheck::name, GateCheck::detail)
        .containsExactly(
            tuple("10 users p95 ttft", "F4 10 users: p95 ttft 800 -> 1100 (+37.5%, threshold +10.0%)"),
            tuple("10 users p95 e2e", "F4 10 users: p95 e2e 8000 -> 9900 (+23.8%, threshold +10.0%)"));
    // A step with a flagged figure gets no passing "vs baseline" check.
    assertThat(verdict.checks()).noneMatch(c -> c.name().equals("10 users vs baseline"));
    assertThat(verdict.headline()).startsWith("regression:").contains("(exit 3)").endsWith("2 of 5 checks failed");
  }

  @Test
  void anSloMissOutranksARegression() {
    RunReport report =
        report(
            "night-1",
            List.of(
                step("F2", "10 users", Map.of("ok", 95L, "throttled", 5L), false, "error rate 5.0% > 1.0%"),
                step("F4", "10 users", Map.of("ok", 100L), true, "met")),
            List.of(new RunReport.Regression("F4", "10 users", "cost per 1M output tokens", "+12%")));

    Verdict verdict = GateEvaluator.evaluate("night-2", report, false);

    assertThat(verdict.exitCode()).isEqualTo(ExitCode.SLO_FAILED);
    assertThat(verdict.failures()).extracting(GateCheck::kind)
        .containsExactlyInAnyOrder(GateCheck.Kind.SLO, GateCheck.Kind.REGRESSION);
  }

  @Test
  void aTargetThatAnsweredNothingIsABrokenRunWithTheReason() {
    RunReport report =
        report(
            "night-1",
            List.of(
                step("staging", "10 users", Map.of("connect_failed", 40L, "timeout_total", 2L), false, "p95 ttft not measured"),
                step("F4", "10 users", Map.of("ok", 100L), true, "met")),
            List.of());

    Verdict verdict = GateEvaluator.evaluate("night-2", report, false);

    assertThat(verdict.exitCode()).isEqualTo(ExitCode.BROKEN_RUN);
    assertThat(verdict.exitCode().code()).isEqualTo(5);
    GateCheck broken = verdict.failures().stream().filter(c -> c.kind() == GateCheck.Kind.RUN).findFirst().orElseThrow();
    assertThat(broken.group()).isEqualTo("staging");
    assertThat(broken.detail())
        .isEqualTo("0 of 42 requests ok (40 connect_failed, 2 timeout_total): the target is unreachable: check its endpoint and the network");
  }

  @Test
  void aRunWithoutRequestsIsBrokenAndNothingElseIsChecked() {
    RunReport report = report(null, List.of(), List.of());

    Verdict verdict = GateEvaluator.evaluate("night-2", report, true);

    assertThat(verdict.exitCode()).isEqualTo(ExitCode.BROKEN_RUN);
    assertThat(verdict.checks()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("requests recorded"));
    assertThat(verdict.notes()).containsExactly("The load step failed; its log says why.");
  }

  @Test
  void withoutBaselineOnlyTheSloIsCheckedAndTheSummarySaysSo() {
    RunReport report = report(null, List.of(step("F4", "1 users", Map.of("ok", 10L), true, "met")), List.of());

    Verdict verdict = GateEvaluator.evaluate("night-1", report, false);

    assertThat(verdict.exitCode()).isEqualTo(ExitCode.PASSED);
    assertThat(verdict.checks()).noneMatch(c -> c.kind() == GateCheck.Kind.REGRESSION);
    assertThat(verdict.notes()).singleElement().asString().startsWith("No baseline: regressions were not checked");
  }

  @Test
  void aPartialReportIsNotedNotFailed() {
    RunReport report =
        new RunReport(
            "night-2", null, null, 3, List.of(step("F4", "1 users", Map.of("ok", 10L), true, "met")), List.of(), List.of(), List.of());

    Verdict verdict = GateEvaluator.evaluate("night-2", report, false);

    assertThat(verdict.exitCode()).isEqualTo(ExitCode.PASSED);
    assertThat(verdict.notes()).contains("The report is partial: 3 record lines could not be read.");
  }

  @Test
  void noReportIsABrokenRun() {
    Verdict verdict = GateEvaluator.noReport("night-2", "no tradeoffs.json in results/night-2", false);

    assertThat(verdict.exitCode()).isEqualTo(ExitCode.BROKEN_RUN);
    assertThat(verdict.failures()).singleElement().extracting(GateCheck::detail).isEqualTo("no tradeoffs.json in results/night-2");
  }

  @Test
  void everyExitCodeIsDistinctAndLeavesOneAndTwoToMavenAndGatling() {
    assertThat(ExitCode.values()).extracting(ExitCode::code).doesNotHaveDuplicates().doesNotContain(1, 2);
    assertThat(ExitCode.PASSED.code()).isZero();
  }
}
