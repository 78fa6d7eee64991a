package rightsize.client;

import java.net.URI;
import java.util.Map;
import rightsize.config.Timeouts;

/**
 * One chat-completion HTTP request, ready to send: POST {@code uri} with {@code headers} and a JSON
 * {@code body}.
 *
 * @param requestId the x-ms-client-request-id it carries (also in {@code headers})
 * @param streaming whether an SSE answer was asked for
 */
public record ChatRequest(
    String requestId, URI uri, Map<String, String> headers, byte[] body, boolean streaming, Timeouts timeouts) {

  @Override
  public String toString() {
    // Headers carry credentials: never print them.
    return "ChatRequest[" + requestId + " POST " + uri + "]";
  }
}
