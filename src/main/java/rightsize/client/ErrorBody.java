package rightsize.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import rightsize.secret.Secret;

/**
 * The service error code and message in a non-2xx body, whatever the service's shape: Azure
 * OpenAI / OpenAI {@code {"error":{"code","message"}}}, Foundry {@code {"code","message"}}, Azure ML
 * {@code {"message"}} or plain text; both scrubbed of secrets, then shortened.
 */
record ErrorBody(String code, String message, boolean contentFilter) {
  static final int MESSAGE_MAX = 200;
  // A code is a word such as "429" or "content_filter"; a longer one is a server echoing its input.
  static final int CODE_MAX = 64;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CONTENT_FILTER_CODES = Set.of("content_filter", "ResponsibleAIPolicyViolation");

  static ErrorBody parse(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return new ErrorBody(null, null, false);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException notJson) {
      return new ErrorBody(null, shorten(text), false);
    }
    if (root == null || !root.isObject()) {
      return new ErrorBody(null, shorten(text), false);
    }
    JsonNode err = root.path("error");
    JsonNode holder = err.isObject() ? err : root;
    String code = firstText(holder.path("code"), holder.path("type"));
    if (code == null && err.isTextual()) {
      // {"error": "some text"} (vLLM and llama.cpp variants)
      return new ErrorBody(null, shorten(err.asText()), false);
    }
    String message = firstText(holder.path("message"), root.path("message"), root.path("detail"));
    String inner = firstText(holder.path("innererror").path("code"));
    boolean filtered = (code != null && CONTENT_FILTER_CODES.contains(code)) || (inner != null && CONTENT_FILTER_CODES.contains(inner));
    return new ErrorBody(Secret.shorten(code, CODE_MAX), shorten(message), filtered);
  }

  private static String firstText(JsonNode... nodes) {
    for (JsonNode n : nodes) {
      if (n.isTextual() && !n.asText().isBlank()) {
        return n.asText();
      }
      if (n.isNumber()) {
        return n.asText();
      }
    }
    return null;
  }

  private static String shorten(String s) {
    return Secret.shorten(s, MESSAGE_MAX);
  }
}
