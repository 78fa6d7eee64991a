package rightsize.metrics;

import java.util.Arrays;
import java.util.List;
import rightsize.chat.ChatOutcome;
import rightsize.record.RequestRecord;

/**
 * The defined metrics of one request (docs/metrics.md): ttft, e2e, itl, tpot, decode rate and
 * token counts with their source.
 *
 * @param ttftMs from request written to first content-bearing event, or null when none arrived
 * @param e2eMs from request written to end of response (or to the failure)
 * @param itl summary of the gaps between consecutive content-bearing events, or null with fewer
 *     than two such events
 * @param tokens token counts, from the server's usage when present, else counted locally
 */
public record RequestMetrics(
    Double ttftMs, double e2eMs, RequestRecord.Itl itl, RequestRecord.Tokens tokens) {

  private static final double NANOS_PER_MS = 1_000_000.0;
  private static final RequestRecord.Tokens NO_TOKENS =
      new RequestRecord.Tokens(null, null, null, null, RequestRecord.TokenSource.none);

  /**
   * Computes the metrics of a request written at {@code writtenNanos} and ended at {@code
   * endNanos}, whose response is {@code outcome}; {@code promptText} is what the tokenizer counts
   * when the server sends no usage ({@code counter} null: no local counting).
   */
  public static RequestMetrics of(
      long writtenNanos, long endNanos, ChatOutcome outcome, String promptText, TokenCounter counter) {
    List<Long> arrivals = outcome.contentArrivalNanos();
    Double ttftMs = arrivals.isEmpty() ? null : (arrivals.get(0) - writtenNanos) / NANOS_PER_MS;
    double e2eMs = (endNanos - writtenNanos) / NANOS_PER_MS;
    return new RequestMetrics(ttftMs, e2eMs, itl(arrivals), tokens(outcome, promptText, counter));
  }

  /** The metrics a record read back from disk holds, so reports compute tpot as the live run does. */
  public static RequestMetrics of(RequestRecord record) {
    return new RequestMetrics(record.ttftMs(), record.e2eMs(), record.itl(),
        record.tokens() == null ? NO_TOKENS : record.tokens());
  }

  /**
   * Time per output token after the first, (e2e - ttft) / (completion tokens - 1), in ms; null when
   * no first token arrived, fewer than two tokens were produced, or no decode time was observable
   * (e2e <= ttft: a non-streaming response, or all content arrived with the end).
   */
  public Double tpotMs() {
    return decodeObserved() ? (e2eMs - ttftMs) / (tokens.completion() - 1) : null;
  }

  /**
   * Decode rate, (completion tokens - 1) / (e2e - ttft), in tokens per second; null under the same
   * conditions as {@link #tpotMs}.
   */
  public Double decodeTokensPerSecond() {
    return decodeObserved() ? (tokens.completion() - 1) * 1000.0 / (e2eMs - ttftMs) : null;
  }

  private boolean decodeObserved() {
    Integer completion = tokens.completion();
    return ttftMs != null && completion != null && completion >= 2 && e2eMs > ttftMs;
  }

  /** Count, mean, median (nearest rank) and max of the gaps between consecutive arrivals. */
  static RequestRecord.Itl itl(List<Long> arrivals) {
    int count = arrivals.size() - 1;
    if (count < 1) {
      return null;
    }
    double[] gaps = new double[count];
    double sum = 0;
    for (int k = 0; k < count; k++) {
      gaps[k] = (arrivals.get(k + 1) - arrivals.get(k)) / NANOS_PER_MS;
      sum += gaps[k];
    }
    Arrays.sort(gaps);
    // Nearest rank: the smallest gap with at least half of all gaps at or below it (a real gap).
    double p50 = gaps[(count + 1) / 2 - 1];
    return new RequestRecord.Itl(count, sum / count, p50, gaps[count - 1]);
  }

  private static RequestRecord.Tokens tokens(ChatOutcome outcome, String promptText, TokenCounter counter) {
    ChatOutcome.Usage usage = outcome.usage();
    if (usage != null) {
      return new RequestRecord.Tokens(usage.promptTokens(), usage.completionTokens(),
          usage.cachedTokens(), usage.reasoningTokens(), RequestRecord.TokenSource.usage);
    }
    String text = outcome.text();
    if (counter == null || text == null || text.isEmpty()) {
      return NO_TOKENS;
    }
    Integer prompt = promptText == null ? null : counter.count(promptText);
    return new RequestRecord.Tokens(prompt, counter.count(text), null, null, RequestRecord.TokenSource.tokenizer);
  }
}
