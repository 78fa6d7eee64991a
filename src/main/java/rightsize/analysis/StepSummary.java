package rightsize.analysis;

import java.util.Map;
import rightsize.record.Status;

/**
 * The immutable figures of one step, read from a {@link StepStats}: counts, latency percentiles
 * over all requests of the step, and throughput over the step's wall-clock window.
 *
 * <p>Latencies and token sums cover successful requests only (a 429 answered in 2 ms must not make
 * latency look better; a stream cut midway delivered nothing usable). Counts and the error rate
 * cover every request. The window runs from the first request's start to the last request's end.
 *
 * @param requests every request of the step
 * @param ok requests with status ok
 * @param throttled requests answered 429 (also counted in {@link #ko()})
 * @param statusCounts requests per status, statuses with no request left out
 * @param promptTokens prompt tokens of the successful requests (cached ones included)
 * @param cachedTokens cached prompt tokens of the successful requests
 * @param completionTokens completion (output) tokens of the successful requests
 * @param firstStartEpochMicros start of the step's first request, or 0 when it has none
 * @param lastEndEpochMicros end of the step's last request, or 0 when it has none
 * @param ttft time to the first visible token
 * @param tpot time per visible output token (docs/metrics.md)
 * @param reasoning the reasoning phase of the successful requests that reasoned
 * @param notStreamed successful requests answered as one JSON body, whose ttft is not measurable
 */
public record StepSummary(
    StepKey key,
    long requests,
    long ok,
    long throttled,
    Map<Status, Long> statusCounts,
    long promptTokens,
    long cachedTokens,
    long completionTokens,
    long firstStartEpochMicros,
    long lastEndEpochMicros,
    LatencySummary ttft,
    LatencySummary tpot,
    LatencySummary e2e,
    Reasoning reasoning,
    long notStreamed) {

  public StepSummary {
    statusCounts = Map.copyOf(statusCounts);
  }

  /** The figures of a step none of whose requests reasoned, every successful answer streamed. */
  public StepSummary(StepKey key, long requests, long ok, long throttled, Map<Status, Long> statusCounts,
      long promptTokens, long cachedTokens, long completionTokens, long firstStartEpochMicros,
      long lastEndEpochMicros, LatencySummary ttft, LatencySummary tpot, LatencySummary e2e) {
    this(key, requests, ok, throttled, statusCounts, promptTokens, cachedTokens, completionTokens,
        firstStartEpochMicros, lastEndEpochMicros, ttft, tpot, e2e, Reasoning.NONE, 0);
  }

  /**
   * The reasoning phase of a step's successful requests that reasoned: those that streamed
   * reasoning, or whose usage reports reasoning tokens (docs/metrics.md, "Reasoning").
   *
   * @param requests successful requests that reasoned
   * @param tokens their reasoning tokens (usage, else the tokenizer's count of the streamed reasoning)
   * @param firstReasoning time to the first reasoning token, over the requests that streamed reasoning
   * @param duration reasoning duration (first reasoning token to first visible token), over the same
   */
  public record Reasoning(long requests, long tokens, LatencySummary firstReasoning, LatencySummary duration) {

    /** No request reasoned. */
    public static final Reasoning NONE = new Reasoning(0, 0, LatencySummary.NONE, LatencySummary.NONE);

    /** Whether some successful request of the step reasoned. */
    public boolean any() {
      return requests > 0;
    }

    /** Mean reasoning tokens per request that reasoned, or null when none did. */
    public Double meanTokens() {
      return requests == 0 ? null : (double) tokens / requests;
    }
  }

  /** Requests that ended normally with no visible content (status {@code empty_answer}). */
  public long emptyAnswers() {
    return statusCounts.getOrDefault(Status.EMPTY_ANSWER, 0L);
  }

  /** The error rate with empty answers counted as neither failed nor ok (an SLO that does not count them). */
  public double errorRateWithoutEmptyAnswers() {
    return requests == 0 ? 0 : (double) (ko() - emptyAnswers()) / requests;
  }

  /** True when no successful request was streamed: the step has no ttft to measure, by design of its wire format. */
  public boolean ttftNotMeasurable() {
    return notStreamed > 0 && notStreamed == ok;
  }

  /** Requests that did not end ok, throttled ones and empty answers included. */
  public long ko() {
    return requests - ok;
  }

  /** Share (0..1) of requests that did not end ok, throttled ones included; 0 for no request. */
  public double errorRate() {
    return requests == 0 ? 0 : (double) ko() / requests;
  }

  /** Share (0..1) of requests answered 429. */
  public double throttledRate() {
    return requests == 0 ? 0 : (double) throttled / requests;
  }

  /** Length of the step's wall-clock window in seconds, 0 when it has no request. */
  public double windowSeconds() {
    return Math.max(0, lastEndEpochMicros - firstStartEpochMicros) / 1e6;
  }

  /** Every request per second of the window (what Gatling calls req/s), or null for an empty window. */
  public Double requestsPerSecond() {
    return perSecond(requests);
  }

  /** Successful requests per second of the window, or null for an empty window. */
  public Double okRequestsPerSecond() {
    return perSecond(ok);
  }

  /** Output tokens of successful requests per second of the window, or null for an empty window. */
  public Double outputTokensPerSecond() {
    return perSecond(completionTokens);
  }

  /** Prompt plus output tokens of successful requests per second, or null for an empty window. */
  public Double totalTokensPerSecond() {
    return perSecond(promptTokens + completionTokens);
  }

  private Double perSecond(long count) {
    double seconds = windowSeconds();
    return seconds > 0 ? count / seconds : null;
  }
}
