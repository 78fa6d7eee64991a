package rightsize.metrics;

/** Counts tokens locally with a tiktoken encoding, for servers that send no usage. Thread-safe. */
public final class TokenCounter {

  /** A counter for the named encoding (o200k_base, cl100k_base, p50k_base, r50k_base). */
  public static TokenCounter forEncoding(String encodingName) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Number of tokens in {@code text}. */
  public int count(String text) {
    throw new UnsupportedOperationException("TODO");
  }
}
