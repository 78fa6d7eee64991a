package rightsize.metrics;

import rightsize.chat.ChatOutcome;
import rightsize.record.RequestRecord;

/**
 * The defined metrics of one request (docs/metrics.md): ttft, e2e, itl, tpot, decode rate and
 * token counts with their source.
 *
 * @param ttftMs from request written to first content-bearing event, or null when none arrived
 * @param e2eMs from request written to end of response (or to the failure)
 * @param itl summary of the gaps between consecutive content-bearing events
 * @param tokens token counts, from the server's usage when present, else counted locally
 */
public record RequestMetrics(
    Double ttftMs, double e2eMs, RequestRecord.Itl itl, RequestRecord.Tokens tokens) {

  /**
   * Computes the metrics of a request written at {@code writtenNanos} and ended at {@code
   * endNanos}, whose response is {@code outcome}; {@code promptText} is what the tokenizer counts
   * when the server sends no usage.
   */
  public static RequestMetrics of(
      long writtenNanos, long endNanos, ChatOutcome outcome, String promptText, TokenCounter counter) {
    throw new UnsupportedOperationException("TODO");
  }

  /** (e2e - ttft) / (completion tokens - 1), or null when fewer than two tokens were produced. */
  public Double tpotMs() {
    throw new UnsupportedOperationException("TODO");
  }

  /** (completion tokens - 1) / (e2e - ttft) in tokens per second, or null when undefined. */
  public Double decodeTokensPerSecond() {
    throw new UnsupportedOperationException("TODO");
  }
}
