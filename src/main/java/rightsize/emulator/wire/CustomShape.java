package rightsize.emulator.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import rightsize.emulator.truth.ChunkKind;

/**
 * The documented shape of a team's own app (a FastAPI service, say), which the suite's custom
 * format is configured against: {@code {"message", "history": [{role, content}], "max_tokens",
 * "stream"}} in; {@code {"reply": {"text"}, "usage": {"input_tokens", "output_tokens"}}} out, or
 * {@code data: {"delta": {"text"}}} events, one usage event and {@code data: [END]}.
 */
final class CustomShape implements WireShape {
  static final byte[] END = "data: [END]\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final SseText DELTAS = new SseText("{\"delta\":{\"text\":\"", "\"}}");

  @Override
  public ChatRequest read(byte[] body, HttpHeaders headers) throws ChatRequest.Invalid {
    JsonNode root = ChatRequest.object(body, "JSON decode error");
    JsonNode message = root.get("message");
    if (message == null || !message.isTextual()) {
      throw new ChatRequest.Invalid("Field required: message (a string)", "message");
    }
    ArrayNode messages = ChatRequest.newMessages();
    JsonNode history = root.path("history");
    if (!history.isMissingNode() && !history.isNull() && !history.isArray()) {
      throw new ChatRequest.Invalid("Input should be a valid list: history", "history");
    }
    for (JsonNode turn : history) {
      if (!turn.path("role").isTextual() || !turn.path("content").isTextual()) {
        throw new ChatRequest.Invalid("Each history turn needs a string role and content", "history");
      }
      messages.add(turn);
    }
    messages.addObject().put("role", "user").put("content", message.asText());
    JsonNode limit = root.path("max_tokens");
    Integer maxTokens = null;
    if (!limit.isMissingNode() && !limit.isNull()) {
      if (!limit.isIntegralNumber() || !limit.canConvertToInt() || limit.asInt() < 1) {
        throw new ChatRequest.Invalid("Input should be an integer >= 1: max_tokens", "max_tokens");
      }
      maxTokens = limit.asInt();
    }
    JsonNode stream = root.path("stream");
    if (!stream.isMissingNode() && !stream.isNull() && !stream.isBoolean()) {
      throw new ChatRequest.Invalid("Input should be a valid boolean: stream", "stream");
    }
    return ChatRequest.of(messages, stream.asBoolean(false), maxTokens);
  }

  /** FastAPI's validation answer. */
  @Override
  public Refusal refuse(ChatRequest.Invalid invalid) {
    String where = invalid.param == null ? "[\"body\"]" : "[\"body\"," + AzureWire.quote(invalid.param) + "]";
    return new Refusal(422, AzureWire.utf8("{\"detail\":[{\"loc\":" + where + ",\"msg\":"
        + AzureWire.quote(invalid.getMessage()) + ",\"type\":\"value_error\"}]}"), Map.of());
  }

  @Override
  public Refusal modelError() {
    return new Refusal(424, AzureWire.utf8("{\"detail\":\"the model the app calls failed\"}"), Map.of());
  }

  @Override
  public Framing framing(String id, long created, ChatRequest request) {
    return new Framing() {
      @Override
      public Event opening() {
        return null;
      }

      @Override
      public Event beforeFirstContent() {
        return null;
      }

      @Override
      public SseText contentEvents() {
        return DELTAS;
      }

      @Override
      public Event finish(String finishReason) {
        return null;
      }

      @Override
      public Event usage(int promptTokens, int completionTokens) {
        return new Event(ChunkKind.USAGE, AzureWire.event("{\"usage\":" + usageJson(promptTokens, completionTokens) + "}"));
      }

      @Override
      public byte[] end() {
        return END;
      }

      @Override
      public byte[] body(String text, String finishReason, int promptTokens, int completionTokens) {
        return AzureWire.utf8("{\"reply\":{\"text\":" + AzureWire.quote(text) + "},\"usage\":"
            + usageJson(promptTokens, completionTokens) + "}");
      }
    };
  }

  private static String usageJson(int promptTokens, int completionTokens) {
    return "{\"input_tokens\":" + promptTokens + ",\"output_tokens\":" + completionTokens + "}";
  }
}
