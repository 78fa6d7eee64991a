package rightsize.endpoint;

import java.util.List;
import java.util.Map;

/**
 * What one chat request asks for, independent of the endpoint kind.
 *
 * @param messages the conversation: maps with "role" and "content" (and any other OpenAI message fields)
 * @param maxTokens the output limit
 * @param temperature sampling temperature
 * @param stream ask for a streamed (SSE) answer
 * @param includeUsage ask for the final usage event when streaming
 */
public record ChatParams(
    List<Map<String, Object>> messages, int maxTokens, double temperature, boolean stream, boolean includeUsage) {}
