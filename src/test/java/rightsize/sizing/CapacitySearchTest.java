package rightsize.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static rightsize.analysis.TestRecords.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.analysis.CapacityFile;
import rightsize.analysis.DeploymentCapacity;
import rightsize.analysis.SloVerdict;
import rightsize.analysis.StepOutcome;
import rightsize.analysis.StepResult;
import rightsize.config.Slo;
import rightsize.population.Step;
import rightsize.record.LoadUnit;
import rightsize.record.RequestRecord;
import rightsize.record.Status;

class CapacitySearchTest {
  private static final Slo SLO = new Slo(2000, 20_000, 0.01);
  private static final Duration HOLD = Duration.ofSeconds(10);
  private static final List<Step> STEPS = List.of(
      new Step("1 user", 1, LoadUnit.USERS, HOLD, false), new Step("10 users", 10, LoadUnit.USERS, HOLD, false),
      new Step("50 users", 50, LoadUnit.USERS, HOLD, false), new Step("100 users", 100, LoadUnit.USERS, HOLD, false));
  private static final Step WARMUP =
      new Step(RequestRecord.WARMUP_STEP, 1, LoadUnit.USERS, Duration.ofSeconds(5), true);
  private static final String F2 = "Standard_F2s_v2";
  private static final String F4 = "Standard_F4s_v2";

  private final List<String> console = new ArrayList<>();
  // A scripted clock for adaptive steps, in nanoseconds.
  private final long[] clock = {0};
  private final CapacitySearch search = new CapacitySearch(
      List.of(new CapacitySearch.Target(F2, F2, STEPS), new CapacitySearch.Target(F4, F4, STEPS)),
      SLO, true, console::add, () -> clock[0]);


  @Test
  void aDeploymentStopsAtTheFirstClearlyBrokenStepAndSkipsTheRest() {
    run(F2, WARMUP, 20, 5000); // warm-up latency is left out
    run(F2, STEPS.get(0), 400, 300);
    run(F2, STEPS.get(1), 40, 2500);
    assertThat(search.begin(F2, STEPS.get(2))).as("50 users skipped").isFalse();
    assertThat(search.begin(F2, STEPS.get(3))).as("100 users skipped").isFalse();
    run(F4, WARMUP, 5, 300);
    run(F4, STEPS.get(0), 400, 300);
    run(F4, STEPS.get(1), 400, 900);
    run(F4, STEPS.get(2), 400, 1900);
    run(F4, STEPS.get(3), 100, 2100);

    List<DeploymentCapacity> results = search.finish();

    assertThat(results.get(0).steps()).extracting(StepResult::step, StepResult::outcome).containsExactly(
        tuple("1 user", StepOutcome.MET), tuple("10 users", StepOutcome.BROKEN),
        tuple("50 users", StepOutcome.SKIPPED), tuple("100 users", StepOutcome.SKIPPED));
    assertThat(results.get(0).capacity()).map(StepResult::step).contains("1 user");
    assertThat(results.get(0).steps().get(2).reason()).isEqualTo("SLO broken at 10 users");
    assertThat(results.get(1).steps()).extracting(StepResult::outcome)
        .containsExactly(StepOutcome.MET, StepOutcome.MET, StepOutcome.MET, StepOutcome.BROKEN);
    assertThat(results.get(1).capacity()).map(StepResult::step).contains("50 users");
    assertThat(results.get(1).steps().get(2).summary().requests()).isEqualTo(400);

    assertThat(console).containsSubsequence(
        "Standard_F2s_v2 · warmup: 5 s at the first step's load (left out of the results)",
        "Standard_F2s_v2 · 1 user: running for 10 s (step 1 of 4)",
        "Standard_F2s_v2 · 1 user: 400 requests, p95 ttft 300 ms, p95 e2e 1000 ms, errors 0.0% -> SLO met"
            + " (error rate 0.0% <= 1.0% (95% CI 0.0%–0.9%))",
        "Standard_F2s_v2 · 10 users: running for 10 s (step 2 of 4)",
        "Standard_F2s_v2 · 10 users: 40 requests, p95 ttft 2500 ms, p95 e2e 1000 ms, errors 0.0% -> SLO broken"
            + " (p95 ttft 2500 ms > 2000 ms (95% CI 2,500 ms – unbounded))",
        "Standard_F2s_v2: skipping 50 users, 100 users (SLO broken at 10 users)",
        "Standard_F4s_v2 · warmup: 5 s at the first step's load (left out of the results)",
        "Standard_F2s_v2: capacity 1 user (largest step meeting the SLO); broke it at 10 users (p95 ttft 2500 ms > 2000 ms); 2 step(s) skipped",
        "Standard_F4s_v2: capacity 50 users (largest step meeting the SLO); broke it at 100 users (p95 ttft 2100 ms > 2000 ms)");
    assertThat(console).noneMatch(line -> line.contains("50 users: running") && line.startsWith(F2));
  }

  @Test
  void aStepOfThreeRequestsIsInconclusiveAndTheSweepGoesOn() {
    // Three answers of 1.5 s under a 2 s limit: the p95 of 3 values has no upper bound.
    run(F2, STEPS.get(0), 3, 1500);
    assertThat(search.begin(F2, STEPS.get(1))).isTrue();
    List<DeploymentCapacity> results = search.finish();
    assertThat(results.get(0).steps()).extracting(StepResult::outcome)
        .containsExactly(StepOutcome.INCONCLUSIVE, StepOutcome.INCONCLUSIVE, StepOutcome.NOT_RUN, StepOutcome.NOT_RUN);
    assertThat(results.get(0).capacity()).isEmpty();
    assertThat(console).contains("Standard_F2s_v2 · 1 user: 3 requests, p95 ttft 1500 ms, p95 e2e 1000 ms, errors 0.0%"
        + " -> SLO inconclusive: p95 ttft 1500 ms <= 2000 ms (95% CI 1,500 ms – unbounded);"
        + " p95 e2e 1000 ms <= 20000 ms (95% CI 1,000 ms – unbounded); error rate 0.0% <= 1.0% (95% CI 0.0%–70.8%); going on");
    assertThat(console).contains("Standard_F2s_v2: no step met the SLO");
  }

  @Test
  void fortyRequestsFarBelowTheLimitAreNotYetEnoughToShowAP95WithinIt() {
    // The largest of 40 values is below the true p95 with probability 0.95^40 = 13%: no upper bound.
    run(F2, STEPS.get(0), 40, 100);
    run(F2, STEPS.get(1), 72, 100);
    search.begin(F2, STEPS.get(2));
    List<StepResult> steps = search.finish().get(0).steps();
    assertThat(steps.get(0).outcome()).isEqualTo(StepOutcome.INCONCLUSIVE);
    assertThat(steps.get(0).verdict().undecided()).extracting(SloVerdict.Check::which)
        .containsExactly(SloVerdict.Limit.P95_TTFT, SloVerdict.Limit.P95_E2E, SloVerdict.Limit.ERROR_RATE);
    // 72 are enough for the p95s; 0 failures in 72 still allow an error rate up to 5%.
    assertThat(steps.get(1).verdict().undecided()).extracting(SloVerdict.Check::which)
        .containsExactly(SloVerdict.Limit.ERROR_RATE);
  }

  @Test
  void farBelowEveryLimitWithEnoughRequestsIsMet() {
    run(F2, STEPS.get(0), 368, 100);
    search.begin(F2, STEPS.get(1));
    assertThat(search.finish().get(0).steps().get(0).outcome()).isEqualTo(StepOutcome.MET);
  }

  @Test
  void anAdaptiveStepStraddlingTheLimitGoesOnUntilItsVerdictIsConclusive() {
    Step adaptive = new Step("1 user", 1, LoadUnit.USERS, Duration.ofSeconds(60), false, Duration.ofSeconds(5));
    CapacitySearch s = new CapacitySearch(List.of(new CapacitySearch.Target(F2, F2, List.of(adaptive))),
        SLO, true, console::add, () -> clock[0]);
    assertThat(s.begin(F2, adaptive)).isTrue();
    // 40 answers at 1.5 s and two at 3 s under a 2 s limit...
    add(s, adaptive, 40, 1500);
    add(s, adaptive, 2, 3000);
    clock[0] = Duration.ofSeconds(3).toNanos();
    assertThat(s.mayEnd(F2, adaptive)).as("within the min-hold").isFalse();
    clock[0] = Duration.ofSeconds(6).toNanos();
    // ...the p95's interval runs from 1.5 s to unbounded: it straddles the limit, and at this pace the
    // step will have the requests to decide (420 by its max-hold, 368 needed): it goes on.
    assertThat(s.mayEnd(F2, adaptive)).as("straddling").isFalse();
    add(s, adaptive, 400, 1500);
    clock[0] = Duration.ofSeconds(6).plusMillis(100).toNanos();
    assertThat(s.mayEnd(F2, adaptive)).as("asked again within 250 ms: the last answer stands").isFalse();
    clock[0] = Duration.ofSeconds(31).toNanos();
    // 442 answers, two beyond the limit: the p95 is within it with 95% confidence, and so are the errors.
    assertThat(s.mayEnd(F2, adaptive)).as("decided").isTrue();
    assertThat(s.mayEnd(F2, adaptive)).as("and stays so").isTrue();
    assertThat(console).contains("Standard_F2s_v2 · 1 user: running for 5 to 60 s, until its verdict is conclusive (step 1 of 1)",
        "Standard_F2s_v2 · 1 user: conclusive after 31 s (met): ending the step");
    assertThat(s.finish().get(0).steps().get(0).outcome()).isEqualTo(StepOutcome.MET);
  }

  @Test
  void anAdaptiveStepThatCannotBeDecidedByItsMaxHoldEndsEarlyInconclusive() {
    assertThat(CapacitySearch.requestsToShowMet(SLO)).isEqualTo(368);
    assertThat(CapacitySearch.requestsToShowMet(new Slo(2000, 20_000, 0.05))).isEqualTo(72);
    Step adaptive = new Step("1 user", 1, LoadUnit.USERS, Duration.ofSeconds(30), false, Duration.ofSeconds(5));
    CapacitySearch s = new CapacitySearch(List.of(new CapacitySearch.Target(F2, F2, List.of(adaptive))),
        SLO, true, console::add, () -> clock[0]);
    s.begin(F2, adaptive);
    clock[0] = Duration.ofSeconds(6).toNanos();
    assertThat(s.mayEnd(F2, adaptive)).as("no answer yet: the pace is unknown").isFalse();
    // 6 fast answers in 6 s: about 30 by the max-hold, when 368 are needed to show the errors within 1%.
    add(s, adaptive, 6, 100);
    clock[0] = Duration.ofSeconds(6).plusMillis(300).toNanos();
    assertThat(s.mayEnd(F2, adaptive)).isTrue();
    assertThat(console).contains("Standard_F2s_v2 · 1 user: cannot be decided within 30 s (about 29 requests by then,"
        + " 368 needed to show the SLO met): ending the step, inconclusive");
    assertThat(s.finish().get(0).steps().get(0).outcome()).isEqualTo(StepOutcome.INCONCLUSIVE);
  }

  @Test
  void aFixedStepOrOneNotBegunNeverEndsEarly() {
    assertThat(search.mayEnd(F2, STEPS.get(0))).isFalse();
  }

  @Test
  void errorsBreakTheSloToo() {
    begin(F2, STEPS.get(0));
    for (int i = 0; i < 95; i++) {
      search.add(record().deployment(F2, F2).step("1 user", 1).ttft(100.0).build());
    }
    for (int i = 0; i < 5; i++) {
      search.add(record().deployment(F2, F2).step("1 user", 1).status(Status.THROTTLED).build());
    }
    // 5 of 100: the error rate is 1.6% to 11.3% with 95% confidence, beyond 1%.
    assertThat(search.begin(F2, STEPS.get(1))).isFalse();
    assertThat(search.finish().get(0).steps().get(0).verdict().describe()).isEqualTo("error rate 5.0% > 1.0%");
  }

  @Test
  void withoutCapacitySearchEveryStepRuns() {
    CapacitySearch all = new CapacitySearch(List.of(new CapacitySearch.Target(F2, F2, STEPS)), SLO, false, console::add);
    for (Step step : STEPS) {
      assertThat(all.begin(F2, step)).isTrue();
      for (int i = 0; i < 20; i++) {
        all.add(record().deployment(F2, F2).step(step.label(), step.load()).ttft(5000.0).build());
      }
    }
    assertThat(all.finish().get(0).steps()).extracting(StepResult::outcome).containsOnly(StepOutcome.BROKEN);
  }

  @Test
  void everyUserOfAStepGetsTheSameAnswerAndOnlyTheFirstAnnounces() {
    assertThat(search.begin(F2, STEPS.get(0))).isTrue();
    assertThat(search.begin(F2, STEPS.get(0))).isTrue();
    assertThat(console).filteredOn(l -> l.contains("running")).hasSize(1);
    assertThat(search.finish()).isSameAs(search.finish());
  }

  @Test
  void theResultsFileListsEveryStepWithItsOutcome(@TempDir Path dir) throws Exception {
    run(F2, STEPS.get(0), 400, 300);
    run(F2, STEPS.get(1), 40, 2500);
    Path file = dir.resolve("run-1").resolve(CapacityFile.NAME);
    CapacityFile.write(file, SLO, false, true, search.finish());

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.at("/slo/p95_ttft_ms").asDouble()).isEqualTo(2000);
    assertThat(json.at("/slo/enforced").asBoolean()).isFalse();
    JsonNode f2 = json.at("/deployments/0");
    assertThat(f2.at("/deployment").asText()).isEqualTo(F2);
    assertThat(f2.at("/capacity/step").asText()).isEqualTo("1 user");
    assertThat(f2.at("/steps/0/outcome").asText()).isEqualTo("met");
    assertThat(f2.at("/steps/0/requests").asLong()).isEqualTo(400);
    assertThat(f2.at("/steps/1/outcome").asText()).isEqualTo("broken");
    assertThat(f2.at("/steps/1/verdict").asText()).isEqualTo("p95 ttft 2500 ms > 2000 ms");
    assertThat(f2.at("/steps/1/p95_ttft_ms").asDouble()).isCloseTo(2500, within(2.0));
    assertThat(f2.at("/steps/2/outcome").asText()).isEqualTo("skipped");
    assertThat(f2.at("/steps/2/reason").asText()).isEqualTo("SLO broken at 10 users");
    assertThat(f2.at("/steps/2/requests").isMissingNode()).isTrue();
    assertThat(json.at("/deployments/1/capacity").isNull()).isTrue();
    assertThat(json.at("/deployments/1/steps/0/outcome").asText()).isEqualTo("not_run");
  }

  @Test
  void theResultsFileReadsBackWithWhyEachSkippedStepWasSkipped(@TempDir Path dir) {
    run(F2, STEPS.get(0), 400, 300);
    run(F2, STEPS.get(1), 40, 2500);
    assertThat(search.begin(F2, STEPS.get(2))).isFalse();
    Path file = dir.resolve(CapacityFile.NAME);
    CapacityFile.write(file, SLO, false, true, search.finish());

    CapacityFile.Contents read = CapacityFile.read(file);

    assertThat(read.slo().asSlo()).isEqualTo(SLO);
    CapacityFile.Deployment f2 = read.deployments().get(0);
    assertThat(f2.deployment()).isEqualTo(F2);
    assertThat(f2.capacityStep()).isEqualTo("1 user");
    assertThat(f2.steps()).extracting(CapacityFile.PlannedStep::step, CapacityFile.PlannedStep::load,
        CapacityFile.PlannedStep::outcome).containsExactly(
        tuple("1 user", 1.0, StepOutcome.MET), tuple("10 users", 10.0, StepOutcome.BROKEN),
        tuple("50 users", 50.0, StepOutcome.SKIPPED), tuple("100 users", 100.0, StepOutcome.SKIPPED));
    assertThat(f2.steps().get(2).reason()).isEqualTo("SLO broken at 10 users");
    assertThat(f2.steps().get(2).verdict()).isNull();
    assertThat(f2.brokenBefore(f2.steps().get(3))).map(CapacityFile.PlannedStep::verdict)
        .contains("p95 ttft 2500 ms > 2000 ms");
    assertThat(f2.brokenBefore(f2.steps().get(1))).isEmpty();
    assertThat(read.deployments().get(1).capacity()).isNull();
    assertThat(read.deployments().get(1).steps()).extracting(CapacityFile.PlannedStep::outcome)
        .containsOnly(StepOutcome.NOT_RUN);
  }

  @Test
  void anUnreadableResultsFileIsOneLineNamingIt(@TempDir Path dir) throws Exception {
    Path torn = Files.writeString(dir.resolve("torn.json"), "{\"slo\": {");
    Path other = Files.writeString(dir.resolve("other.json"), "{\"schema\": \"rightsize.tradeoffs/1\"}");
    Path unknown = Files.writeString(dir.resolve("unknown.json"),
        "{\"slo\": {}, \"deployments\": [{\"steps\": [{\"step\": \"1 user\", \"outcome\": \"exploded\"}]}]}");

    assertThatThrownBy(() -> CapacityFile.read(torn)).hasMessageStartingWith("cannot read " + torn);
    assertThatThrownBy(() -> CapacityFile.read(other)).hasMessage(other + " is not a capacity.json: it lacks \"slo\" or \"deployments\"");
    assertThatThrownBy(() -> CapacityFile.read(unknown)).hasMessage(unknown + " has an unknown step outcome \"exploded\"");
  }

  @Test
  void aResultsFileOfAnotherSchemaIsRefused(@TempDir Path dir) throws Exception {
    Path newer = Files.writeString(dir.resolve("newer.json"),
        "{\"schema\": \"rightsize.capacity/2\", \"slo\": {}, \"deployments\": []}");

    assertThatThrownBy(() -> CapacityFile.read(newer))
        .hasMessage(newer + " is a rightsize.capacity/2 file, not a rightsize.capacity/1 one");
  }

  private void begin(String deployment, Step step) {
    assertThat(search.begin(deployment, step)).as("%s %s runs", deployment, step.label()).isTrue();
  }

  private static void add(CapacitySearch s, Step step, int requests, double ttftMs) {
    for (int i = 0; i < requests; i++) {
      s.add(record().deployment(F2, F2).step(step.label(), step.load()).ttft(ttftMs).e2e(4000).build());
    }
  }

  /** Begins the step and adds {@code requests} ok requests of ttft {@code ttftMs} and e2e 1 s. */
  private void run(String deployment, Step step, int requests, double ttftMs) {
    begin(deployment, step);
    for (int i = 0; i < requests; i++) {
      search.add(record().deployment(deployment, deployment).step(step.label(), step.load()).ttft(ttftMs).e2e(1000).build());
    }
  }
}
