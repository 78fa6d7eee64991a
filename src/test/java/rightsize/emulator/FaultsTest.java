package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.emulator.EmulatorTestSupport.body;
import static rightsize.emulator.EmulatorTestSupport.post;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rightsize.emulator.EmulatorTestSupport.Answer;
import rightsize.emulator.truth.ChunkKind;
import rightsize.emulator.truth.ChunkTruth;
import rightsize.emulator.truth.Outcome;
import rightsize.emulator.truth.RequestTruth;

/** Faults on demand: by request header, or by configured rules at a rate or every Nth request. */
class FaultsTest {
  private static EmulatorServer server;

  @BeforeAll
  static void start() {
    server = EmulatorServer.start(EmulatorTestSupport.setup(EmulatorTestSupport.FAST + """
        rightsize.deployments += { name = every-third, emulator { profile = test-fast } }
        rightsize.deployments += { name = always-503, emulator { profile = test-fast } }
        rightsize.emulator.faults.rules = [
          { kind = http-500, every-nth = 3, deployments = [every-third] }
          { kind = http-503, rate = 1.0, deployments = [always-503] }
        ]
        """), 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Answer call(String id, String fault, boolean stream) {
    return post(server.uri(), "/score", body("fault please", 30, stream, stream),
        "azureml-model-deployment", "fast", "x-ms-client-request-id", id, "x-rightsize-fault", fault);
  }

  private static RequestTruth truth(String id) {
    return server.groundTruth().request(id).orElseThrow();
  }

  @Test
  void http500And503And424ReplaceTheAnswer() {
    Answer e500 = call("f-500", "http-500", true);
    Answer e503 = call("f-503", "http-503", true);
    Answer e424 = call("f-424", "http-424", false);
    assertThat(e500.status()).isEqualTo(500);
    assertThat(e500.json().at("/error/code").asText()).isEqualTo("InternalServerError");
    assertThat(e503.status()).isEqualTo(503);
    assertThat(e503.json().at("/error/code").asText()).isEqualTo("ServiceUnavailable");
    assertThat(e424.status()).isEqualTo(424);
    assertThat(e424.header("ms-azureml-model-error-statuscode")).isEqualTo("500");
    assertThat(truth("f-500").outcome()).isEqualTo(Outcome.FAULT_HTTP_ERROR);
    assertThat(truth("f-500").fault()).isEqualTo("http-500");
  }

  @Test
  void aResetCutsTheStreamAfterTheGivenChunks() {
    Answer a = call("f-reset", "reset; after-chunks=3", true);
    assertThat(a.failure()).isInstanceOf(IOException.class);
    RequestTruth t = truth("f-reset");
    assertThat(t.outcome()).isEqualTo(Outcome.FAULT_RESET);
    assertThat(t.contentChunks()).hasSize(3);
    assertThat(t.sentCompletionTokens()).isEqualTo(3);
  }

  @Test
  void aTruncatedStreamEndsWithoutDone() {
    Answer a = call("f-trunc", "truncate; after-chunks=2", true);
    assertThat(a.events()).doesNotContain("[DONE]");
    assertThat(a.events().stream().filter(e -> e.contains("\"content\":\"") && !e.contains("\"role\"")).count())
        .isEqualTo(2);
    assertThat(truth("f-trunc").outcome()).isEqualTo(Outcome.FAULT_TRUNCATED);
    assertThat(truth("f-trunc").chunks()).extracting(ChunkTruth::kind).doesNotContain(ChunkKind.DONE);
  }

  @Test
  void aStallHoldsBackTheNextChunkThenTheStreamCarriesOn() {
    Answer a = call("f-stall", "stall; after-chunks=2; stall-ms=400", true);
    assertThat(a.events()).last().isEqualTo("[DONE]");
    List<ChunkTruth> content = truth("f-stall").contentChunks();
    long scheduledGap = content.get(2).scheduledNanos() - content.get(1).scheduledNanos();
    assertThat(scheduledGap).isEqualTo(400_000_000L + 5_000_000L); // the stall plus one token at 200 tok/s
    // Timers never fire early, so nothing was sent for at least the stall after chunk 2 was due.
    assertThat(content.get(2).sentNanos() - content.get(1).scheduledNanos()).isGreaterThanOrEqualTo(405_000_000L);
    assertThat(truth("f-stall").outcome()).isEqualTo(Outcome.OK);
  }

  @Test
  void aStallAfterNoChunkHoldsBackTheFirstToken() {
    Answer a = call("f-stall-0", "stall; after-chunks=0; stall-ms=400", true);
    assertThat(a.events()).last().isEqualTo("[DONE]");
    RequestTruth t = truth("f-stall-0");
    List<ChunkTruth> content = t.contentChunks();
    // The first content chunk is due the stall after the end of prefill; the rest follow at 200 tok/s.
    assertThat(content.get(0).scheduledNanos() - t.prefillEndNanos()).isEqualTo(400_000_000L);
    assertThat(content.get(1).scheduledNanos() - content.get(0).scheduledNanos()).isEqualTo(5_000_000L);
    assertThat(t.ttftNanos()).isGreaterThanOrEqualTo(400_000_000L);
    assertThat(t.outcome()).isEqualTo(Outcome.OK);
  }

  @Test
  void aMalformedChunkIsInvalidJsonAndTheStreamCarriesOn() {
    Answer a = call("f-bad", "malformed-chunk; after-chunks=1", true);
    assertThat(a.events()).last().isEqualTo("[DONE]");
    List<String> invalid = new ArrayList<>();
    for (String e : a.events()) {
      try {
        EmulatorTestSupport.JSON.readTree(e.equals("[DONE]") ? "null" : e);
      } catch (IOException x) {
        invalid.add(e);
      }
    }
    assertThat(invalid).hasSize(1);
    assertThat(truth("f-bad").chunks()).extracting(ChunkTruth::kind).containsOnlyOnce(ChunkKind.MALFORMED);
  }

  @Test
  void nonStreamingAnswersCanBeResetOrTruncatedToo() {
    assertThat(call("f-plain-reset", "reset", false).failure()).isInstanceOf(IOException.class);
    assertThat(truth("f-plain-reset").outcome()).isEqualTo(Outcome.FAULT_RESET);
    Answer cut = call("f-plain-trunc", "truncate", false);
    assertThat(cut.status()).isEqualTo(200);
    assertThat(cut.failure()).isInstanceOf(IOException.class); // the body ends before its content-length
    assertThat(truth("f-plain-trunc").outcome()).isEqualTo(Outcome.FAULT_TRUNCATED);
  }

  @Test
  void configuredRulesFireEveryNthRequestOrAtTheirRate() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(post(server.uri(), "/score", body("n " + i, 3, false, false),
          "azureml-model-deployment", "every-third").status());
    }
    assertThat(statuses).containsExactly(200, 200, 500, 200, 200, 500);
    assertThat(post(server.uri(), "/score", body("x", 3, true, true), "azureml-model-deployment", "always-503").status())
        .isEqualTo(503);
    assertThat(post(server.uri(), "/score", body("x", 3, true, true), "azureml-model-deployment", "fast").status())
        .isEqualTo(200);
  }

  @Test
  void anUnknownFaultInTheHeaderIs400NamingTheChoices() {
    Answer a = call("f-unknown", "explode", true);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().at("/error/message").asText()).contains("unknown emulator fault 'explode'");
  }
}
