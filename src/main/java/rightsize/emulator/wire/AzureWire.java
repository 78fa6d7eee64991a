package rightsize.emulator.wire;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import rightsize.emulator.text.CompletionText;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of Azure-shaped chat-completion answers: SSE events (prompt filter, role, content,
 * finish, usage, [DONE]), whole JSON bodies and error bodies, with keys in Azure's alphabetical
 * order (docs/emulator.md shows each shape).
 */
final class AzureWire {
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

  /** The first event Azure sends: empty choices and the prompt filter results. */
  byte[] promptFilterEvent() {
    return event("{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
        + "\"prompt_filter_results\":" + PROMPT_FILTER + "}");
  }

  /** The events of one streamed answer with id {@code id}, created at {@code created} (epoch s). */
  Stream stream(String id, long created, boolean includeUsage) {
    return new Stream(id, created, includeUsage);
  }

  /** One streamed answer's event shapes; content events share a precomputed prefix and suffix. */
  final class Stream {
    private final String tail;
    private final byte[] contentPrefix;
    private final byte[] contentSuffix;

    private Stream(String id, long created, boolean includeUsage) {
      this.tail = "\"created\":" + created + ",\"id\":" + quote(id) + ",\"model\":" + quote(model)
          + ",\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"" + fingerprint + "\""
          + (includeUsage ? ",\"usage\":null" : "");
      this.contentPrefix = ("data: {\"choices\":[{" + filter(CONTENT_FILTER) + "\"delta\":{\"content\":\"")
          .getBytes(StandardCharsets.UTF_8);
      this.contentSuffix = ("\"},\"finish_reason\":null,\"index\":0,\"logprobs\":null}]," + tail + "}\n\n")
          .getBytes(StandardCharsets.UTF_8);
    }

    byte[] role() {
      return event("{\"choices\":[{" + filter("{}")
          + "\"delta\":{\"content\":\"\",\"refusal\":null,\"role\":\"assistant\"},"
          + "\"finish_reason\":null,\"index\":0,\"logprobs\":null}]," + tail + "}");
    }

    /**
     * A content event carrying plan pieces {@code [from, to)}, written straight into one pooled
     * buffer: this runs for every chunk of every stream. Plan pieces are plain ASCII
     * ({@link CompletionText#isPlainAscii}), so they need no JSON escaping.
     */
    ByteBuf content(ByteBufAllocator alloc, String[] plan, int from, int to) {
      ByteBuf buf = alloc.buffer(contentPrefix.length + (to - from) * 12 + contentSuffix.length);
      buf.writeBytes(contentPrefix);
      writePieces(buf, plan, from, to);
      return buf.writeBytes(contentSuffix);
    }

    /** A content event whose JSON stops in the middle of the text (the malformed-chunk fault). */
    ByteBuf malformedContent(ByteBufAllocator alloc, String[] plan, int from, int to) {
      ByteBuf buf = alloc.buffer(contentPrefix.length + (to - from) * 12 + 2);
      buf.writeBytes(contentPrefix);
      writePieces(buf, plan, from, to);
      return buf.writeByte('\n').writeByte('\n');
    }

    byte[] finish(String finishReason) {
      return event("{\"choices\":[{" + filter("{}") + "\"delta\":{},\"finish_reason\":\"" + finishReason
          + "\",\"index\":0,\"logprobs\":null}]," + tail + "}");
    }

    byte[] usage(int promptTokens, int completionTokens) {
      String t = tail.replace(",\"usage\":null", "");
      return event("{\"choices\":[]," + t + ",\"usage\":" + usageJson(promptTokens, completionTokens) + "}");
    }
  }

  private static void writePieces(ByteBuf buf, String[] plan, int from, int to) {
    for (int i = from; i < to; i++) {
      buf.writeCharSequence(plan[i], StandardCharsets.US_ASCII);
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

  private static byte[] event(String json) {
    return utf8("data: " + json + "\n\n");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
