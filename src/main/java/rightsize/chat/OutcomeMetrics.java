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
    // One JSON body: its content arrived with its end, so the time to the first content (or reasoning) is not measurable.
    Double ttftMs = arrivals.isEmpty() || !outcome.streamed() ? null : (arrivals.get(0) - writtenNanos) / NANOS_PER_MS;
    Double firstReasoningMs = outcome.reasoned() && outcome.streamed() ? (outcome.firstReasoningNanos() - writtenNanos) / NANOS_PER_MS : null;
    double e2eMs = (endNanos - writtenNanos) / NANOS_PER_MS;
    return new RequestMetrics(firstReasoningMs, ttftMs, e2eMs, itl(arrivals), tokens(outcome, promptText, counter));
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

  /**
   * The token counts (docs/metrics.md, "Tokens"): the server's usage when it sent one, else the
   * tokenizer over what arrived. Reasoning comes from the usage's reasoning tokens, else the
   * tokenizer over the streamed reasoning text; the visible tokens are counted apart (tokenizer over
   * choice 0's text and call arguments) whenever usage cannot tell them: reasoning without reasoning
   * tokens, or several choices summed in one usage.
   */
  private static RequestRecord.Tokens tokens(ChatOutcome outcome, String promptText, TokenCounter counter) {
    ChatOutcome.Usage usage = outcome.usage();
    String reasoningText = outcome.reasoning() == null ? "" : outcome.reasoning();
    if (usage != null) {
      Integer reasoning = usage.reasoningTokens();
      RequestRecord.TokenSource reasoningSource = reasoning == null ? null : RequestRecord.TokenSource.usage;
      if (reasoning == null && counter != null && !reasoningText.isEmpty()) {
        reasoning = counter.count(reasoningText);
        reasoningSource = RequestRecord.TokenSource.tokenizer;
      }
      boolean countVisible = counter != null
          && (outcome.otherChoices() || (outcome.reasoned() && usage.reasoningTokens() == null));
      Integer visible = countVisible ? visible(outcome, counter) : null;
      return new RequestRecord.Tokens(usage.promptTokens(), usage.completionTokens(), usage.cachedTokens(),
          reasoning, RequestRecord.TokenSource.usage, reasoningSource, visible,
          visible == null ? null : RequestRecord.TokenSource.tokenizer);
    }
    boolean nothing = isEmpty(outcome.text()) && isEmpty(outcome.callArguments()) && reasoningText.isEmpty();
    if (counter == null || nothing) {
      return RequestMetrics.NO_TOKENS;
    }
    Integer prompt = promptText == null ? null : counter.count(promptText);
    int visible = visible(outcome, counter);
    if (reasoningText.isEmpty()) {
      return new RequestRecord.Tokens(prompt, visible, null, null, RequestRecord.TokenSource.tokenizer);
    }
    int reasoning = counter.count(reasoningText);
    return new RequestRecord.Tokens(prompt, visible + reasoning, null, reasoning, RequestRecord.TokenSource.tokenizer,
        RequestRecord.TokenSource.tokenizer, visible, RequestRecord.TokenSource.tokenizer);
  }

  /** The tokenizer's count of choice 0's visible answer: its text and its call arguments. */
  private static int visible(ChatOutcome outcome, TokenCounter counter) {
    return count(counter, outcome.text()) + count(counter, outcome.callArguments());
  }

  private static int count(TokenCounter counter, String text) {
    return isEmpty(text) ? 0 : counter.count(text);
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }
}
