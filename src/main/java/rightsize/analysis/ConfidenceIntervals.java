package rightsize.analysis;

/**
 * The distribution-free confidence intervals the verdicts rest on: for a percentile, the two order
 * statistics (ranks among the sorted values) that enclose it with 95% probability whatever the
 * distribution (the binomial method); for a share such as the error rate, the Clopper-Pearson
 * interval. Both are exact (never narrower than 95% claims), computed from counts alone.
 */
public final class ConfidenceIntervals {
  private static final double TAIL = (1 - Interval.LEVEL) / 2;
  // Probabilities closer than this are equal: sums of many small terms differ in their last digits.
  private static final double EPSILON = 1e-12;
  // The binomial mass beyond this many standard deviations from the mean is below 1e-30.
  private static final double WINDOW_SD = 12;

  private ConfidenceIntervals() {}

  /**
   * The 1-based ranks {low, high} of the two order statistics that enclose the {@code quantile}
   * (0..1) of {@code n} values with at least 95% probability, whatever the distribution: with B ~
   * Binomial(n, quantile) the count of values below the true quantile, the interval from the
   * low-th to the high-th smallest value covers it with probability P(low ≤ B ≤ high − 1). Of all
   * pairs covering at least 95%, the one covering least (the narrowest claim that still holds),
   * the two sides' leftover chances as even as possible on a tie; a pair with an upper bound is
   * preferred whenever one exists, so that more values never take an upper bound away (from 59
   * values on, a p95 always has one). {@code low} is 0 when no value
   * bounds the quantile from below, {@code high} is n + 1 when none bounds it from above: too few
   * values (a p95 needs at least 59 for an upper bound, usually 72).
   */
  public static long[] quantileRanks(long n, double quantile) {
    if (n <= 0) {
      return new long[] {0, 1};
    }
    double q = Math.min(1, Math.max(0, quantile));
    double sd = Math.sqrt(n * q * (1 - q));
    long from = Math.max(0, (long) Math.floor(n * q - WINDOW_SD * sd) - 1);
    long to = Math.min(n, (long) Math.ceil(n * q + WINDOW_SD * sd) + 1);
    // below[i] = P(B <= from + i - 1): the chance that rank from + i lies above the quantile; outside
    // the window it is 0 (below) or 1 (above).
    int size = (int) (to - from + 1);
    double[] below = new double[size + 1];
    for (int i = 0; i < size; i++) {
      below[i + 1] = below[i] + pmf(n, from + i, q);
    }
    below[size] = 1; // P(B <= to) when to = n, and the mass above a window is below 1e-30
    long bestLow = 0;
    long bestHigh = n + 1;
    double bestCoverage = 2;
    double bestImbalance = 2;
    boolean bestBounded = false;
    for (int i = 0; i <= size && below[i] <= 1 - Interval.LEVEL; i++) {
      double need = Interval.LEVEL + below[i] - EPSILON;
      int j = i + 1;
      while (j < size && below[j] < need) {
        j++;
      }
      double upper = j < size ? below[j] : 1;
      long high = j < size ? from + j : (to == n ? n + 1 : to + 1);
      double coverage = upper - below[i];
      double imbalance = Math.abs((1 - upper) - below[i]);
      boolean bounded = high <= n;
      if (bounded && !bestBounded || bounded == bestBounded && (coverage < bestCoverage - EPSILON
          || Math.abs(coverage - bestCoverage) <= EPSILON && imbalance < bestImbalance)) {
        bestLow = from + i;
        bestHigh = high;
        bestCoverage = coverage;
        bestImbalance = imbalance;
        bestBounded = bounded;
      }
    }
    return new long[] {bestLow, bestHigh};
  }

  /** P(low ≤ B ≤ high − 1), B ~ Binomial(n, quantile): how often the ranks enclose the quantile. */
  public static double coverage(long n, double quantile, long[] ranks) {
    return cdf(n, ranks[1] - 1, quantile) - cdf(n, ranks[0] - 1, quantile);
  }

  /**
   * The exact (Clopper-Pearson) 95% interval of a share observed as {@code k} events in {@code n}
   * trials, e.g. failed requests: the shares under which seeing k or fewer, or k or more, would
   * happen with at most 2.5% probability. Null bounds when {@code n} is 0.
   */
  public static Interval share(long k, long n) {
    if (n <= 0) {
      return Interval.UNBOUNDED;
    }
    double low = k == 0 ? 0 : solve(p -> 1 - cdf(n, k - 1, p), TAIL); // P(B >= k) = 2.5%
    double high = k == n ? 1 : solve(p -> -cdf(n, k, p), -TAIL); // P(B <= k) = 2.5%, rising in p once negated
    return new Interval(low, high);
  }

  /** P(B ≤ k) for B ~ Binomial(n, p). */
  static double cdf(long n, long k, double p) {
    if (k < 0) {
      return 0;
    }
    if (k >= n) {
      return 1;
    }
    double sum = 0;
    double sd = Math.sqrt(n * p * (1 - p));
    long from = Math.max(0, (long) Math.floor(n * p - WINDOW_SD * sd - 1));
    for (long i = from; i <= k; i++) {
      sum += pmf(n, i, p);
    }
    return Math.min(1, sum);
  }

  /** P(B = k) for B ~ Binomial(n, p), through logarithms so that large n neither over- nor underflows. */
  static double pmf(long n, long k, double p) {
    if (p <= 0) {
      return k == 0 ? 1 : 0;
    }
    if (p >= 1) {
      return k == n ? 1 : 0;
    }
    return Math.exp(logGamma(n + 1.0) - logGamma(k + 1.0) - logGamma(n - k + 1.0)
        + k * Math.log(p) + (n - k) * Math.log1p(-p));
  }

  /** The p in 0..1 where the increasing {@code f} reaches {@code target}, by bisection to 1e-12. */
  private static double solve(java.util.function.DoubleUnaryOperator f, double target) {
    double lo = 0;
    double hi = 1;
    for (int i = 0; i < 60 && hi - lo > 1e-12; i++) {
      double mid = (lo + hi) / 2;
      if (f.applyAsDouble(mid) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  /** ln Γ(x) for x ≥ 0.5 (Lanczos, g = 7: about 15 significant digits). */
  static double logGamma(double x) {
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
