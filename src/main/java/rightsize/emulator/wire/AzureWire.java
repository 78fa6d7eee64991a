package rightsize.emulator.wire;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import rightsize.emulator.truth.ChunkKind;

/**
 * The OpenAI chat-completions format as Azure answers it: SSE events (prompt filter, role, content,
 * finish, usage, [DONE]), whole JSON bodies and error bodies, with keys in Azure's alphabetical
 * order (docs/emulator.md shows each shape).
 */
final class AzureWire implements WireShape {
  static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  private static final String SAFE = "{\"filtered\":false,\"severity\":\"safe\"}";
  private static final String CONTENT_FILTER =
      "{\"hate\":" + SAFE + ",\"self_harm\":" + SAFE + ",\"sexual\":" + SAFE + ",\"violence\":" + SAFE + "}";
  private static final String PROMPT_FILTER =
      "[{\"prompt_index\":0,\"content_filter_results\":{\"hate\":" + SAFE
          + ",\"jailbreak\":{\"filtered\":false,\"detected\":false},\"self_harm\":" + SAFE
          + ",\"sexual\":" + SAFE + ",\"violence\":" + SAFE + "}}]";

  private final boolean annotations;
  private final String model;
  private final String fingerprint;

  AzureWire(boolean annotations, String model, long seed) {
    this.annotations = annotations;
    this.model = model;
    this.fingerprint = "fp_" + String.format("%010x", (seed * 0x9E3779B97F4A7C15L) >>> 24);
  }

  @Override
  public ChatRequest read(byte[] body, HttpHeaders headers) throws ChatRequest.Invalid {
    return ChatRequest.parse(body);
  }

  @Override
  public Refusal refuse(ChatRequest.Invalid invalid) {
    return new Refusal(400, invalidRequest(invalid.getMessage(), invalid.param), Map.of());
  }

  @Override
  public Refusal modelError() {
    return new Refusal(424, error("424", "Model Error: the model container returned a non-200 response (500)."),
        Map.of("ms-azureml-model-error-statuscode", "500", "ms-azureml-model-error-reason", "model_error"));
  }

  /** The first event Azure sends: empty choices and the prompt filter results. */
  byte[] promptFilterEvent() {
    return event("{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
        + "\"prompt_filter_results\":" + PROMPT_FILTER + "}");
  }

  @Override
  public Framing framing(String id, long created, ChatRequest request) {
    return new Stream(id, created, request.includeUsage());
  }

  /** One answer's event shapes; content events share a precomputed prefix and suffix. */
  final class Stream implements Framing {
    private final String id;
    private final long created;
    private final boolean includeUsage;
    private final String tail;
    private final SseText text;

    private Stream(String id, long created, boolean includeUsage) {
      this.id = id;
      this.created = created;
      this.includeUsage = includeUsage;
      this.tail = "\"created\":" + created + ",\"id\":" + quote(id) + ",\"model\":" + quote(model)
          + ",\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"" + fingerprint + "\""
          + (includeUsage ? ",\"usage\":null" : "");
      this.text = new SseText("{\"choices\":[{" + filter(CONTENT_FILTER) + "\"delta\":{\"content\":\"",
          "\"},\"finish_reason\":null,\"index\":0,\"logprobs\":null}]," + tail + "}");
    }

    @Override
    public Event opening() {
      return annotations ? new Event(ChunkKind.PROMPT_FILTER, promptFilterEvent()) : null;
    }

    @Override
    public Event beforeFirstContent() {
      return new Event(ChunkKind.ROLE, event("{\"choices\":[{" + filter("{}")
          + "\"delta\":{\"content\":\"\",\"refusal\":null,\"role\":\"assistant\"},"
          + "\"finish_reason\":null,\"index\":0,\"logprobs\":null}]," + tail + "}"));
    }

    @Override
    public SseText contentEvents() {
      return text;
    }

    @Override
    public Event finish(String finishReason) {
      return new Event(ChunkKind.FINISH, event("{\"choices\":[{" + filter("{}") + "\"delta\":{},\"finish_reason\":\""
          + finishReason + "\",\"index\":0,\"logprobs\":null}]," + tail + "}"));
    }

    @Override
    public Event usage(int promptTokens, int completionTokens) {
      if (!includeUsage) {
        return null;
      }
      String t = tail.replace(",\"usage\":null", "");
      return new Event(ChunkKind.USAGE,
          event("{\"choices\":[]," + t + ",\"usage\":" + usageJson(promptTokens, completionTokens) + "}"));
    }

    @Override
    public byte[] end() {
      return DONE;
    }

    @Override
    public byte[] body(String answer, String finishReason, int promptTokens, int completionTokens) {
      return AzureWire.this.body(id, created, answer, finishReason, promptTokens, completionTokens);
    }
  }

  /** A whole non-streaming answer. */
  byte[] body(String id, long created, String text, String finishReason, int promptTokens, int completionTokens) {
    return utf8("{\"choices\":[{" + filter(CONTENT_FILTER) + "\"finish_reason\":\"" + finishReason
        + "\",\"index\":0,\"logprobs\":null,\"message\":{\"annotations\":[],\"content\":" + quote(text)
        + ",\"refusal\":null,\"role\":\"assistant\"}}],\"created\":" + created + ",\"id\":" + quote(id)
        + ",\"model\":" + quote(model) + ",\"object\":\"chat.completion\","
        + (annotations ? "\"prompt_filter_results\":" + PROMPT_FILTER + "," : "")
        + "\"system_fingerprint\":\"" + fingerprint + "\",\"usage\":"
        + usageJson(promptTokens, completionTokens) + "}");
  }

  /** Azure's error body: {"error":{"code":..., "message":...}}. */
  static byte[] error(String code, String message) {
    return utf8("{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}");
  }

  /** OpenAI's validation error body, which Azure also returns for a bad request. */
  static byte[] invalidRequest(String message, String param) {
    return utf8("{\"error\":{\"message\":" + quote(message) + ",\"type\":\"invalid_request_error\",\"param\":"
        + (param == null ? "null" : quote(param)) + ",\"code\":null}}");
  }

  private String filter(String results) {
    return annotations ? "\"content_filter_results\":" + results + "," : "";
  }

  private static String usageJson(int prompt, int completion) {
    return "{\"completion_tokens\":" + completion
        + ",\"completion_tokens_details\":{\"accepted_prediction_tokens\":0,\"audio_tokens\":0,"
        + "\"reasoning_tokens\":0,\"rejected_prediction_tokens\":0},\"prompt_tokens\":" + prompt
        + ",\"prompt_tokens_details\":{\"audio_tokens\":0,\"cached_tokens\":0},\"total_tokens\":"
        + (prompt + completion) + "}";
  }

  static byte[] event(String json) {
    return utf8("data: " + json + "\n\n");
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
