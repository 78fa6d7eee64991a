package rightsize.report.model;

/**
 * A least-squares line y = intercept + slope x over n points, with its coefficient of
 * determination r2 (1 = every point on the line).
 */
public record LinearFit(long n, double intercept, double slope, double r2) {

  /** The line's value at {@code x}. */
  public double at(double x) {
    return intercept + slope * x;
  }
}
