package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.emulator.truth.Outcome;
import rightsize.emulator.truth.RequestTruth;
import rightsize.record.RequestRecord;
import rightsize.record.Status;
import rightsize.testing.SizingRun;

/**
 * Every way a real deployment fails, injected by the emulator under load from the real default
 * simulation and Gatling engine: each failed request is classified as what the emulator did to
 * it, none is lost from the records or the report's totals, and the run goes on to the end.
 */
class FaultClassificationTest {
  /**
   * "faulty" injects every fault kind on a pattern (coprime periods, so each kind fires: the first
   * rule that fires wins); "tiny" serves one request at a time, refuses more than two in flight
   * (AML 429) and cuts answers still streaming 300 ms after they arrived (its answers take 300 to
   * 500 ms); "quota" is pay-per-token with a quota of 60
   * requests per minute in a 10 s bucket (Azure OpenAI 429). The client gives up on a first token
   * after 1 s and on a whole answer after 3 s; users pause 200 ms between requests so that refused
   * ones do not spin.
   */
  private static final String CONFIG = """
      rightsize {
        request.timeouts { first-token = 1s, total = 3s }
        deployments = [
          { name = "faulty", kind = emulator, vm-size = "Standard_F8s_v2",
            emulator { profile = "quick", max-concurrent-requests-per-instance = 8 } },
          { name = "tiny", kind = emulator, vm-size = "Standard_F2s_v2",
            emulator { profile = "slow", max-concurrent-requests-per-instance = 1, request-timeout-ms = 300 } },
          { name = "quota", kind = emulator, vm-size = "Standard_F2s_v2",
            emulator { profile = "pay-per-token", requests-per-minute = 60, tokens-per-minute = 100000 } }
        ]
        emulator {
          profiles.quick { prefill-tokens-per-second = 20000, decode-tokens-per-second = 100,
            saturated-decode-tokens-per-second = 800, saturation-streams = 8, first-token-overhead-ms = 0 }
          profiles.slow { prefill-tokens-per-second = 20000, decode-tokens-per-second = 20,
            saturated-decode-tokens-per-second = 20, saturation-streams = 1, first-token-overhead-ms = 0 }
          pay-per-token { decode-tokens-per-second = 200, first-token-overhead-ms = 0, window = 10s }
          faults.rules = [
            { kind = reset, every-nth = 5, after-chunks = 2, deployments = [faulty] },
            { kind = truncate, every-nth = 7, after-chunks = 3, deployments = [faulty] },
            { kind = malformed-chunk, every-nth = 11, after-chunks = 1, deployments = [faulty] },
            { kind = http-500, every-nth = 13, deployments = [faulty] },
            { kind = http-503, every-nth = 17, deployments = [faulty] },
            { kind = http-424, every-nth = 19, deployments = [faulty] },
            { kind = stall, every-nth = 23, after-chunks = 0, stall = 1500ms, deployments = [faulty] },
            { kind = stall, every-nth = 29, after-chunks = 2, stall = 4s, deployments = [faulty] }
          ]
        }
        workload { kind = chatbot, chatbot.max-tokens = 10 }
        population { model = closed, closed { steps = [4], hold = 5s, think-time = 200ms, warmup = 0s } }
        slo { max-error-rate = 1.0, enforce = false }
        sizing.capacity-search = false
      }
      """;

  @TempDir static Path dir;
  private static SizingRun run;
  private static Map<String, RequestTruth> truth;

  @BeforeAll
  static void runUnderFaults() throws Exception {
    run = SizingRun.run(dir, "faults", CONFIG);
    truth = run.truth.requests().stream().collect(Collectors.toMap(RequestTruth::requestId, Function.identity()));
  }

  @AfterAll
  static void stopEmulator() {
    EmbeddedEmulator.stop();
  }

  @Test
  void theRunEndsNormallyWithOneRecordForEveryRequestTheEmulatorReceived() {
    assertThat(run.status).as("failures are measured, not fatal").isZero();
    assertThat(run.records.stream().map(RequestRecord::requestId)).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(truth.keySet());
  }

  @Test
  void everyFailureIsClassifiedAsWhatTheEmulatorDid() {
    for (RequestRecord r : run.records) {
      RequestTruth t = truth.get(r.requestId());
      assertThat(r.status()).as("%s: emulator %s, fault %s, %d tokens sent; record: %s after %.0f ms (ttft %s)", r.requestId(), t.outcome(), t.fault(),
              t.sentCompletionTokens(), r.message(), r.e2eMs(), r.ttftMs())
          .isEqualTo(expected(t));
      if (r.status() == Status.HTTP_ERROR || r.status() == Status.THROTTLED) {
        assertThat(r.httpStatus()).isEqualTo(t.httpStatus());
      }
      if (r.status() == Status.THROTTLED && t.outcome() == Outcome.RATE_LIMITED) {
        // Azure OpenAI says when to retry (AML's "Too many pending requests" does not).
        assertThat(r.rateLimit()).as("retry-after of %s", r.requestId()).isNotNull();
        assertThat(r.rateLimit().retryAfterMs()).isPositive();
      }
    }
    // Every kind of failure happened at least once, so each mapping above was exercised.
    Set<Status> seen = run.records.stream().map(RequestRecord::status).collect(Collectors.toSet());
    assertThat(seen).containsExactlyInAnyOrder(Status.OK, Status.HTTP_ERROR, Status.THROTTLED, Status.TIMEOUT_FIRST_TOKEN,
        Status.TIMEOUT_TOTAL, Status.CONNECTION_LOST, Status.MALFORMED_STREAM);
    Set<Integer> httpErrors = run.records.stream().filter(r -> r.status() == Status.HTTP_ERROR)
        .map(RequestRecord::httpStatus).collect(Collectors.toSet());
    assertThat(httpErrors).contains(500, 503, 424);
    assertThat(truth.values().stream().map(RequestTruth::outcome))
        .contains(Outcome.TOO_MANY_PENDING, Outcome.RATE_LIMITED, Outcome.TIMEOUT_MID_STREAM);
  }

  @Test
  void theReportCountsEveryRequestByItsStatus() throws Exception {
    JsonNode steps = new ObjectMapper().readTree(run.runFolder.resolve("tradeoffs.json").toFile()).path("steps");
    Map<String, Long> reported = new java.util.TreeMap<>();
    long requests = 0;
    for (JsonNode step : steps) {
      requests += step.path("requests").asLong();
      step.path("status_counts").fields().forEachRemaining(e -> reported.merge(e.getKey(), e.getValue().asLong(), Long::sum));
    }
    // The report counts the measured requests: not those of the steps' ramps, tagged warm-up.
    Map<String, Long> recorded = run.records.stream().filter(r -> !r.warmup())
        .collect(Collectors.groupingBy(r -> r.status().wireName(), java.util.TreeMap::new, Collectors.counting()));
    assertThat(requests).isEqualTo(run.records.stream().filter(r -> !r.warmup()).count());
    assertThat(reported).isEqualTo(recorded);
  }

  /** What the suite must call a request the emulator treated as {@code t}. */
  private static Status expected(RequestTruth t) {
    if (t.fault() != null) {
      return switch (t.fault()) {
        case "http-500", "http-503", "http-424" -> Status.HTTP_ERROR;
        case "reset", "truncate" -> Status.CONNECTION_LOST;
        case "malformed-chunk" -> Status.MALFORMED_STREAM;
        // Silent before the first token for longer than the first-token timeout, or mid-stream past the total.
        case "stall" -> t.sentCompletionTokens() == 0 ? Status.TIMEOUT_FIRST_TOKEN : Status.TIMEOUT_TOTAL;
        default -> throw new AssertionError("unexpected fault " + t.fault());
      };
    }
    return switch (t.outcome()) {
      case OK -> Status.OK;
      case TOO_MANY_PENDING, RATE_LIMITED -> Status.THROTTLED;
      case TIMEOUT -> Status.HTTP_ERROR;
      case TIMEOUT_MID_STREAM -> Status.CONNECTION_LOST;
      default -> throw new AssertionError("unexpected outcome " + t.outcome() + " of " + t.requestId());
    };
  }
}
