package rightsize.secret;

import java.util.regex.Pattern;

/**
 * A key read from an environment variable, which never prints itself and which {@link #redact}
 * removes from any text bound for logs, records, reports or the console.
 *
 * <p>Every secret this JVM loads or obtains (configured keys, each Entra ID token as it arrives) is
 * registered here, and this is the one scrubber every sink goes through: the record and report
 * files ({@link ScrubbedFiles}), Gatling's KO messages, log lines ({@link ScrubbedMessageConverter})
 * and the client's error messages, which are scrubbed before they are shortened ({@link #shorten}).
 */
public final class Secret {
  /** What a secret, or any piece of it, is replaced with. */
  public static final String MASK = "***";

  private static final Pattern SPACES = Pattern.compile("\\s+");

  private static volatile Scrubber scrubber = Scrubber.EMPTY;

  private final String value;
  private final String source;

  private Secret(String value, String source) {
    this.value = value;
    this.source = source;
  }

  /** Wraps {@code value}, read from {@code source} (e.g. "env RIGHTSIZE_API_KEY"), and registers it for scrubbing. */
  public static Secret of(String value, String source) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("empty secret from " + source);
    }
    register(value);
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

  /**
   * {@code text} with every loaded secret masked: the secret itself, its URL encoding, its Base64
   * (also inside the Base64 of a longer text), and any 8 characters of any of them. Null stays null.
   */
  public static String redact(String text) {
    return scrubber.scrub(text, MASK);
  }

  /**
   * {@code text} scrubbed, on one line (runs of whitespace become one space), and then cut to at most
   * {@code max} characters, ending in "…" when cut: scrubbing first, no piece of a secret that
   * straddles the cut survives. Null stays null.
   */
  public static String shorten(String text, int max) {
    if (text == null) {
      return null;
    }
    String one = SPACES.matcher(redact(text)).replaceAll(" ").trim();
    return one.length() <= max ? one : one.substring(0, max - 1) + "…";
  }

  private static void register(String value) {
    // Copy-on-write: readers on every thread see a complete scrubber, and tokens registered late
    // (an Entra ID refresh mid-run) apply to every text scrubbed after.
    synchronized (Secret.class) {
      if (!scrubber.knows(value)) {
        scrubber = scrubber.with(value);
      }
    }
  }

  @Override
  public String toString() {
    return MASK + " (" + source + ")";
  }
}
