package rightsize.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.config.RightsizeSettings;
import rightsize.emulator.EmbeddedEmulator;
import rightsize.emulator.truth.InFlightSample;
import rightsize.injector.InjectorLog;
import rightsize.record.LoadUnit;
import rightsize.record.RequestRecord;
import rightsize.record.Status;
import rightsize.report.ReportGenerator;
import rightsize.report.ReportRequest;
import rightsize.testing.SchedulingProbe;
import rightsize.testing.SizingRun;

/**
 * Short sizing runs (a couple of seconds per step) of the real default simulation with the real
 * Gatling engine against the embedded emulator.
 */
class SizingIntegrationTest {
  /**
   * Two emulated deployments: one fast and roomy (answers of 20 tokens take 120 to 200 ms, long
   * against the client's gap between two requests), one whose first token always comes too late.
   */
  private static final String DEPLOYMENTS = """
      rightsize {
        deployments = [
          { name = "fast", kind = emulator, vm-size = "Standard_F8s_v2",
            emulator { profile = "it-fast", max-concurrent-requests-per-instance = 64 } },
          { name = "slow", kind = emulator, vm-size = "Standard_F2s_v2",
            emulator { profile = "it-slow", max-concurrent-requests-per-instance = 64 } }
        ]
        emulator.profiles {
          it-fast { prefill-tokens-per-second = 200000, decode-tokens-per-second = 100,
                    saturated-decode-tokens-per-second = 6400, saturation-streams = 64, first-token-overhead-ms = 0 }
          it-slow { prefill-tokens-per-second = 200000, decode-tokens-per-second = 1000,
                    saturated-decode-tokens-per-second = 64000, saturation-streams = 64, first-token-overhead-ms = 400 }
        }
      }
      """;

  @TempDir static Path dir;

  @AfterAll
  static void stopEmulator() {
    EmbeddedEmulator.stop();
  }

  @Test
  void closedChatbotSweepTagsEveryRequestHoldsConcurrencyAndSkipsBrokenSteps() throws Exception {
    SchedulingProbe probe = new SchedulingProbe();
    SizingRun run = SizingRun.runWithGatlingReport(dir, "closed-chatbot", DEPLOYMENTS + """
        rightsize {
          workload { kind = chatbot, chatbot.max-tokens = 20 }
          population { model = closed, closed { steps = [2, 8, 16], min-hold = 2s, max-hold = 8s, think-time = 0s, warmup = 1s, ramp = 1s } }
          slo { p95-ttft = 300ms, p95-e2e = 5s, max-error-rate = 0.05, enforce = false }
          sizing { capacity-search = true }
          monitor.grain = 1s
        }
        """);
    probe.close();

    assertThat(run.status).as("a broken SLO is only reported when not enforced").isZero();

    // A record for every request the emulator received, each tagged with its size and step.
    assertThat(run.records).hasSize((int) run.truth.count());
    assertThat(run.records).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.OK));
    Map<String, Set<String>> stepsByDeployment = run.records.stream().collect(Collectors.groupingBy(
        RequestRecord::deployment, Collectors.mapping(RequestRecord::step, Collectors.toSet())));
    assertThat(stepsByDeployment).containsOnly(
        Map.entry("fast", Set.of("warmup", "2 users", "8 users", "16 users")),
        // slow breaks the SLO (first token 400 ms > 300 ms) at 2 users: 8 and 16 users are skipped.
        Map.entry("slow", Set.of("warmup", "2 users")));
    assertThat(run.records).allSatisfy(r -> {
      assertThat(r.vmSize()).isEqualTo(r.deployment().equals("fast") ? "Standard_F8s_v2" : "Standard_F2s_v2");
      assertThat(r.load()).isEqualTo(r.step().equals("warmup") ? 2.0 : Double.parseDouble(r.step().split(" ")[0]));
      assertThat(r.loadUnit()).isEqualTo(LoadUnit.USERS);
      if (r.step().equals("warmup")) {
        assertThat(r.warmup()).isTrue();
      }
      assertThat(r.request()).isEqualTo("chat");
    });
    // A step's first second is its ramp: the requests sent before its last user started are tagged
    // warm-up, and all of them started before the step's first measured request. A request is tagged
    // when its user sends it and timed when the client writes it: the two may swap by as much as the
    // machine delayed a thread meanwhile, and 2 ms of hand-over.
    long slackMicros = (long) (probe.worstMs() * 1000) + 2_000;
    for (String step : List.of("8 users", "16 users")) {
      List<RequestRecord> ofStep = run.records.stream().filter(r -> r.deployment().equals("fast") && r.step().equals(step)).toList();
      long firstMeasured = ofStep.stream().filter(r -> !r.warmup()).mapToLong(RequestRecord::startEpochMicros).min().orElseThrow();
      assertThat(ofStep.stream().filter(RequestRecord::warmup)).as("the ramp of %s", step).isNotEmpty()
          .allSatisfy(r -> assertThat(r.startEpochMicros()).isLessThanOrEqualTo(firstMeasured + slackMicros));
    }

    // The closed model holds exactly the configured concurrency (emulator's ground truth).
    assertHeldConcurrency(run, "fast", "8 users", 8);
    assertHeldConcurrency(run, "fast", "16 users", 16);

    // Adaptive holds: fast's 16 users were shown within the SLO, and the step ended then, well before
    // its 8 s max-hold.
    long[] window = run.records.stream().filter(r -> r.deployment().equals("fast") && r.step().equals("16 users")
        && !r.warmup()).map(r -> new long[] {r.startEpochMicros(), r.startEpochMicros() + (long) (r.e2eMs() * 1000)})
        .reduce((x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])}).orElseThrow();
    assertThat(window[1] - window[0]).as("micros of fast's 16-user step").isLessThan(7_000_000);
    // The capacity search's verdicts, skipped steps included, are in capacity.json.
    assertThat(run.capacity.at("/deployments/0/capacity/step").asText()).isEqualTo("16 users");
    assertThat(run.capacity.at("/deployments/1/capacity").isNull()).isTrue();
    assertThat(run.capacity.at("/deployments/1/steps/0/outcome").asText()).isEqualTo("broken");
    assertThat(run.capacity.at("/deployments/1/steps/1/outcome").asText()).isEqualTo("skipped");
    assertThat(run.capacity.at("/deployments/1/steps/2/outcome").asText()).isEqualTo("skipped");
    // Skipped steps cost no hold: the run ended right after slow's last measured request and the two
    // skipped steps' ramps (Gatling injects their users over 1 s each; each leaves at once), not 2 x 2 s later.
    long lastSlowEndMillis = run.records.stream().filter(r -> r.deployment().equals("slow"))
        .mapToLong(r -> (r.startEpochMicros() + (long) (r.e2eMs() * 1000)) / 1000).max().orElseThrow();
    // (Plus how late this machine ran a probe thread meanwhile: the end of a run waits for threads too.)
    assertThat(run.capacityWrittenMillis - lastSlowEndMillis).isLessThan(2 * 1000 + 2000 + (long) probe.worstMs());

    // The load generator watched itself from start to close, and the report tells each step how it fared.
    InjectorLog injector = InjectorLog.read(run.runFolder);
    assertThat(injector.inputs()).extracting(InjectorLog.Input::unreadableLines).containsExactly(0L);
    assertThat(injector.samples()).isNotEmpty().allSatisfy(sample -> {
      assertThat(sample.injector()).isEqualTo("injector-1");
      assertThat(sample.wakeups()).isPositive();
    });
    JsonNode tradeoffs = new ObjectMapper().readTree(run.runFolder.resolve("tradeoffs.json").toFile());
    assertThat(tradeoffs.path("steps")).hasSize(4).allSatisfy(step -> {
      assertThat(step.path("injector").path("seconds").asInt()).isPositive();
      assertThat(step.path("injector").path("worst_stall_ms").asDouble()).isNotNegative();
    });

    // After the run the emulator's Azure Monitor metrics were read into telemetry.json, through the
    // Azure SDK pipeline over HTTPS, and every step has its server side: more users, hotter CPU.
    JsonNode telemetry = new ObjectMapper().readTree(run.runFolder.resolve("telemetry.json").toFile());
    assertThat(telemetry.path("deployments")).extracting(d -> d.path("deployment").asText() + " " + d.path("status").asText())
        .containsExactly("fast COLLECTED", "slow COLLECTED");
    assertThat(telemetry.findValues("missing")).allSatisfy(m -> assertThat(m.isNull()).isTrue());
    assertThat(tradeoffs.path("steps")).allSatisfy(step -> {
      assertThat(step.path("server").path("grains").asInt()).isPositive();
      assertThat(step.path("server").path("figures").path("cpu").path("mean").asDouble()).isBetween(0.0, 100.0);
    });
    assertThat(tradeoffs.at("/steps/2/server/figures/cpu/mean").asDouble())
        .as("fast at 16 users runs hotter than at 2").isGreaterThan(tradeoffs.at("/steps/0/server/figures/cpu/mean").asDouble());

    // Gatling's own report agrees with the records step by step: every step's group row of "chat"
    // (warm-ups included, skipped steps have none) is compared with that step's records.
    new ReportGenerator(RightsizeSettings.reference())
        .generate(ReportRequest.of(run.runFolder).withGatlingReports(List.of(run.gatlingReport)));
    JsonNode gatling = new ObjectMapper().readTree(run.runFolder.resolve("tradeoffs.json").toFile()).path("gatling");
    assertThat(gatling.path("problems")).isEmpty();
    assertThat(gatling.path("agree").asBoolean()).isTrue();
    JsonNode chat = gatling.path("rows").get(0);
    assertThat(chat.path("name").asText()).isEqualTo("chat");
    assertThat(chat.path("records").path("total").asLong()).isEqualTo(run.records.size());
    Set<String> comparedRows = new java.util.TreeSet<>();
    chat.path("percentiles").forEach(p -> comparedRows.add(p.path("path").asText()));
    assertThat(comparedRows).containsExactlyInAnyOrder(
        "fast (Standard_F8s_v2) · warmup / chat", "fast (Standard_F8s_v2) · 2 users / chat",
        "fast (Standard_F8s_v2) · 8 users / chat", "fast (Standard_F8s_v2) · 16 users / chat",
        "slow (Standard_F2s_v2) · warmup / chat", "slow (Standard_F2s_v2) · 2 users / chat");
  }

  @Test
  void aLoadGeneratorWithNoUserInAStepSendsNothingThenButKeepsTheStepsTime() throws Exception {
    // Generator 2 of 2: the warm-up and the step of 1 user (total) are the other generator's, the
    // step of 2 users is one user each. A step this generator sent nothing in is inconclusive: it
    // must not count as broken and skip the rest.
    SizingRun run = SizingRun.run(dir, "second-of-two", DEPLOYMENTS + """
        rightsize {
          run.injectors { count = 2, index = 2 }
          workload { kind = chatbot, chatbot.max-tokens = 20 }
          population { model = closed, closed { steps = [1, 2], hold = 2s, think-time = 0s, warmup = 2s } }
          slo { p95-ttft = 5s, p95-e2e = 10s }
          sizing { capacity-search = true }
        }
        """);

    assertThat(run.status).isZero();
    assertThat(run.records).hasSize((int) run.truth.count());
    assertThat(run.records).isNotEmpty().allSatisfy(r -> {
      assertThat(r.step()).as("only the step with a user here").isEqualTo("2 users");
      assertThat(r.load()).as("the total, not this generator's share").isEqualTo(2.0);
    });
    assertThat(run.records.stream().map(RequestRecord::deployment).distinct()).containsExactlyInAnyOrder("fast", "slow");
    for (String deployment : List.of("fast", "slow")) {
      assertThat(run.truth.inFlight(deployment).stream().mapToInt(InFlightSample::inFlight).max().orElseThrow())
          .as("most in flight at %s: this generator's 1 of the 2 users", deployment).isEqualTo(1);
    }

    // Between fast's last request and slow's first, slow's warm-up and 1-user step still took their
    // 2 s each here, as on the generator that runs them. (Without a user, each would only take
    // Gatling's hand-over from one scenario to the next, about 1 s.)
    long fastEndMicros = run.records.stream().filter(r -> r.deployment().equals("fast"))
        .mapToLong(r -> r.startEpochMicros() + (long) (r.e2eMs() * 1000)).max().orElseThrow();
    long slowStartMicros = run.records.stream().filter(r -> r.deployment().equals("slow"))
        .mapToLong(RequestRecord::startEpochMicros).min().orElseThrow();
    assertThat(slowStartMicros - fastEndMicros).as("micros between the deployments' measured steps").isGreaterThanOrEqualTo(4_000_000);

    // Each idle step still began here (its one idle user passes the capacity search), so it is
    // inconclusive rather than not run, and the sweep went on to the next step, which ran (one user
    // for 2 s: too few requests to show a p95 within the SLO either).
    for (int d = 0; d < 2; d++) {
      assertThat(run.capacity.at("/deployments/" + d + "/steps/0/outcome").asText()).isEqualTo("inconclusive");
      assertThat(run.capacity.at("/deployments/" + d + "/steps/1/outcome").asText()).isEqualTo("inconclusive");
      assertThat(run.capacity.at("/deployments/" + d + "/steps/1/requests").asLong()).isPositive();
    }
  }

  @Test
  void openSummarizationRunsPoissonArrivalsAndPassesAnEnforcedSlo() throws Exception {
    SizingRun run = SizingRun.run(dir, "open-summarization", DEPLOYMENTS + """
        rightsize {
          run.sizes = "fast"
          workload { kind = summarization, summarization.max-tokens = 10 }
          population { model = open, open { steps = [10], hold = 3s, think-time = 0s, warmup = 0s } }
          slo { p95-ttft = 5s, p95-e2e = 10s, max-error-rate = 0.01, enforce = true }
        }
        """);

    assertThat(run.status).as("the SLO assertions find their rows and pass").isZero();
    assertThat(run.records).hasSize((int) run.truth.count());
    assertThat(run.records).allSatisfy(r -> {
      assertThat(r.deployment()).isEqualTo("fast");
      assertThat(r.step()).isEqualTo("10.0 users/s");
      assertThat(r.load()).isEqualTo(10.0);
      assertThat(r.loadUnit()).isEqualTo(LoadUnit.ARRIVALS_PER_SECOND);
      assertThat(r.warmup()).isFalse();
      assertThat(r.request()).isEqualTo("summarize");
      // Documents of a few hundred tokens and more were sent.
      assertThat(r.tokens().prompt()).isGreaterThan(300);
    });
    // 10 users/s for 3 s, one request each: 30 expected; Poisson sd ~5.5.
    assertThat(run.records.size()).isBetween(12, 48);
  }

  @Test
  void aChatUserSendsItsHistoryWithEveryTurnAndAnEnforcedBrokenSloFailsTheRun() throws Exception {
    Path chat = dir.resolve("one-conversation.jsonl");
    String turn = "Please tell me more about the history of bread baking in northern European villages and towns. ";
    Files.writeString(chat, "{\"id\":\"c1\",\"system\":\"Be brief.\",\"turns\":[\"" + turn + "\",\"" + turn + turn
        + "\",\"" + turn + "\"]}\n");
    SizingRun run = SizingRun.run(dir, "history", DEPLOYMENTS + """
        rightsize {
          run.sizes = "slow"
          workload { kind = chatbot, chatbot { file = "%s", max-tokens = 8 } }
          population { model = closed, closed { steps = [1], hold = 2s, think-time = 0s, warmup = 0s } }
          slo { p95-ttft = 300ms, enforce = true }
        }
        """.formatted(chat.toString().replace("\\", "/")));

    // slow's first token takes 400 ms > 300 ms.
    assertThat(run.status).as("Gatling fails the run on a broken enforced SLO").isEqualTo(2);
    List<Integer> prompts = run.records.stream()
        .sorted(java.util.Comparator.comparingLong(RequestRecord::startEpochMicros))
        .map(r -> r.tokens().prompt()).toList();
    assertThat(prompts).hasSizeGreaterThanOrEqualTo(4);
    // Turn 2 carries turn 1, its answer and a twice-as-long question; turn 3 all of that again; then a new conversation.
    assertThat(prompts.get(1) - prompts.get(0)).isGreaterThan(2 * 18);
    assertThat(prompts.get(2) - prompts.get(1)).isGreaterThan(18);
    assertThat(prompts.get(3)).isEqualTo(prompts.get(0));
  }

  @Test
  void aFailedTurnEndsTheConversation() throws Exception {
    Path chat = dir.resolve("three-turns.jsonl");
    Files.writeString(chat, "{\"id\":\"c1\",\"turns\":[\"First question about gardens.\",\"Second question, a much longer one about"
        + " watering tomatoes on a sunny balcony in summer.\",\"Third.\"]}\n");
    SizingRun run = SizingRun.run(dir, "failed-turn", DEPLOYMENTS + """
        rightsize {
          run.sizes = "fast"
          emulator.faults.rules = [ { kind = http-500, every-nth = 2 } ]
          workload { kind = chatbot, chatbot { file = "%s", max-tokens = 8 } }
          population { model = closed, closed { steps = [1], hold = 2s, think-time = 0s, warmup = 0s } }
        }
        """.formatted(chat.toString().replace("\\", "/")));

    // Every second request fails: each failed second turn ends the conversation, so every
    // successful request is a first turn again, never a second or third turn with a broken history.
    List<RequestRecord> ok = run.records.stream().filter(r -> r.status() == Status.OK).toList();
    assertThat(ok).hasSizeGreaterThanOrEqualTo(3);
    assertThat(ok.stream().map(r -> r.tokens().prompt()).distinct()).hasSize(1);
    assertThat(run.records.size() - ok.size()).isGreaterThanOrEqualTo(ok.size() - 1);
  }

  /**
   * The emulator's in-flight count for {@code deployment} never exceeded {@code users} during the
   * step and stayed at it on (time-weighted) average over the step's middle.
   */
  private static void assertHeldConcurrency(SizingRun run, String deployment, String step, int users) {
    List<RequestRecord> records = run.records.stream()
        .filter(r -> r.deployment().equals(deployment) && r.step().equals(step) && !r.warmup()).toList();
    long from = records.stream().mapToLong(RequestRecord::startEpochMicros).min().orElseThrow();
    long to = records.stream().mapToLong(r -> r.startEpochMicros() + (long) (r.e2eMs() * 1000)).max().orElseThrow();
    List<InFlightSample> samples = run.truth.inFlight(deployment);
    assertThat(samples.stream().filter(s -> s.epochMicros() >= from && s.epochMicros() <= to).mapToInt(InFlightSample::inFlight).max().orElseThrow())
        .as("most in flight during %s", step).isEqualTo(users);
    long windowFrom = from + (to - from) / 4;
    long windowTo = to - (to - from) / 4;
    double weighted = 0;
    for (int i = 0; i < samples.size(); i++) {
      long start = Math.max(samples.get(i).epochMicros(), windowFrom);
      long end = Math.min(i + 1 < samples.size() ? samples.get(i + 1).epochMicros() : Long.MAX_VALUE, windowTo);
      if (end > start) {
        weighted += samples.get(i).inFlight() * (double) (end - start);
      }
    }
    assertThat(weighted / (windowTo - windowFrom)).as("mean in flight during %s", step).isCloseTo(users, within(users * 0.1));
  }
}
