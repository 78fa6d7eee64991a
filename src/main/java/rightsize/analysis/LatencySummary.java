package rightsize.analysis;

/**
 * Percentiles of one latency metric over every measured request of a step, in milliseconds, each
 * with its 95% confidence interval; a percentile is null (its interval unbounded) when no request
 * was measured.
 */
public record LatencySummary(
    long count, Double p50, Double p95, Double p99, Double mean, Interval p50Ci, Interval p95Ci, Interval p99Ci) {

  /** Nothing measured. */
  public static final LatencySummary NONE =
      new LatencySummary(0, null, null, null, null, Interval.UNBOUNDED, Interval.UNBOUNDED, Interval.UNBOUNDED);

  /** Reads the summary figures of {@code histogram}. */
  public static LatencySummary of(LatencyHistogram histogram) {
    return new LatencySummary(
        histogram.count(),
        histogram.percentile(50),
        histogram.percentile(95),
        histogram.percentile(99),
        histogram.mean(),
        histogram.interval(50),
        histogram.interval(95),
        histogram.interval(99));
  }
}
