package rightsize.metrics;

import rightsize.record.RequestRecord;

/**
 * The defined metrics of one request (docs/metrics.md): time to first reasoning token, ttft, e2e,
 * itl, reasoning duration, tpot, decode rate and token counts with their source. A live response is
 * measured by {@code rightsize.chat.OutcomeMetrics}; a record read back gives the same figures
 * through {@link #of(RequestRecord)}.
 *
 * @param firstReasoningMs from request written to the first event carrying reasoning, or null when
 *     the response streamed none
 * @param ttftMs from request written to first content-bearing (visible) event, or null when none arrived
 * @param e2eMs from request written to end of response (or to the failure)
 * @param itl summary of the gaps between consecutive content-bearing events, or null with fewer
 *     than two such events
 * @param tokens token counts, from the server's usage when present, else counted locally
 */
public record RequestMetrics(
    Double firstReasoningMs, Double ttftMs, double e2eMs, RequestRecord.Itl itl, RequestRecord.Tokens tokens) {

  /** The token counts of a request that has none (failed before any content, nothing counted). */
  public static final RequestRecord.Tokens NO_TOKENS =
      new RequestRecord.Tokens(null, null, null, null, RequestRecord.TokenSource.none);

  /** The metrics a record read back from disk holds, so reports compute tpot as the live run does. */
  public static RequestMetrics of(RequestRecord record) {
    return new RequestMetrics(record.firstReasoningMs(), record.ttftMs(), record.e2eMs(), record.itl(),
        record.tokens() == null ? NO_TOKENS : record.tokens());
  }

  /**
   * Reasoning duration, from the first reasoning event to the first visible one (ttft -
   * first reasoning), in ms; null unless both arrived, reasoning first.
   */
  public Double reasoningDurationMs() {
    return firstReasoningMs != null && ttftMs != null && ttftMs >= firstReasoningMs ? ttftMs - firstReasoningMs : null;
  }

  /**
   * Time per visible output token after the first, (e2e - ttft) / (visible tokens - 1), in ms; null
   * when no first token arrived, fewer than two visible tokens were produced, or no decode time was
   * observable (e2e <= ttft: a non-streaming response, or all content arrived with the end).
   * Reasoning tokens are left out: they were produced before ttft, inside it
   * ({@link RequestRecord.Tokens#visibleTokens()}).
   */
  public Double tpotMs() {
    return decodeObserved() ? (e2eMs - ttftMs) / (tokens.visibleTokens() - 1) : null;
  }

  /**
   * Decode rate, (visible tokens - 1) / (e2e - ttft), in tokens per second; null under the same
   * conditions as {@link #tpotMs}.
   */
  public Double decodeTokensPerSecond() {
    return decodeObserved() ? (tokens.visibleTokens() - 1) * 1000.0 / (e2eMs - ttftMs) : null;
  }

  private boolean decodeObserved() {
    Integer visible = tokens.visibleTokens();
    return ttftMs != null && visible != null && visible >= 2 && e2eMs > ttftMs;
  }
}
