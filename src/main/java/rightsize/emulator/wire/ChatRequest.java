package rightsize.emulator.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * The parts of a chat-completions request body the emulator uses.
 *
 * @param messages the messages array
 * @param model the body's model, or null
 * @param stream whether an SSE stream is asked for
 * @param includeUsage whether stream_options.include_usage is true
 * @param maxTokens max_completion_tokens or max_tokens, or null when neither is set
 * @param fingerprint a hash of messages, token limit and seed: the same request gets the same answer
 */
record ChatRequest(
    JsonNode messages, String model, boolean stream, boolean includeUsage, Integer maxTokens, long fingerprint) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A body the emulator refuses with 400; {@code param} names the offending field or is null. */
  static final class Invalid extends Exception {
    final String param;

    Invalid(String message, String param) {
      super(message, null, false, false);
      this.param = param;
    }
  }

  /** Reads an OpenAI chat-completions body. */
  static ChatRequest parse(byte[] body) throws Invalid {
    JsonNode root = object(body, "We could not parse the JSON body of your request. (HINT: This likely means you"
        + " aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)");
    JsonNode messages = root.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new Invalid("'messages' must be a non-empty array of message objects.", "messages");
    }
    for (JsonNode m : messages) {
      if (!m.isObject() || !m.path("role").isTextual()) {
        throw new Invalid("Each message must be an object with a string 'role'.", "messages");
      }
    }
    JsonNode stream = root.path("stream");
    if (!stream.isMissingNode() && !stream.isNull() && !stream.isBoolean()) {
      throw new Invalid("'stream' must be a boolean.", "stream");
    }
    Integer maxTokens = null;
    for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
      JsonNode n = root.get(field);
      if (n != null && !n.isNull()) {
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
          throw new Invalid("'" + field + "' must be an integer >= 1.", field);
        }
        maxTokens = n.asInt();
        break;
      }
    }
    String model = root.path("model").isTextual() ? root.get("model").asText() : null;
    JsonNode streamOptions = root.path("stream_options");
    if (!streamOptions.isMissingNode() && !streamOptions.isNull() && !stream.asBoolean(false)) {
      // OpenAI's answer, which Azure passes on (docs/emulator.md, "Fidelity").
      throw new Invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options");
    }
    boolean includeUsage = streamOptions.path("include_usage").asBoolean(false);
    return new ChatRequest(messages, model, stream.asBoolean(false), includeUsage, maxTokens,
        fingerprint(messages, maxTokens, root.path("seed").asLong(0)));
  }

  /**
   * A request of another format made into the same parts: its conversation as OpenAI {@code
   * messages}, so prompt tokens, text and timing follow one pipeline.
   */
  static ChatRequest of(JsonNode messages, boolean stream, Integer maxTokens) {
    return new ChatRequest(messages, null, stream, false, maxTokens, fingerprint(messages, maxTokens, 0));
  }

  /** The body as a JSON object, or {@link Invalid} with {@code notJson} as its message. */
  static JsonNode object(byte[] body, String notJson) throws Invalid {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Invalid(notJson, null);
    } catch (java.io.IOException e) {
      throw new Invalid("could not read the request body", null);
    }
    if (root == null || !root.isObject()) {
      throw new Invalid("The request body must be a JSON object.", null);
    }
    return root;
  }

  /** A new empty messages array. */
  static com.fasterxml.jackson.databind.node.ArrayNode newMessages() {
    return JSON.createArrayNode();
  }

  private static long fingerprint(JsonNode messages, Integer maxTokens, long seed) {
    long fingerprint = fnv1a(messages.toString().getBytes(StandardCharsets.UTF_8));
    fingerprint = fnv1a(fingerprint, maxTokens == null ? -1 : maxTokens);
    return fnv1a(fingerprint, seed);
  }

  private static long fnv1a(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long fnv1a(long h, long value) {
    for (int i = 0; i < 8; i++) {
      h ^= (value >>> (8 * i)) & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
