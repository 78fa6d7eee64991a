package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.emulator.EmulatorTestSupport.body;
import static rightsize.emulator.EmulatorTestSupport.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.emulator.settings.EmulatorSetup;
import rightsize.emulator.truth.ChunkKind;
import rightsize.emulator.truth.ChunkTruth;
import rightsize.emulator.truth.InFlightSample;
import rightsize.emulator.truth.RequestTruth;
import rightsize.testing.Await;

/** What the emulator records per request, and the three ways to read it. */
class GroundTruthTest {

  @Test
  void theRequestsDetailKeepsEachRequestsFactsAndItsChunksSummaryButNoChunk() throws Exception {
    EmulatorSetup settings = EmulatorTestSupport.setup(EmulatorTestSupport.FAST + "rightsize.emulator.ground-truth = requests");
    try (EmulatorServer server = EmulatorServer.start(settings, 0)) {
      post(server.uri(), "/score", body("summary", 12, true, true),
          "azureml-model-deployment", "fast", "x-ms-client-request-id", "sum-1");
      RequestTruth t = server.groundTruth().request("sum-1").orElseThrow();

      assertThat(t.chunks()).isEmpty();
      // The facts a join with the client needs are kept: first content, as scheduled and as sent.
      assertThat(t.sentCompletionTokens()).isEqualTo(t.plannedCompletionTokens()).isPositive();
      assertThat(t.firstContentScheduledNanos()).isEqualTo(t.prefillEndNanos());
      assertThat(t.firstContentNanos()).isGreaterThanOrEqualTo(t.firstContentScheduledNanos());
      // prompt filter, role, one content chunk per token (1 token per chunk), finish, usage, [DONE].
      assertThat(t.chunkCount()).isEqualTo(t.sentCompletionTokens() + 5);
      assertThat(t.maxLateNanos()).isGreaterThanOrEqualTo(t.meanLateNanos()).isNotNegative();
      assertThat(EmulatorTestSupport.getJson(server.uri(), "/_rightsize/ground-truth").get(0).get("chunkCount").asInt())
          .isEqualTo(t.chunkCount());
    }
  }

  @Test
  void eachRequestIsRecordedUnderItsClientRequestIdInArrivalOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("truth/ground-truth.jsonl");
    EmulatorSetup settings = EmulatorTestSupport.setup(
        EmulatorTestSupport.FAST + "rightsize.emulator.ground-truth-file = \"" + file.toString().replace("\\", "/") + "\"");
    long before = System.nanoTime();
    try (EmulatorServer server = EmulatorServer.start(settings, 0)) {
      for (int i = 1; i <= 3; i++) {
        post(server.uri(), "/score", body("record " + i, 12, true, true),
            "azureml-model-deployment", "fast", "x-ms-client-request-id", "gt-" + i);
      }
      post(server.uri(), "/score", body("no id", 4, false, false), "azureml-model-deployment", "fast");
      List<RequestTruth> all = server.groundTruth().requests();
      assertThat(all).extracting(RequestTruth::requestId).containsExactly("gt-1", "gt-2", "gt-3", "emulator-4");
      assertThat(all).extracting(RequestTruth::seq).containsExactly(1L, 2L, 3L, 4L);

      RequestTruth t = server.groundTruth().request("gt-2").orElseThrow();
      assertThat(t.arrivalNanos()).isGreaterThan(before);
      assertThat(t.deployment()).isEqualTo("fast");
      assertThat(t.httpStatus()).isEqualTo(200);
      assertThat(t.queueWaitNanos()).isBetween(0L, 50_000_000L);
      assertThat(t.prefillEndNanos()).isGreaterThanOrEqualTo(t.prefillStartNanos());
      assertThat(t.chunks()).extracting(ChunkTruth::kind).startsWith(ChunkKind.PROMPT_FILTER, ChunkKind.ROLE, ChunkKind.CONTENT)
          .endsWith(ChunkKind.FINISH, ChunkKind.USAGE, ChunkKind.DONE);
      List<ChunkTruth> content = t.contentChunks();
      assertThat(t.firstContentNanos()).isEqualTo(content.get(0).sentNanos());
      assertThat(t.endNanos()).isEqualTo(t.chunks().get(t.chunks().size() - 1).sentNanos());
      assertThat(t.ttftNanos()).isEqualTo(t.firstContentNanos() - t.arrivalNanos());
      assertThat(content.stream().mapToInt(ChunkTruth::tokens).sum()).isEqualTo(t.sentCompletionTokens());
      assertThat(t.sentCompletionTokens()).isEqualTo(t.plannedCompletionTokens());
      assertThat(content.get(0).scheduledNanos()).isEqualTo(t.prefillEndNanos()); // first token ends prefill
      for (ChunkTruth c : t.chunks()) {
        assertThat(c.lateNanos()).isGreaterThanOrEqualTo(0); // never sent before it was due
        assertThat(c.sentEpochMicros()).isEqualTo(server.groundTruth().epochMicros(c.sentNanos()));
      }
      long wallNow = System.currentTimeMillis() * 1000;
      assertThat(t.arrivalEpochMicros()).isBetween(wallNow - 60_000_000L, wallNow);

      JsonNode overHttp = EmulatorTestSupport.getJson(server.uri(), "/_rightsize/ground-truth?since=1&chunks=false");
      assertThat(overHttp).hasSize(3);
      assertThat(overHttp.get(0).get("requestId").asText()).isEqualTo("gt-2");
      assertThat(overHttp.get(0).get("outcome").asText()).isEqualTo("ok");
      assertThat(overHttp.get(0).get("ttftNanos").asLong()).isEqualTo(t.ttftNanos());
      assertThat(overHttp.get(0).get("chunks")).isEmpty();
      JsonNode withChunks = EmulatorTestSupport.getJson(server.uri(), "/_rightsize/ground-truth");
      assertThat(withChunks.get(1).get("chunks").get(0).get("kind").asText()).isEqualTo("prompt_filter");
      assertThat(EmulatorTestSupport.getJson(server.uri(), "/_rightsize/health").get("requests").asInt()).isEqualTo(4);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(4);
    assertThat(EmulatorTestSupport.JSON.readTree(lines.get(0)).get("requestId").asText()).isEqualTo("gt-1");
  }

  @Test
  void withSeveralEventLoopsEveryStreamIsServedWholeOnTheModelsSchedule() {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    EmulatorSetup setup = EmulatorTestSupport.setup(EmulatorTestSupport.FAST + "rightsize.emulator.event-loops = 3");
    try (EmulatorServer server = EmulatorServer.start(setup, 0)) {
      List<CompletableFuture<EmulatorTestSupport.Answer>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String b = body("loops " + i, 60, true, true);
        String id = "loops-" + i;
        calls.add(CompletableFuture.supplyAsync(
            () -> post(server.uri(), "/score", b, "azureml-model-deployment", "fast", "x-ms-client-request-id", id), pool));
      }
      List<EmulatorTestSupport.Answer> answers = calls.stream().map(CompletableFuture::join).toList();

      assertThat(answers).allSatisfy(a -> {
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.failure()).isNull();
        assertThat(a.events()).last().isEqualTo("[DONE]");
      });
      // The connections were spread over the loops; the model's loop kept one schedule for all.
      assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith(EmulatorServer.THREAD_NAME))
          .hasSizeGreaterThanOrEqualTo(3);
      for (int i = 0; i < 6; i++) {
        RequestTruth t = server.groundTruth().request("loops-" + i).orElseThrow();
        assertThat(t.outcome()).isEqualTo(rightsize.emulator.truth.Outcome.OK);
        assertThat(t.sentCompletionTokens()).isEqualTo(t.plannedCompletionTokens()).isPositive();
        assertThat(t.contentChunks()).hasSize(t.sentCompletionTokens());
      }
      List<InFlightSample> samples = awaitInFlightSamples(server, 12); // six admissions, six completions
      assertThat(samples).hasSize(12);
      assertThat(samples.get(11).inFlight()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theInFlightCountOverTimeShowsTheConcurrencyTheClientsHeld() {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (EmulatorServer server = EmulatorServer.start(EmulatorTestSupport.setup(EmulatorTestSupport.FAST), 0)) {
      List<CompletableFuture<EmulatorTestSupport.Answer>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String b = body("concurrent " + i, 100, true, false); // 60 to 100 tokens at 200 tok/s: 0.3 s or more
        calls.add(CompletableFuture.supplyAsync(() -> post(server.uri(), "/score", b, "azureml-model-deployment", "fast"), pool));
      }
      calls.forEach(CompletableFuture::join);
      List<InFlightSample> samples = awaitInFlightSamples(server, 8);
      assertThat(samples).hasSize(8); // four admissions, four completions
      assertThat(samples.get(samples.size() - 1).inFlight()).isZero();
      assertThat(server.groundTruth().maxInFlight("fast", 0, Long.MAX_VALUE)).isEqualTo(4);
      JsonNode overHttp = EmulatorTestSupport.getJson(server.uri(), "/_rightsize/in-flight?deployment=fast");
      assertThat(overHttp).hasSize(8);
      RequestTruth last = server.groundTruth().requests().get(3);
      assertThat(server.groundTruth().inFlightAt("fast", last.startNanos())).isEqualTo(4);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The in-flight samples of deployment "fast" once there are {@code count} (or after 5 s). A
   * completion is noted just after the answer's last bytes are written, so a fast client can hold
   * its answer a moment before the emulator has counted it out.
   */
  private static List<InFlightSample> awaitInFlightSamples(EmulatorServer server, int count) {
    Await.until(Duration.ofSeconds(5), () -> server.groundTruth().inFlight("fast").size() >= count);
    return server.groundTruth().inFlight("fast");
  }
}
