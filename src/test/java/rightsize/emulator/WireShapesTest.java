package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.emulator.EmulatorTestSupport.body;
import static rightsize.emulator.EmulatorTestSupport.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rightsize.emulator.EmulatorTestSupport.Answer;
import rightsize.emulator.truth.ChunkTruth;
import rightsize.emulator.truth.RequestTruth;

/** The emulator answers in Azure's shapes on every route (compare ../shared/fixtures/streams). */
class WireShapesTest {
  private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  private static EmulatorServer server;

  @BeforeAll
  static void start() {
    server = EmulatorServer.start(EmulatorTestSupport.setup(EmulatorTestSupport.FAST), 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Answer score(String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "azureml-model-deployment";
    all[1] = "fast";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return post(server.uri(), "/score", body, all);
  }

  @Test
  void aStreamFollowsAzuresEventSequence() {
    Answer a = score(body("Hello", 12, true, true), "x-ms-client-request-id", "shape-1");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("content-type")).startsWith("text/event-stream");
    assertThat(a.header("x-ms-client-request-id")).isEqualTo("shape-1");
    assertThat(a.header("azureml-model-deployment")).isEqualTo("fast");
    assertThat(a.events().get(a.events().size() - 1)).isEqualTo("[DONE]");
    List<JsonNode> ev = a.jsonEvents();
    JsonNode filter = ev.get(0);
    assertThat(filter.get("choices")).isEmpty();
    assertThat(filter.get("id").asText()).isEmpty();
    assertThat(filter.at("/prompt_filter_results/0/content_filter_results/jailbreak/detected").asBoolean(true)).isFalse();
    JsonNode role = ev.get(1).at("/choices/0/delta");
    assertThat(role.get("role").asText()).isEqualTo("assistant");
    assertThat(role.get("content").asText()).isEmpty();
    List<JsonNode> content = ev.subList(2, ev.size() - 2);
    assertThat(content).hasSize(server.groundTruth().request("shape-1").orElseThrow().contentChunks().size());
    for (JsonNode c : content) {
      assertThat(c.at("/choices/0/delta/content").asText()).isNotEmpty();
      assertThat(c.at("/choices/0/content_filter_results/hate/severity").asText()).isEqualTo("safe");
      assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(c.get("id").asText()).startsWith("chatcmpl-").isEqualTo(ev.get(1).get("id").asText());
      assertThat(c.has("usage") && c.get("usage").isNull()).isTrue();
      assertThat(fieldNames(c)).isSorted();
      assertThat(fieldNames(c.at("/choices/0"))).isSorted();
    }
    JsonNode finish = ev.get(ev.size() - 2).at("/choices/0");
    assertThat(finish.get("finish_reason").asText()).isIn("stop", "length");
    assertThat(finish.get("delta")).isEmpty();
    JsonNode usage = ev.get(ev.size() - 1);
    assertThat(usage.get("choices")).isEmpty();
    assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(content.size());
    assertThat(usage.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isZero();
    assertThat(usage.at("/usage/completion_tokens_details/reasoning_tokens").asInt()).isZero();
  }

  @Test
  void severalTokensPerChunkImitateAzuresBufferedContentFilter() {
    try (EmulatorServer buffered = EmulatorServer.start(
        EmulatorTestSupport.setup(EmulatorTestSupport.FAST + "rightsize.emulator.tokens-per-chunk = 4"), 0)) {
      Answer a = post(buffered.uri(), "/score", body("Hello", 30, true, true),
          "azureml-model-deployment", "fast", "x-ms-client-request-id", "buffered-1");
      List<JsonNode> ev = a.jsonEvents();
      List<JsonNode> content = ev.subList(2, ev.size() - 2);
      int completion = ev.get(ev.size() - 1).at("/usage/completion_tokens").asInt();
      assertThat(completion).isBetween(8, 15);
      assertThat(content).hasSize((completion + 3) / 4);
      assertThat(buffered.groundTruth().request("buffered-1").orElseThrow().contentChunks())
          .extracting(ChunkTruth::tokens)
          .allSatisfy(n -> assertThat(n).isBetween(1, 4))
          .startsWith(4, 4, 4)
          .satisfies(n -> assertThat(n.stream().mapToInt(Integer::intValue).sum()).isEqualTo(completion));
      StringBuilder text = new StringBuilder();
      content.forEach(c -> text.append(c.at("/choices/0/delta/content").asText()));
      assertThat(O200K.countTokens(text.toString())).isEqualTo(completion);
    }
  }

  @Test
  void withoutIncludeUsageThereIsNoUsageEventAndNoUsageKey() {
    Answer a = score(body("Hello", 8, true, false));
    List<JsonNode> ev = a.jsonEvents();
    assertThat(ev).noneMatch(e -> e.has("usage"));
    assertThat(ev.get(ev.size() - 1).at("/choices/0/finish_reason").isTextual()).isTrue();
  }

  @Test
  void aNonStreamingAnswerIsOneAzureChatCompletion() {
    Answer a = score(body("Hello", 16, false, false));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("content-type")).isEqualTo("application/json");
    JsonNode c = a.json();
    assertThat(c.get("object").asText()).isEqualTo("chat.completion");
    assertThat(c.at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(c.at("/choices/0/message/content").asText()).isNotBlank();
    assertThat(c.at("/choices/0/content_filter_results/violence/filtered").asBoolean(true)).isFalse();
    assertThat(c.at("/prompt_filter_results/0/prompt_index").asInt(-1)).isZero();
    assertThat(c.at("/usage/total_tokens").asInt())
        .isEqualTo(c.at("/usage/prompt_tokens").asInt() + c.at("/usage/completion_tokens").asInt());
    assertThat(fieldNames(c)).isSorted();
  }

  @Test
  void everyRouteReachesTheNamedDeployment() {
    String stream = body("Hi", 5, true, true);
    String withModel = stream.replace("{\"messages\"", "{\"model\":\"fast\",\"messages\"");
    Answer dated = post(server.uri(), "/openai/deployments/fast/chat/completions?api-version=2024-10-21", stream,
        "x-ms-client-request-id", "route-dated");
    Answer v1 = post(server.uri(), "/openai/v1/chat/completions", withModel, "x-ms-client-request-id", "route-v1");
    Answer openai = post(server.uri(), "/v1/chat/completions", withModel, "x-ms-client-request-id", "route-openai");
    Answer foundry = post(server.uri(), "/models/chat/completions?api-version=2024-05-01-preview", withModel,
        "x-ms-client-request-id", "route-foundry");
    Answer aml = score(stream, "x-ms-client-request-id", "route-aml");
    Answer alias = post(server.uri(), "/openai/deployments/other-model/chat/completions?api-version=2024-10-21", stream,
        "x-ms-client-request-id", "route-alias");
    for (Answer a : List.of(dated, v1, openai, foundry, aml, alias)) {
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.events()).last().isEqualTo("[DONE]");
    }
    assertThat(route("route-dated")).containsExactly("azure-openai", "fast");
    assertThat(route("route-v1")).containsExactly("azure-openai-v1", "fast");
    assertThat(route("route-openai")).containsExactly("openai", "fast");
    assertThat(route("route-foundry")).containsExactly("foundry", "fast");
    assertThat(route("route-aml")).containsExactly("aml", "fast");
    assertThat(route("route-alias")).containsExactly("azure-openai", "other");
  }

  private static List<String> route(String requestId) {
    RequestTruth t = server.groundTruth().request(requestId).orElseThrow();
    return List.of(t.route(), t.deployment());
  }

  @Test
  void anUnknownDeploymentIs404DeploymentNotFound() {
    Answer a = post(server.uri(), "/openai/deployments/nope/chat/completions?api-version=2024-10-21",
        body("Hi", 5, false, false));
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.json().at("/error/code").asText()).isEqualTo("DeploymentNotFound");
    assertThat(a.json().at("/error/message").asText()).startsWith("The API deployment for this resource does not exist");
  }

  @Test
  void theDatedRouteWithoutAKnownApiVersionAndFoundryWithoutOneAre404LikeAzure() {
    String plain = body("Hi", 5, false, false);
    String withModel = plain.replace("{\"messages\"", "{\"model\":\"fast\",\"messages\"");
    for (String path : List.of("/openai/deployments/fast/chat/completions",
        "/openai/deployments/fast/chat/completions?api-version=2099-01-01", "/models/chat/completions")) {
      Answer a = post(server.uri(), path, path.startsWith("/models") ? withModel : plain, "x-ms-client-request-id", "version-check");
      assertThat(a.status()).as(path).isEqualTo(404);
      assertThat(a.json().at("/error/code").asText()).isEqualTo("404");
      assertThat(a.json().at("/error/message").asText()).isEqualTo("Resource not found");
      assertThat(a.header("apim-request-id")).isNotBlank();
    }
    assertThat(post(server.uri(), "/openai/deployments/fast/chat/completions?api-version=2024-02-01", plain).status())
        .as("an older GA version").isEqualTo(200);
  }

  @Test
  void streamOptionsWithoutStreamingIs400LikeOpenAi() {
    Answer a = score(body("Hi", 5, false, true));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().at("/error/message").asText())
        .isEqualTo("The 'stream_options' parameter is only allowed when 'stream' is enabled.");
    assertThat(a.json().at("/error/param").asText()).isEqualTo("stream_options");
    assertThat(score(body("Hi", 5, true, true)).status()).as("with stream = true").isEqualTo(200);
  }

  @Test
  void unknownPathsAndGetsCarryAzuresRequestIds() throws Exception {
    Answer unknown = post(server.uri(), "/nowhere", body("Hi", 5, false, false), "x-ms-client-request-id", "lost-1");
    java.net.http.HttpResponse<String> get = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(server.uri().resolve("/openai/v1/chat/completions")).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("x-ms-client-request-id")).isEqualTo("lost-1");
    assertThat(unknown.header("apim-request-id")).startsWith("emulator-");
    assertThat(unknown.header("x-request-id")).isEqualTo(unknown.header("apim-request-id"));
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(get.headers().firstValue("apim-request-id")).get().asString().startsWith("emulator-");
    assertThat(get.headers().firstValue("x-request-id")).isPresent();
  }

  @Test
  void scoringWithoutTheDeploymentHeaderWhenSeveralExistIs404() {
    Answer a = post(server.uri(), "/score", body("Hi", 5, false, false));
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.json().at("/error/message").asText()).startsWith("No valid deployments to route to");
  }

  @Test
  void anUnknownPathIs404ResourceNotFound() {
    Answer a = post(server.uri(), "/openai/engines/x/completions", body("Hi", 5, false, false));
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.json().at("/error/message").asText()).isEqualTo("Resource not found");
  }

  @Test
  void badBodiesAre400InvalidRequestError() {
    Answer notJson = score("{not json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    Answer noMessages = score("{\"max_tokens\":5}");
    assertThat(noMessages.status()).isEqualTo(400);
    assertThat(noMessages.json().at("/error/param").asText()).isEqualTo("messages");
    Answer badMax = score("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0}");
    assertThat(badMax.status()).isEqualTo(400);
    assertThat(badMax.json().at("/error/param").asText()).isEqualTo("max_tokens");
    Answer noModel = post(server.uri(), "/v1/chat/completions", body("Hi", 5, false, false));
    assertThat(noModel.status()).isEqualTo(400);
    assertThat(noModel.json().at("/error/param").asText()).isEqualTo("model");
  }

  @Test
  void keepAliveConnectionsServeOneRequestAfterAnother() {
    for (int i = 0; i < 5; i++) {
      assertThat(score(body("again " + i, 4, true, true)).status()).isEqualTo(200);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
