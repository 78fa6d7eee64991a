package rightsize.chat;

import java.util.Arrays;
import java.util.List;
import rightsize.metrics.RequestMetrics;
import rightsize.metrics.TokenCounter;
import rightsize.record.RequestRecord;

/**
 * Measures a live response: the {@link RequestMetrics} (docs/metrics.md) of a {@link ChatOutcome}
 * from the {@code System.nanoTime} instants of its request.
 */
public final class OutcomeMetrics {
  private static final double NANOS_PER_MS = 1_000_000.0;

  private OutcomeMetrics() {}

  /**
   * The metrics of a request written at {@code writtenNanos} and ended at {@code endNanos}, whose
   * response is {@code outcome}; {@code promptText} is what the tokenizer counts when the server
   * sends no usage ({@code counter} null: no local counting).
   */
  public static RequestMetrics of(
      long writtenNanos, long endNanos, ChatOutcome outcome, String promptText, TokenCounter counter) {
    List<Long> arrivals = outcome.contentArrivalNanos();
    // One JSON body: its content arrived with its end, so the time to the first content is not measurable.
    Double ttftMs = arrivals.isEmpty() || !outcome.streamed() ? null : (arrivals.get(0) - writtenNanos) / NANOS_PER_MS;
    double e2eMs = (endNanos - writtenNanos) / NANOS_PER_MS;
    return new RequestMetrics(ttftMs, e2eMs, itl(arrivals), tokens(outcome, promptText, counter));
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
      return RequestMetrics.NO_TOKENS;
    }
    Integer prompt = promptText == null ? null : counter.count(promptText);
    return new RequestRecord.Tokens(prompt, counter.count(text), null, null, RequestRecord.TokenSource.tokenizer);
  }
}
