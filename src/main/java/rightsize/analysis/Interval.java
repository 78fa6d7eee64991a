package rightsize.analysis;

import java.util.Locale;

/**
 * A 95% confidence interval of one figure (milliseconds for a latency percentile, a 0..1 share for
 * the error rate); a null bound is unbounded: the data cannot put a limit on that side.
 *
 * @param low the lower bound, or null when nothing rules out any lower value
 * @param high the upper bound, or null when too few values were measured to bound it from above
 */
public record Interval(Double low, Double high) {
  /** The confidence level of every interval the suite computes. */
  public static final double LEVEL = 0.95;

  /** No bound on either side: nothing measured. */
  public static final Interval UNBOUNDED = new Interval(null, null);

  /** True when the whole interval is at or below {@code limit}: the figure is within it. */
  public boolean within(double limit) {
    return high != null && high <= limit;
  }

  /** True when the whole interval is above {@code limit}: the figure is beyond it. */
  public boolean beyond(double limit) {
    return low != null && low > limit;
  }

  /** "410–530 ms", "410 ms – unbounded" (for {@code unit} " ms"), the bounds rounded to whole units. */
  public String describe(String unit) {
    String lo = low == null ? "0" : String.format(Locale.ROOT, "%,.0f", low);
    return high == null ? lo + unit + " – unbounded" : lo + "–" + String.format(Locale.ROOT, "%,.0f", high) + unit;
  }

  /** "1.2%–3.4%": an interval of a 0..1 share, in percent with one decimal. */
  public String describePercent() {
    return String.format(Locale.ROOT, "%.1f%%–%.1f%%", low == null ? 0 : low * 100, high == null ? 100 : high * 100);
  }
}
