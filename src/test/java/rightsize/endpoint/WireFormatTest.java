package rightsize.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rightsize.chat.OutcomeMetrics;
import rightsize.client.ChatClient;
import rightsize.client.ChatRequest;
import rightsize.client.ChatResult;
import rightsize.config.DeploymentSettings;
import rightsize.config.RightsizeSettings;
import rightsize.config.Timeouts;
import rightsize.metrics.RequestMetrics;
import rightsize.metrics.TokenCounter;
import rightsize.record.RequestRecord;
import rightsize.record.Status;
import rightsize.testing.ScriptedChatServer;
import rightsize.testing.ScriptedChatServer.Ending;
import rightsize.testing.ScriptedChatServer.Received;
import rightsize.testing.ScriptedChatServer.Reply;

/**
 * Each wire format end to end through the real endpoint and client against a scripted loopback
 * server: the body it sends (compared with the documented wire facts in fixtures/app-endpoints),
 * how a stream ends, and every bad answer the issue names, each with its status and a clear
 * message, each request received once.
 */
class WireFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3));
  private static final TokenCounter TOKENS = TokenCounter.forEncoding("o200k_base");
  private static final List<Map<String, Object>> SECOND_TURN = List.of(
      Map.of("role", "system", "content", "You are a helpful assistant."),
      Map.of("role", "user", "content", "Hello"),
      Map.of("role", "assistant", "content", "Hello! How can I assist you today?"),
      Map.of("role", "user", "content", "Glad to know you!"));
  private static final String FLOW_STREAM = "data: {\"answer\": \"\"}\n\n", HELLO = "data: {\"answer\": \"Hello\"}\n\n",
      BANG = "data: {\"answer\": \"!\"}\n\n";

  private static ScriptedChatServer server;
  private static ChatClient client;

  @BeforeAll
  static void start() {
    server = new ScriptedChatServer(r -> Reply.json("{}"));
    client = new ChatClient(1);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static Endpoint endpoint(String fields) {
    String hocon = "rightsize.deployments = [ { name = d, kind = aml-online-endpoint, deployment = blue, endpoint = \""
        + server.baseUri() + "\", " + fields + " } ]";
    DeploymentSettings d = RightsizeSettings.from(ConfigFactory.parseString(hocon), Map.<String, String>of()::get).deployment("d");
    return Endpoint.resolve(d, RightsizeSettings.reference(), null);
  }

  private static ChatParams params(List<Map<String, Object>> messages, boolean stream) {
    return new ChatParams(messages, 400, 1.0, stream, true, Map.of());
  }

  /** Sends one request answered by {@code reply}; checks the server got it exactly once. */
  private static ChatResult send(Endpoint e, ChatParams p, Function<Received, Reply> reply) throws Exception {
    server.script(reply);
    ChatRequest req = e.request(p, TIMEOUTS);
    CompletableFuture<ChatResult> done = new CompletableFuture<>();
    client.execute(req, done::complete);
    ChatResult r = done.get(10, TimeUnit.SECONDS);
    assertThat(server.received().stream().filter(x -> req.requestId().equals(x.requestId()))).as("received once").hasSize(1);
    return r;
  }

  private static RequestMetrics metrics(ChatResult r, ChatRequest req) {
    return OutcomeMetrics.of(r.startNanos(), r.endNanos(), r.outcome(), req.promptText(), TOKENS);
  }

  private static JsonNode fixture(String name) throws IOException {
    try (InputStream in = WireFormatTest.class.getClassLoader().getResourceAsStream("fixtures/app-endpoints/" + name)) {
      return JSON.readTree(in);
    }
  }

  private static JsonNode body(ChatRequest req) throws IOException {
    return JSON.readTree(req.body());
  }

  @Test
  void promptFlowSendsTheFlowInputsWithHistoryTurnsAsDocumented() throws Exception {
    JsonNode facts = fixture("promptflow-request.json");
    Endpoint flow = endpoint("wire-format = promptflow");
    ChatRequest second = flow.request(params(SECOND_TURN, true), TIMEOUTS);
    assertThat(body(second)).isEqualTo(facts.get("body_second_turn"));
    assertThat(second.headers()).containsEntry("Accept", "text/event-stream").containsEntry("azureml-model-deployment", "blue");
    assertThat(second.uri().getPath()).isEqualTo("/score");
    assertThat(body(flow.request(params(SECOND_TURN.subList(0, 2), true), TIMEOUTS))).isEqualTo(facts.get("body_first_turn"));
    assertThat(flow.request(params(SECOND_TURN, false), TIMEOUTS).headers()).containsEntry("Accept", "application/json");
    // The tokenizer counts what the body carries: no system prompt, which a flow does not get.
    assertThat(second.promptText()).isEqualTo("Hello\nHello! How can I assist you today?\nGlad to know you!");

    // The Foundry chat-flow template's names, and static extra inputs.
    JsonNode foundry = body(endpoint("wire-format = promptflow, promptflow { input-field = chat_input, output-field = chat_output,"
        + " extra-inputs { language = fr, top_k = 3 } }").request(params(SECOND_TURN, true), TIMEOUTS));
    assertThat(foundry).isEqualTo(JSON.readTree("{\"language\": \"fr\", \"top_k\": 3, \"chat_input\": \"Glad to know you!\","
        + " \"chat_history\": [{\"inputs\": {\"chat_input\": \"Hello\"}, \"outputs\": {\"chat_output\": \"Hello! How can I assist you today?\"}}]}"));
  }

  @Test
  void amlChatSendsInputDataAndNeverAsksForAStream() throws Exception {
    JsonNode facts = fixture("aml-chat-input-data.json").get("request_body").get("input_data");
    ChatRequest req = endpoint("wire-format = aml-chat").request(params(SECOND_TURN.subList(0, 2), true), TIMEOUTS);
    JsonNode input = body(req).get("input_data");
    assertThat(input.get("input_string")).isEqualTo(facts.get("input_string"));
    assertThat(input.get("parameters").get("max_new_tokens")).isEqualTo(facts.get("parameters").get("max_new_tokens"));
    assertThat(input.get("parameters").get("temperature").asDouble()).isEqualTo(1.0);
    assertThat(input.get("parameters").get("top_p").asDouble()).isEqualTo(1.0);
    assertThat(req.streaming()).isFalse();
    assertThat(req.headers()).containsEntry("Accept", "application/json");
  }

  @Test
  void customTemplateWithQuotesNewlinesAndNonAsciiIsValidJson() throws Exception {
    Endpoint app = endpoint("wire-format = custom, path = /chat, custom { body-template = \"\"\"{\"message\": ${prompt}, "
        + "\"history\": ${history}, \"all\": ${messages}, \"max_tokens\": ${max_tokens}, \"stream\": ${stream}, \"user\": ${tenant}}\"\"\", "
        + "answer-pointer = \"/reply/text\" }");
    String tricky = "He said \"hi\"\\n\nthen left\t— déjà vu, 日本語 🙂 </script>";
    List<Map<String, Object>> messages = List.of(Map.of("role", "user", "content", "first \"one\""),
        Map.of("role", "assistant", "content", "ok\nsure"), Map.of("role", "user", "content", tricky));
    ChatRequest req = app.request(new ChatParams(messages, 64, 0.5, true, true, Map.of("tenant", "ünïcode \"t\"")), TIMEOUTS);
    JsonNode body = body(req);
    assertThat(body.get("message").asText()).isEqualTo(tricky);
    assertThat(body.get("history")).hasSize(2);
    assertThat(body.get("history").get(1).get("content").asText()).isEqualTo("ok\nsure");
    assertThat(body.get("all")).hasSize(3);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.get("user").asText()).isEqualTo("ünïcode \"t\"");
    assertThat(new String(req.body(), StandardCharsets.UTF_8)).contains("日本語 🙂");
    assertThat(req.uri().getPath()).isEqualTo("/chat");
    assertThat(app.sessionFields()).containsExactly("tenant");
    assertThatThrownBy(() -> app.request(new ChatParams(messages, 64, 0.5, true, true, Map.of()), TIMEOUTS))
        .hasMessageContaining("${tenant}").hasMessageContaining("feed a column named tenant");
  }

  @Test
  void aPromptFlowStreamEndedByTheServerClosingIsComplete() throws Exception {
    Endpoint flow = endpoint("wire-format = promptflow");
    for (Ending ending : List.of(Ending.CLOSE, Ending.END)) {
      ChatRequest req = flow.request(params(SECOND_TURN, true), TIMEOUTS);
      server.script(r -> Reply.stream(List.of(0L, 30L, 40L, 50L), List.of(FLOW_STREAM, HELLO, BANG, FLOW_STREAM), ending));
      CompletableFuture<ChatResult> done = new CompletableFuture<>();
      client.execute(req, done::complete);
      ChatResult r = done.get(10, TimeUnit.SECONDS);
      assertThat(r.status()).as("%s: %s", ending, r.message()).isEqualTo(Status.OK);
      assertThat(r.outcome().text()).isEqualTo("Hello!");
      assertThat(r.outcome().streamed()).isTrue();
      Received got = server.byRequestId(req.requestId());
      RequestMetrics m = metrics(r, req);
      // ttft from the first answer delta (the second event), not from the empty first one.
      assertThat(m.ttftMs()).isCloseTo((got.sentNanos.get(1) - r.startNanos()) / 1e6, org.assertj.core.data.Offset.offset(20.0));
      assertThat(m.tokens().source()).isEqualTo(RequestRecord.TokenSource.tokenizer);
      assertThat(m.tokens().completion()).isEqualTo(TOKENS.count("Hello!"));
      assertThat(m.tokens().prompt()).isEqualTo(TOKENS.count(req.promptText()));
    }
  }

  @Test
  void aResetOrACutMidStreamIsConnectionLost() throws Exception {
    Endpoint flow = endpoint("wire-format = promptflow");
    for (Ending ending : List.of(Ending.RESET, Ending.DISCONNECT)) {
      ChatResult r = send(flow, params(SECOND_TURN, true),
          x -> Reply.stream(List.of(0L, 20L), List.of(FLOW_STREAM, HELLO), ending));
      assertThat(r.status()).as("%s: %s", ending, r.message()).isEqualTo(Status.CONNECTION_LOST);
      assertThat(r.outcome().text()).isEqualTo("Hello");
    }
  }

  @Test
  void aFlowErrorIsAnHttpErrorWithItsCode() throws Exception {
    JsonNode facts = fixture("promptflow-error-424.json");
    ChatResult r = send(endpoint("wire-format = promptflow"), params(SECOND_TURN, true),
        x -> Reply.status(facts.get("status").asInt(), facts.get("body").toString(), Map.of()));
    assertThat(r.status()).isEqualTo(Status.HTTP_ERROR);
    assertThat(r.httpStatus()).isEqualTo(424);
    assertThat(r.errorCode()).isEqualTo("UserError");
    assertThat(r.message()).isEqualTo("HTTP 424: " + facts.get("body").get("error").get("message").asText());
  }

  @Test
  void jsonAnsweredToAStreamRequestIsOkButNotStreamedAndHasNoTtft() throws Exception {
    for (String format : List.of("openai-chat", "promptflow")) {
      String answer = format.equals("promptflow") ? "{\"answer\": \"Hi there\"}"
          : "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi there\"},\"finish_reason\":\"stop\"}]}";
      Endpoint e = endpoint("wire-format = " + format);
      ChatRequest req = e.request(params(SECOND_TURN, true), TIMEOUTS);
      server.script(x -> Reply.json(answer));
      CompletableFuture<ChatResult> done = new CompletableFuture<>();
      client.execute(req, done::complete);
      ChatResult r = done.get(10, TimeUnit.SECONDS);
      assertThat(r.status()).as(format).isEqualTo(Status.OK);
      assertThat(r.outcome().streamed()).as(format).isFalse();
      assertThat(r.outcome().text()).isEqualTo("Hi there");
      assertThat(metrics(r, req).ttftMs()).as("%s: a JSON body's ttft is not measurable", format).isNull();
    }
  }

  @Test
  void badAnswersAreMalformedOrHttpErrorsWithClearMessages() throws Exception {
    Endpoint flow = endpoint("wire-format = promptflow");
    ChatResult noField = send(flow, params(SECOND_TURN, false), x -> Reply.json("{\"chat_output\": \"Hi\"}"));
    assertThat(noField.status()).isEqualTo(Status.MALFORMED_STREAM);
    assertThat(noField.message()).isEqualTo("response body has no promptflow.output-field 'answer': {\"chat_output\": \"Hi\"}");

    ChatResult noFieldEvents = send(flow, params(SECOND_TURN, true),
        x -> Reply.stream(List.of(0L, 5L), List.of("data: {\"chat_output\": \"Hi\"}\n\n", "data: {\"chat_output\": \"!\"}\n\n"), Ending.CLOSE));
    assertThat(noFieldEvents.status()).isEqualTo(Status.MALFORMED_STREAM);
    assertThat(noFieldEvents.message()).isEqualTo("no event carried promptflow.output-field 'answer'; the first was: {\"chat_output\": \"Hi\"}");

    String page = "<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>";
    ChatResult html200 = send(flow, params(SECOND_TURN, true), x -> Reply.status(200, page, Map.of("content-type", "text/html")));
    assertThat(html200.status()).isEqualTo(Status.MALFORMED_STREAM);
    assertThat(html200.message()).startsWith("response body is not valid JSON").contains("<!DOCTYPE html><html><body><h1>Service Unavailable");

    ChatResult html502 = send(flow, params(SECOND_TURN, true), x -> Reply.status(502, page, Map.of("content-type", "text/html")));
    assertThat(html502.status()).isEqualTo(Status.HTTP_ERROR);
    assertThat(html502.message()).startsWith("HTTP 502: <!DOCTYPE html>");

    ChatResult aml = send(endpoint("wire-format = aml-chat"), params(SECOND_TURN, true), x -> Reply.json("{\"result\": \"Hi\"}"));
    assertThat(aml.status()).isEqualTo(Status.MALFORMED_STREAM);
    assertThat(aml.message()).isEqualTo("response body has no /output (the aml-chat answer): {\"result\": \"Hi\"}");
  }
}
