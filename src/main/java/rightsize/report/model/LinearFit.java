package rightsize.report.model;

/**
 * A least-squares line y = intercept + slope x over n points, with its coefficient of
 * determination r2 (1 = every point on the line) and the 95% confidence interval of its slope.
 *
 * @param slopeLow the slope's lower 95% bound (t distribution, n − 2 degrees of freedom)
 * @param slopeHigh the slope's upper 95% bound
 * @param minX the smallest x among the points: the line says nothing below it
 * @param maxX the largest x among the points
 */
public record LinearFit(long n, double intercept, double slope, double r2, double slopeLow, double slopeHigh,
    double minX, double maxX) {
  /** The fewest requests a line is shown on: below, a slope that seems to exclude zero is still luck. */
  public static final long MIN_REQUESTS = 30;

  /** The line's value at {@code x}. */
  public double at(double x) {
    return intercept + slope * x;
  }

  /**
   * True when the line says something: it rests on at least {@value #MIN_REQUESTS} requests and
   * its slope's interval excludes zero (latency measurably grows, or shrinks, with length).
   */
  public boolean meaningful() {
    return n >= MIN_REQUESTS && (slopeLow > 0 || slopeHigh < 0);
  }
}
