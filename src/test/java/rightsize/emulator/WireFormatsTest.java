package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.emulator.EmulatorTestSupport.JSON;
import static rightsize.emulator.EmulatorTestSupport.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rightsize.emulator.EmulatorTestSupport.Answer;
import rightsize.emulator.text.PromptTokens;
import rightsize.emulator.truth.ChunkKind;
import rightsize.emulator.truth.ChunkTruth;
import rightsize.emulator.truth.Outcome;
import rightsize.emulator.truth.RequestTruth;
import rightsize.testing.Await;

/**
 * Each wire format on the Azure ML route, streamed and not, gives the documented body (compare
 * ../shared/fixtures/app-endpoints) with its ground truth recorded as for OpenAI answers; refusals
 * and Azure ML's 429 apply to every format.
 */
class WireFormatsTest {
  private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  private static EmulatorServer server;
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    server = EmulatorServer.start(EmulatorTestSupport.setup(EmulatorTestSupport.FAST + """
        rightsize.emulator.output-length.default-max-tokens = 64
        rightsize.emulator.app-profiles.test-app {
          cpu-ms-per-request = 50, workers-per-vcpu = 1, threads-per-worker = 2
          model { first-token-ms = 100, prefill-tokens-per-second = 20000, decode-tokens-per-second = 500 }
        }
        rightsize.deployments = ${rightsize.deployments} [
          { name = flow, wire-format = promptflow, emulator { profile = test-fast, max-concurrent-requests-per-instance = 1 } }
          { name = foundry-flow, wire-format = promptflow, emulator.profile = test-fast,
            promptflow { input-field = chat_input, output-field = chat_output } }
          { name = catalog, wire-format = aml-chat, emulator { profile = test-fast, max-concurrent-requests-per-instance = 1 } }
          { name = app, wire-format = custom, emulator { profile = test-fast, max-concurrent-requests-per-instance = 1 } }
          { name = flow-app, wire-format = promptflow, vm-size = Standard_F2s_v2, emulator.profile = test-app }
        ]
        """), 0);
    pool = Executors.newFixedThreadPool(6);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    server.close();
  }

  private static Answer score(String deployment, String id, String body, String... headers) {
    List<String> all = new ArrayList<>(List.of("azureml-model-deployment", deployment, "x-ms-client-request-id", id));
    all.addAll(List.of(headers));
    return post(server.uri(), "/score", body, all.toArray(String[]::new));
  }

  private static RequestTruth truth(String id) {
    return server.groundTruth().request(id).orElseThrow();
  }

  private static List<ChunkKind> kinds(RequestTruth t) {
    return t.chunks().stream().map(ChunkTruth::kind).toList();
  }

  /** The ground truth's content chunks are exactly the events carrying text, and the text is their tokens. */
  private static void assertContentMatchesTruth(RequestTruth t, List<String> deltas, String text) {
    assertThat(t.outcome()).isEqualTo(Outcome.OK);
    assertThat(t.contentChunks()).hasSize(deltas.size());
    assertThat(deltas).allSatisfy(d -> assertThat(d).isNotEmpty());
    assertThat(O200K.countTokens(text)).isEqualTo(t.sentCompletionTokens()).isEqualTo(t.plannedCompletionTokens());
    assertThat(t.firstContentNanos()).isEqualTo(t.contentChunks().get(0).sentNanos());
    assertThat(t.endNanos()).isGreaterThanOrEqualTo(t.contentChunks().get(t.contentChunks().size() - 1).sentNanos());
  }

  @Test
  void aPromptFlowStreamsAnswerDeltasWithoutDoneAndClosesTheConnection() {
    Answer a = score("flow", "pf-stream", "{\"question\": \"Hello\", \"chat_history\": []}",
        "accept", "text/event-stream");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.failure()).isNull();
    assertThat(a.header("content-type")).startsWith("text/event-stream");
    assertThat(a.header("connection")).isEqualTo("close");
    assertThat(a.header("transfer-encoding")).isEqualTo("chunked");
    assertThat(a.events()).doesNotContain("[DONE]");
    List<JsonNode> ev = a.jsonEvents();
    // First the flow's non-streamed output (its sources), then an empty delta, the deltas, an empty delta.
    assertThat(ev.get(0).has("answer")).isFalse();
    assertThat(ev.get(0).get("sources")).isNotEmpty();
    assertThat(ev.get(1).toString()).isEqualTo("{\"answer\":\"\"}");
    assertThat(ev.get(ev.size() - 1).toString()).isEqualTo("{\"answer\":\"\"}");
    List<String> deltas = ev.subList(2, ev.size() - 1).stream().map(e -> e.get("answer").asText()).toList();
    assertThat(ev.subList(2, ev.size() - 1)).allSatisfy(e -> assertThat(e.size()).isEqualTo(1));
    assertThat(a.body()).contains("data: {\"answer\": \""); // written as Python's json.dumps writes it
    RequestTruth t = truth("pf-stream");
    assertThat(t.stream()).isTrue();
    assertThat(kinds(t)).startsWith(ChunkKind.OUTPUTS, ChunkKind.ROLE, ChunkKind.CONTENT)
        .endsWith(ChunkKind.CONTENT, ChunkKind.FINISH, ChunkKind.DONE);
    assertThat(t.chunks().get(0).sentNanos()).isLessThan(t.firstContentNanos());
    assertContentMatchesTruth(t, deltas, String.join("", deltas));

    // The same inputs asked as JSON: the whole answer, the same text.
    Answer json = score("flow", "pf-json", "{\"question\": \"Hello\", \"chat_history\": []}", "accept", "application/json");
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.header("content-type")).isEqualTo("application/json");
    assertThat(json.json().get("answer").asText()).isEqualTo(String.join("", deltas));
    assertThat(json.json().get("sources")).isNotEmpty();
    RequestTruth tj = truth("pf-json");
    assertThat(tj.stream()).isFalse();
    assertThat(kinds(tj)).containsExactly(ChunkKind.BODY);
    assertThat(tj.firstContentNanos()).isEqualTo(tj.endNanos());
  }

  @Test
  void aFlowsHistoryOfTurnsIsItsConversationUnderItsOwnFieldNames() {
    String body = "{\"chat_input\": \"Glad to know you!\", \"chat_history\": [{\"inputs\": {\"chat_input\": \"Hello\"},"
        + " \"outputs\": {\"chat_output\": \"Hello! How can I assist you today?\"}}]}";
    Answer a = score("foundry-flow", "pf-history", body, "accept", "text/event-stream");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.jsonEvents().get(1).toString()).isEqualTo("{\"chat_output\":\"\"}");
    ArrayNode messages = JSON.createArrayNode();
    messages.addObject().put("role", "user").put("content", "Hello");
    messages.addObject().put("role", "assistant").put("content", "Hello! How can I assist you today?");
    messages.addObject().put("role", "user").put("content", "Glad to know you!");
    assertThat(truth("pf-history").promptTokens()).isEqualTo(PromptTokens.count(messages, O200K));
  }

  @Test
  void aFlowWithoutItsInputAnswers424UserError() {
    Answer a = score("flow", "pf-missing", "{\"chat_history\": []}", "accept", "text/event-stream");
    assertThat(a.status()).isEqualTo(424);
    assertThat(a.json().at("/error/code").asText()).isEqualTo("UserError");
    assertThat(a.json().at("/error/message").asText()).contains("flow input 'question' is not provided");
    RequestTruth t = truth("pf-missing");
    assertThat(t.httpStatus()).isEqualTo(424);
    assertThat(t.outcome()).isEqualTo(Outcome.BAD_REQUEST);
    assertThat(kinds(t)).containsExactly(ChunkKind.ERROR);
  }

  @Test
  void aCatalogModelAnswersOneOutputBodyEvenWhenAStreamIsAskedFor() {
    String body = "{\"input_data\": {\"input_string\": [{\"role\": \"system\", \"content\": \"You are a helpful assistant.\"},"
        + " {\"role\": \"user\", \"content\": \"Hello\"}], \"parameters\": {\"max_new_tokens\": 40, \"temperature\": 1.0,"
        + " \"top_p\": 1.0}}}";
    Answer a = score("catalog", "aml-1", body, "accept", "text/event-stream");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("content-type")).isEqualTo("application/json");
    JsonNode answer = a.json();
    assertThat(answer.size()).isEqualTo(1); // {"output": ...}, no usage
    RequestTruth t = truth("aml-1");
    assertThat(t.stream()).isFalse();
    assertThat(t.maxTokens()).isEqualTo(40);
    assertThat(kinds(t)).containsExactly(ChunkKind.BODY);
    assertThat(O200K.countTokens(answer.get("output").asText())).isEqualTo(t.sentCompletionTokens());
    assertThat(t.ttftNanos()).isEqualTo(t.e2eNanos());

    Answer bad = score("catalog", "aml-bad", "{\"input_data\": {\"input_string\": []}}");
    assertThat(bad.status()).isEqualTo(424);
    assertThat(bad.header("ms-azureml-model-error-statuscode")).isEqualTo("400");
    assertThat(bad.json().at("/error/message").asText()).contains("input_data.input_string");
  }

  @Test
  void aCustomAppStreamsDeltasThenUsageThenItsEndMarker() throws Exception {
    String body = "{\"message\": \"Hello\", \"history\": [{\"role\": \"user\", \"content\": \"Hi\"},"
        + " {\"role\": \"assistant\", \"content\": \"Hi there\"}], \"max_tokens\": 30, \"stream\": true}";
    Answer a = score("app", "custom-stream", body);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("connection")).isNotEqualTo("close");
    assertThat(a.events().get(a.events().size() - 1)).isEqualTo("[END]");
    List<JsonNode> ev = new ArrayList<>();
    for (String e : a.events().subList(0, a.events().size() - 1)) {
      ev.add(JSON.readTree(e));
    }
    JsonNode usage = ev.get(ev.size() - 1);
    List<String> deltas = ev.subList(0, ev.size() - 1).stream().map(e -> e.at("/delta/text").asText()).toList();
    RequestTruth t = truth("custom-stream");
    assertThat(t.maxTokens()).isEqualTo(30);
    assertThat(usage.toString()).isEqualTo("{\"usage\":{\"input_tokens\":" + t.promptTokens() + ",\"output_tokens\":"
        + t.sentCompletionTokens() + "}}");
    assertThat(kinds(t)).startsWith(ChunkKind.CONTENT).endsWith(ChunkKind.CONTENT, ChunkKind.USAGE, ChunkKind.DONE);
    assertContentMatchesTruth(t, deltas, String.join("", deltas));

    Answer json = score("app", "custom-json", body.replace("\"stream\": true", "\"stream\": false"));
    assertThat(json.json().at("/reply/text").asText()).isEqualTo(String.join("", deltas));
    assertThat(json.json().at("/usage/input_tokens").asInt()).isEqualTo(t.promptTokens());
    assertThat(json.json().at("/usage/output_tokens").asInt()).isEqualTo(t.sentCompletionTokens());

    Answer bad = score("app", "custom-bad", "{\"history\": []}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().at("/detail/0/loc/1").asText()).isEqualTo("message");
  }

  @Test
  void azureMlRefusesOverTwiceMaxConcurrentInEveryFormat() throws Exception {
    // Each deployment allows 1 request at once, so 2 in flight: a stalled request holds the slot for
    // 3 s and a second waits behind it.
    String[][] cases = {
        {"flow", "{\"question\": \"hold\"}"},
        {"catalog", "{\"input_data\": {\"input_string\": [{\"role\": \"user\", \"content\": \"hold\"}]}}"},
        {"app", "{\"message\": \"hold\", \"stream\": true}"}};
    List<CompletableFuture<Answer>> held = new ArrayList<>();
    for (String[] c : cases) {
      for (int i = 0; i < 2; i++) {
        String id = "held-" + c[0] + "-" + i;
        String[] stall = i == 0 ? new String[] {"x-rightsize-fault", "stall; after-chunks=0; stall-ms=3000"} : new String[0];
        held.add(CompletableFuture.supplyAsync(() -> score(c[0], id, c[1], stall), pool));
        if (i == 0) {
          awaitArrivals("held-" + c[0], 1); // the stalled one first, so it takes the slot
        }
      }
    }
    awaitArrivals("held-", 6);
    for (String[] c : cases) {
      Answer refused = score(c[0], "over-" + c[0], c[1]);
      assertThat(refused.status()).as(c[0]).isEqualTo(429);
      assertThat(refused.json().at("/error/message").asText())
          .contains("2 * max_concurrent_requests_per_instance * instance_count = 2");
      assertThat(truth("over-" + c[0]).outcome()).isEqualTo(Outcome.TOO_MANY_PENDING);
    }
    for (CompletableFuture<Answer> f : held) {
      assertThat(f.get().status()).isEqualTo(200);
    }
  }

  private static void awaitArrivals(String idPrefix, int count) {
    Await.until(Duration.ofSeconds(10),
        () -> server.groundTruth().requests().stream().filter(r -> r.requestId().startsWith(idPrefix)).count() >= count);
  }

  @Test
  void anAppProfileSpendsItsCpuTimeThenTheModelsFirstTokenTime() {
    Answer a = score("flow-app", "app-1", "{\"question\": \"How big a VM do we need?\"}", "accept", "text/event-stream");
    assertThat(a.status()).isEqualTo(200);
    RequestTruth t = truth("app-1");
    assertThat(t.prefillStartNanos()).isEqualTo(t.startNanos()); // a vCPU was free
    assertThat(t.prefillEndNanos() - t.prefillStartNanos()).isEqualTo(50_000_000L); // cpu-ms-per-request
    // The first token is due 100 ms (first-token-ms) + prompt / 20,000 tokens/s after the CPU work.
    long due = t.prefillEndNanos() + 100_000_000L + Math.round(t.promptTokens() * 1e9 / 20_000);
    assertThat(t.contentChunks().get(0).scheduledNanos()).isEqualTo(due);
    assertThat(t.firstContentNanos()).isGreaterThanOrEqualTo(due);
    // Later tokens at the model's 500 tokens/s: 2 ms apart.
    assertThat(t.contentChunks().get(2).scheduledNanos() - t.contentChunks().get(1).scheduledNanos())
        .isEqualTo(2_000_000L);
  }
}
