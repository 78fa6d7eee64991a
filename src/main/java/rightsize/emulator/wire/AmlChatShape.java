package rightsize.emulator.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;

/**
 * A chat model from the model catalog on Azure ML managed compute: {@code {"input_data":
 * {"input_string": [messages], "parameters": {"max_new_tokens": ...}}}} in, {@code {"output":
 * "..."}} out, in one JSON body, never streamed and without usage.
 */
final class AmlChatShape implements WireShape {

  @Override
  public ChatRequest read(byte[] body, HttpHeaders headers) throws ChatRequest.Invalid {
    JsonNode root = ChatRequest.object(body, "the request body is not valid JSON");
    JsonNode messages = root.path("input_data").path("input_string");
    if (!messages.isArray() || messages.isEmpty()) {
      throw new ChatRequest.Invalid("input_data.input_string must be a non-empty list of {role, content} messages",
          "input_data.input_string");
    }
    for (JsonNode m : messages) {
      if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
        throw new ChatRequest.Invalid("each message of input_data.input_string needs a string role and content",
            "input_data.input_string");
      }
    }
    JsonNode limit = root.path("input_data").path("parameters").path("max_new_tokens");
    Integer maxTokens = null;
    if (!limit.isMissingNode() && !limit.isNull()) {
      if (!limit.isIntegralNumber() || !limit.canConvertToInt() || limit.asInt() < 1) {
        throw new ChatRequest.Invalid("parameters.max_new_tokens must be an integer >= 1", "max_new_tokens");
      }
      maxTokens = limit.asInt();
    }
    return ChatRequest.of(messages, false, maxTokens);
  }

  /** The model container refused the input; Azure ML passes it on as a 424 model error. */
  @Override
  public Refusal refuse(ChatRequest.Invalid invalid) {
    return new Refusal(424, AzureWire.error("424", "Model Error: the model container returned a non-200 response"
        + " (400): " + invalid.getMessage()), Map.of(
        "ms-azureml-model-error-statuscode", "400", "ms-azureml-model-error-reason", "model_error"));
  }

  @Override
  public Refusal modelError() {
    return new Refusal(424, AzureWire.error("424", "Model Error: the model container returned a non-200 response (500)."),
        Map.of("ms-azureml-model-error-statuscode", "500", "ms-azureml-model-error-reason", "model_error"));
  }

  @Override
  public Framing framing(String id, long created, ChatRequest request) {
    return new Framing() {
      @Override
      public Event opening() {
        throw notStreamed();
      }

      @Override
      public Event beforeFirstContent() {
        throw notStreamed();
      }

      @Override
      public SseText contentEvents() {
        throw notStreamed();
      }

      @Override
      public Event finish(String finishReason) {
        throw notStreamed();
      }

      @Override
      public Event usage(int promptTokens, int completionTokens) {
        throw notStreamed();
      }

      @Override
      public byte[] end() {
        throw notStreamed();
      }

      @Override
      public byte[] body(String text, String finishReason, int promptTokens, int completionTokens) {
        return AzureWire.utf8("{\"output\":" + AzureWire.quote(text) + "}");
      }
    };
  }

  private static IllegalStateException notStreamed() {
    return new IllegalStateException("aml-chat answers are never streamed");
  }
}
