package rightsize.analysis;

/**
 * Percentiles of one latency metric over every measured request of a step, in milliseconds; each
 * is null when no request was measured.
 */
public record LatencySummary(long count, Double p50, Double p95, Double p99, Double mean) {

  /** Reads the summary figures of {@code histogram}. */
  public static LatencySummary of(LatencyHistogram histogram) {
    return new LatencySummary(
        histogram.count(),
        histogram.percentile(50),
        histogram.percentile(95),
        histogram.percentile(99),
        histogram.mean());
  }
}
