package rightsize.analysis;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Records durations in milliseconds at microsecond resolution and answers percentiles over every
 * recorded value within 0.05% (HdrHistogram, three significant digits by default); not thread-safe.
 *
 * <p>A percentile is nearest-rank: the smallest recorded value such that at least {@code p}% of
 * the values are less than or equal to it, reported as the middle of its 0.1%-wide bucket.
 */
public final class LatencyHistogram {
  private static final int SIGNIFICANT_DIGITS = 3;
  private static final double MICROS_PER_MS = 1000.0;

  private final Histogram histogram;

  /** A histogram with three significant digits (0.05% error). */
  public LatencyHistogram() {
    this(SIGNIFICANT_DIGITS);
  }

  /**
   * A histogram with {@code significantDigits} (1..5); two digits (0.5% error) takes about a tenth
   * of the memory of three, for tables that keep many histograms.
   */
  public LatencyHistogram(int significantDigits) {
    histogram = new Histogram(significantDigits);
    histogram.setAutoResize(true);
  }

  /** Adds one duration; negative values (clock steps) count as zero. */
  public void record(double millis) {
    histogram.recordValue(Math.max(0L, Math.round(millis * MICROS_PER_MS)));
  }

  /** Adds every value recorded in {@code other}. */
  public void addAll(LatencyHistogram other) {
    histogram.add(other.histogram);
  }

  public long count() {
    return histogram.getTotalCount();
  }

  /** The {@code percentile} (0..100) in milliseconds, or null when nothing was recorded. */
  public Double percentile(double percentile) {
    if (count() == 0) {
      return null;
    }
    // The bucket's middle rather than its upper edge halves the rounding error (at most 0.05%).
    return histogram.medianEquivalentValue(histogram.getValueAtPercentile(percentile))
        / MICROS_PER_MS;
  }

  /**
   * The 95% confidence interval of the {@code percentile} (0..100), from the order statistics
   * {@link ConfidenceIntervals#quantileRanks} picks: exact for any distribution; a bound is null when
   * there are too few values to set it. Unbounded when nothing was recorded.
   */
  public Interval interval(double percentile) {
    long n = count();
    if (n == 0) {
      return Interval.UNBOUNDED;
    }
    long[] ranks = ConfidenceIntervals.quantileRanks(n, percentile / 100);
    return new Interval(ranks[0] < 1 ? null : valueAtRank(ranks[0]), ranks[1] > n ? null : valueAtRank(ranks[1]));
  }

  /** The {@code rank}-th smallest value (1-based), in milliseconds as {@link #percentile} reports values. */
  double valueAtRank(long rank) {
    long seen = 0;
    for (HistogramIterationValue v : histogram.recordedValues()) {
      seen += v.getCountAtValueIteratedTo();
      if (seen >= rank) {
        return histogram.medianEquivalentValue(v.getValueIteratedTo()) / MICROS_PER_MS;
      }
    }
    throw new IllegalArgumentException("rank " + rank + " of " + count() + " values");
  }

  /**
   * The largest recorded value below {@code millis} (or the smallest above it when {@code below}
   * is false), in milliseconds as {@link #percentile} reports values; {@code millis} itself when
   * there is none.
   */
  public double neighbour(double millis, boolean below) {
    double found = millis;
    for (HistogramIterationValue v : histogram.recordedValues()) {
      double value = histogram.medianEquivalentValue(v.getValueIteratedTo()) / MICROS_PER_MS;
      if (below && value < millis) {
        found = value;
      } else if (!below && value > millis) {
        return value;
      }
    }
    return found;
  }

  /** The mean in milliseconds, or null when nothing was recorded. */
  public Double mean() {
    return count() == 0 ? null : histogram.getMean() / MICROS_PER_MS;
  }
}
