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
 * @param notStreamed successful requests answered as one JSON body, whose ttft is not measurable
 * @param throttled requests answered 429 (also counted in {@link #ko()})
 * @param statusCounts requests per status, statuses with no request left out
 * @param promptTokens prompt tokens of the successful requests (cached ones included)
 * @param cachedTokens cached prompt tokens of the successful requests
 * @param completionTokens completion (output) tokens of the successful requests
 * @param firstStartEpochMicros start of the step's first request, or 0 when it has none
 * @param lastEndEpochMicros end of the step's last request, or 0 when it has none
 */
public record StepSummary(
    StepKey key,
    long requests,
    long ok,
    long notStreamed,
    long throttled,
    Map<Status, Long> statusCounts,
    long promptTokens,
    long cachedTokens,
    long completionTokens,
    long firstStartEpochMicros,
    long lastEndEpochMicros,
    LatencySummary ttft,
    LatencySummary tpot,
    LatencySummary e2e) {

  public StepSummary {
    statusCounts = Map.copyOf(statusCounts);
  }

  /** True when no successful request was streamed: the step has no ttft to measure, by design of its wire format. */
  public boolean ttftNotMeasurable() {
    return notStreamed > 0 && notStreamed == ok;
  }

  /** Requests that did not end ok, throttled ones included. */
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
