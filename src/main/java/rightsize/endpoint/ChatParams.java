package rightsize.endpoint;

import java.util.List;
import java.util.Map;
import rightsize.config.RequestDefaults;

/**
 * What one chat request asks for, independent of the endpoint kind and wire format: its messages
 * and the parameters resolved for it (the request's own output limit, the protocol's defaults for
 * the rest).
 *
 * @param messages the conversation: maps with "role" and "content" (and any other OpenAI message fields)
 * @param maxTokens the output limit
 * @param temperature sampling temperature
 * @param stream ask for a streamed (SSE) answer
 * @param includeUsage ask for the final usage event when streaming
 * @param fields session values a custom body template names (feeder columns), by name
 */
public record ChatParams(
    List<Map<String, Object>> messages, int maxTokens, double temperature, boolean stream, boolean includeUsage,
    Map<String, Object> fields) {

  public ChatParams {
    fields = Map.copyOf(fields);
  }

  /**
   * {@code messages} with at most {@code maxTokens} output tokens, the other parameters from {@code
   * defaults}, and the session values a body template names.
   */
  public static ChatParams of(List<Map<String, Object>> messages, int maxTokens, RequestDefaults defaults, Map<String, Object> fields) {
    return new ChatParams(messages, maxTokens, defaults.temperature(), defaults.stream(), defaults.includeUsage(), fields);
  }
}
