package rightsize.secret;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key read from an environment variable, which never prints itself and which {@link #redact}
 * removes from any text bound for logs or records.
 */
public final class Secret {
  private static final String MASK = "***";
  // Every secret this JVM has loaded, so that any outgoing text can be scrubbed of all of them.
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  private final String value;
  private final String source;

  private Secret(String value, String source) {
    this.value = value;
    this.source = source;
  }

  /** Wraps {@code value}, read from {@code source} (e.g. "env RIGHTSIZE_API_KEY"), and remembers it for redaction. */
  public static Secret of(String value, String source) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("empty secret from " + source);
    }
    KNOWN.add(value);
    return new Secret(value, source);
  }

  /** The secret itself; only for building the request header. */
  public String reveal() {
    return value;
  }

  /** Where the secret came from, safe to print. */
  public String source() {
    return source;
  }

  /** {@code text} with every loaded secret replaced by ***; null stays null. */
  public static String redact(String text) {
    if (text == null || KNOWN.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : KNOWN) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return MASK + " (" + source + ")";
  }
}
