package rightsize.metrics;

/**
 * The decode-phase formulas of docs/metrics.md (tpot and decode rate), shared by live metrics and
 * by records read back from disk so both compute them identically.
 */
public final class TokenTiming {

  private TokenTiming() {}

  /**
   * Time per output token after the first, (e2e - ttft) / (outputTokens - 1), in ms; null when no
   * first token arrived, fewer than two tokens were produced, or no decode time was observable
   * (e2e <= ttft: a non-streaming response, or all content arrived with the end).
   */
  public static Double tpotMs(Double ttftMs, double e2eMs, Integer outputTokens) {
    if (!defined(ttftMs, e2eMs, outputTokens)) {
      return null;
    }
    return (e2eMs - ttftMs) / (outputTokens - 1);
  }

  /**
   * Decode rate, (outputTokens - 1) / (e2e - ttft), in tokens per second; null under the same
   * conditions as {@link #tpotMs}.
   */
  public static Double decodeTokensPerSecond(Double ttftMs, double e2eMs, Integer outputTokens) {
    if (!defined(ttftMs, e2eMs, outputTokens)) {
      return null;
    }
    return (outputTokens - 1) * 1000.0 / (e2eMs - ttftMs);
  }

  private static boolean defined(Double ttftMs, double e2eMs, Integer outputTokens) {
    return ttftMs != null && outputTokens != null && outputTokens >= 2 && e2eMs > ttftMs;
  }
}
