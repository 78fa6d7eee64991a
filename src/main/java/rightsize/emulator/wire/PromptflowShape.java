package rightsize.emulator.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import rightsize.config.EmulatedDeployment;
import rightsize.emulator.truth.ChunkKind;

/**
 * A prompt flow deployed to an Azure ML online endpoint: the body is the flow's inputs (the user's
 * message and a history of {inputs, outputs} turns), the answer the flow's outputs. Asked with
 * {@code Accept: text/event-stream}, it streams {@code data: {"<output>": "<delta>"}} events that
 * start and end with an empty delta, after one event of its non-streamed outputs (the sources it
 * retrieved), with no [DONE]: the server ends the chunked body and closes the connection. Keys are
 * written as Python's json.dumps writes them.
 */
final class PromptflowShape implements WireShape {
  /** The non-streamed output every answer carries besides the answer. */
  static final String SOURCES = "sources";
  private static final String SOURCE_URLS =
      "[\"https://contoso.example/docs/sizing.md\", \"https://contoso.example/docs/latency.md\"]";

  private final EmulatedDeployment.FlowFields fields;
  private final String output;
  private final SseText deltas;

  PromptflowShape(EmulatedDeployment.FlowFields fields) {
    this.fields = fields;
    this.output = AzureWire.quote(fields.outputField());
    this.deltas = new SseText("{" + output + ": \"", "\"}");
  }

  @Override
  public ChatRequest read(byte[] body, HttpHeaders headers) throws ChatRequest.Invalid {
    JsonNode inputs = ChatRequest.object(body, "The request body is not valid JSON: send the flow's inputs as a JSON object.");
    JsonNode question = inputs.get(fields.inputField());
    if (question == null || !question.isTextual()) {
      throw new ChatRequest.Invalid("The value for flow input '" + fields.inputField() + "' is not provided in input"
          + " data. Please review your input data or remove this input in your flow if it's no longer needed.",
          fields.inputField());
    }
    ArrayNode messages = ChatRequest.newMessages();
    JsonNode history = inputs.path(fields.historyField());
    if (!history.isMissingNode() && !history.isNull() && !history.isArray()) {
      throw new ChatRequest.Invalid("The value for flow input '" + fields.historyField() + "' must be a list of"
          + " {\"inputs\": {...}, \"outputs\": {...}} turns.", fields.historyField());
    }
    for (JsonNode turn : history) {
      String asked = turn.path("inputs").path(fields.inputField()).asText(null);
      String answered = turn.path("outputs").path(fields.outputField()).asText(null);
      if (asked == null || answered == null) {
        throw new ChatRequest.Invalid("Each turn of flow input '" + fields.historyField() + "' needs inputs."
            + fields.inputField() + " and outputs." + fields.outputField() + ".", fields.historyField());
      }
      messages.addObject().put("role", "user").put("content", asked);
      messages.addObject().put("role", "assistant").put("content", answered);
    }
    messages.addObject().put("role", "user").put("content", question.asText());
    String accept = headers.get(HttpHeaderNames.ACCEPT, "");
    return ChatRequest.of(messages, accept.contains("text/event-stream"), null);
  }

  @Override
  public Refusal refuse(ChatRequest.Invalid invalid) {
    return new Refusal(424, AzureWire.error("UserError", invalid.getMessage()), Map.of());
  }

  @Override
  public Refusal modelError() {
    return new Refusal(424, AzureWire.error("SystemError",
        "Execution failure in 'chat': (APIConnectionError) the model the flow calls did not answer."), Map.of());
  }

  @Override
  public Framing framing(String id, long created, ChatRequest request) {
    return new Framing() {
      @Override
      public boolean closesAfterStream() {
        return true;
      }

      @Override
      public Event opening() {
        return output.equals(AzureWire.quote(SOURCES)) ? null
            : new Event(ChunkKind.OUTPUTS, AzureWire.event("{\"" + SOURCES + "\": " + SOURCE_URLS + "}"));
      }

      @Override
      public Event beforeFirstContent() {
        return new Event(ChunkKind.ROLE, emptyDelta());
      }

      @Override
      public SseText contentEvents() {
        return deltas;
      }

      @Override
      public Event finish(String finishReason) {
        return new Event(ChunkKind.FINISH, emptyDelta());
      }

      @Override
      public Event usage(int promptTokens, int completionTokens) {
        return null;
      }

      @Override
      public byte[] end() {
        return null;
      }

      @Override
      public byte[] body(String text, String finishReason, int promptTokens, int completionTokens) {
        String sources = output.equals(AzureWire.quote(SOURCES)) ? "" : "\"" + SOURCES + "\": " + SOURCE_URLS + ", ";
        return AzureWire.utf8("{" + sources + output + ": " + AzureWire.quote(text) + "}");
      }
    };
  }

  private byte[] emptyDelta() {
    return AzureWire.event("{" + output + ": \"\"}");
  }
}
