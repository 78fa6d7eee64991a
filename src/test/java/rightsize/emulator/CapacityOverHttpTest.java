package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.emulator.EmulatorTestSupport.body;
import static rightsize.emulator.EmulatorTestSupport.post;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rightsize.emulator.EmulatorTestSupport.Answer;
import rightsize.emulator.truth.ChunkTruth;
import rightsize.emulator.truth.Outcome;
import rightsize.emulator.truth.RequestTruth;
import rightsize.testing.Await;

/** Capacity semantics through the real server, checked against its ground truth rather than the wall clock. */
class CapacityOverHttpTest {
  private static EmulatorServer server;
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    server = EmulatorServer.start(EmulatorTestSupport.setup("""
        rightsize.emulator.profiles.test-slow {
          prefill-tokens-per-second = 100000
          decode-tokens-per-second = 20
          saturated-decode-tokens-per-second = 30
          saturation-streams = 2
          first-token-overhead-ms = 0
        }
        rightsize.deployments = [
          { name = one-slot, emulator { profile = test-slow, max-concurrent-requests-per-instance = 1 } }
          { name = batch, emulator { profile = test-slow, max-concurrent-requests-per-instance = 4 } }
          { name = quick-timeout, emulator { profile = test-slow, max-concurrent-requests-per-instance = 1, request-timeout-ms = 300 } }
          { name = ppt, emulator { profile = pay-per-token, tokens-per-minute = 1000, requests-per-minute = 100, decode-tokens-per-second = 5000 } }
        ]
        """), 0);
    pool = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    server.close();
  }

  private static CompletableFuture<Answer> async(String deployment, String requestId, String body) {
    return CompletableFuture.supplyAsync(() -> post(server.uri(), "/score", body,
        "azureml-model-deployment", deployment, "x-ms-client-request-id", requestId), pool);
  }

  private static RequestTruth truth(String requestId) {
    return server.groundTruth().request(requestId).orElseThrow();
  }

  @Test
  void beyondMaxConcurrentRequestsQueueAndBeyondTwiceThatTheyGet429() {
    List<CompletableFuture<Answer>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(async("one-slot", "pending-" + i, body("queue me " + i, 10, true, true)));
    }
    List<Answer> answers = calls.stream().map(CompletableFuture::join).toList();
    assertThat(answers).extracting(Answer::status).containsExactlyInAnyOrder(200, 200, 429);
    Answer refused = answers.stream().filter(a -> a.status() == 429).findFirst().orElseThrow();
    assertThat(refused.json().at("/error/message").asText())
        .startsWith("Too many pending requests").contains("= 2 requests");
    List<RequestTruth> served = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RequestTruth t = truth("pending-" + i);
      if (t.outcome() == Outcome.OK) {
        served.add(t);
      } else {
        assertThat(t.outcome()).isEqualTo(Outcome.TOO_MANY_PENDING);
        assertThat(t.httpStatus()).isEqualTo(429);
      }
    }
    served.sort(Comparator.comparing(RequestTruth::startNanos));
    RequestTruth first = served.get(0);
    RequestTruth second = served.get(1);
    // The second waited in the queue until the first's slot was released right after its last write.
    assertThat(second.startNanos()).isGreaterThanOrEqualTo(first.endNanos());
    assertThat(second.startNanos() - first.endNanos()).isLessThan(5_000_000L);
    assertThat(second.queueWaitNanos()).isGreaterThan(first.e2eNanos() / 2);
    assertThat(server.groundTruth().maxInFlight("one-slot", 0, Long.MAX_VALUE)).isEqualTo(2);
  }

  @Test
  void streamsSharingAnInstanceDecodeSlowerThanAStreamAlone() {
    async("batch", "solo", body("alone", 10, true, false)).join();
    CompletableFuture<Answer> a = async("batch", "pair-a", body("together a", 24, true, false));
    CompletableFuture<Answer> b = async("batch", "pair-b", body("together b", 24, true, false));
    a.join();
    b.join();
    assertThat(gaps(truth("solo"))).allSatisfy(g -> assertThat(g).isEqualTo(50_000_000L)); // 1 / 20 tok/s
    // Two streams: 20 / (1 + beta) with beta = 2 x 20 / 30 - 1, i.e. 15 tok/s each.
    long shared = Math.round(1e9 / 15);
    assertThat(gaps(truth("pair-a"))).contains(shared);
    assertThat(gaps(truth("pair-b"))).contains(shared);
    assertThat(gaps(truth("pair-a"))).allSatisfy(g -> assertThat(g).isIn(50_000_000L, shared));
  }

  /** Waits until the emulator has given {@code requestId} a slot. */
  private static void awaitStarted(String requestId) {
    assertThat(Await.until(Duration.ofSeconds(5), () -> server.groundTruth().request(requestId).map(RequestTruth::startNanos).isPresent()))
        .as("%s never started", requestId).isTrue();
  }

  /** Gaps between the scheduled times of consecutive content chunks. */
  private static List<Long> gaps(RequestTruth t) {
    List<ChunkTruth> content = t.contentChunks();
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < content.size(); i++) {
      gaps.add(content.get(i).scheduledNanos() - content.get(i - 1).scheduledNanos());
    }
    assertThat(gaps).isNotEmpty();
    return gaps;
  }

  @Test
  void aRequestNotAnsweredWithinTheTimeoutGets408() {
    CompletableFuture<Answer> longOne = async("quick-timeout", "slow-plain", body("long", 400, false, false));
    awaitStarted("slow-plain");
    CompletableFuture<Answer> queued = async("quick-timeout", "queued-plain", body("waiting", 400, false, false));
    Answer a = longOne.join();
    Answer b = queued.join();
    assertThat(a.status()).isEqualTo(408);
    assertThat(b.status()).isEqualTo(408);
    assertThat(a.json().at("/error/message").asText()).contains("request_timeout_ms (300 ms)");
    for (String id : List.of("slow-plain", "queued-plain")) {
      RequestTruth t = truth(id);
      assertThat(t.outcome()).isEqualTo(Outcome.TIMEOUT);
      assertThat(t.e2eNanos()).isGreaterThanOrEqualTo(300_000_000L);
    }
  }

  @Test
  void aStreamStillRunningAtTheTimeoutIsCut() {
    Answer a = async("quick-timeout", "slow-stream", body("long", 100, true, true)).join();
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.events()).doesNotContain("[DONE]");
    RequestTruth t = truth("slow-stream");
    assertThat(t.outcome()).isEqualTo(Outcome.TIMEOUT_MID_STREAM);
    assertThat(t.sentCompletionTokens()).isBetween(1, 10);
  }

  @Test
  void payPerTokenQuotaCountsMaxTokensUpFrontAndAnswers429WithRetryHeaders() {
    Answer first = async("ppt", "ppt-1", body("hi", 600, false, false)).join();
    assertThat(first.status()).isEqualTo(200);
    assertThat(Long.parseLong(first.header("x-ratelimit-remaining-tokens"))).isBetween(300L, 400L);
    assertThat(first.header("x-ratelimit-remaining-requests")).isEqualTo("99");
    Answer second = async("ppt", "ppt-2", body("hi", 600, false, false)).join();
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.json().at("/error/code").asText()).isEqualTo("429");
    assertThat(second.json().at("/error/message").asText())
        .contains("have exceeded token rate limit").contains("Please retry after");
    long retryMs = Long.parseLong(second.header("retry-after-ms"));
    assertThat(retryMs).isBetween(10_000L, 20_000L); // ~210 tokens short at 1000/60 tokens per second
    assertThat(Long.parseLong(second.header("retry-after"))).isEqualTo((retryMs + 999) / 1000);
    assertThat(truth("ppt-2").outcome()).isEqualTo(Outcome.RATE_LIMITED);
  }
}
