package rightsize.client;

import java.net.URI;
import java.util.Map;
import rightsize.config.Timeouts;
import rightsize.config.WireFormatSettings;

/**
 * One chat HTTP request, ready to send: POST {@code uri} with {@code headers} and a JSON {@code
 * body}, whose answer is read in {@code format}.
 *
 * @param requestId the x-ms-client-request-id it carries (also in {@code headers})
 * @param streaming whether an SSE answer was asked for
 * @param format the wire format the answer is read in
 * @param promptText the conversation text the body carries, which the tokenizer counts when the
 *     server sends no usage
 */
public record ChatRequest(
    String requestId, URI uri, Map<String, String> headers, byte[] body, boolean streaming, Timeouts timeouts,
    WireFormatSettings format, String promptText) {

  @Override
  public String toString() {
    // Headers carry credentials: never print them.
    return "ChatRequest[" + requestId + " POST " + uri + "]";
  }
}
