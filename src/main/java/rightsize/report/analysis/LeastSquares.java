package rightsize.report.analysis;

import rightsize.report.model.LinearFit;

/** Running sums of the points of one least-squares line, so points are never kept; not thread-safe. */
final class LeastSquares {
  private long n;
  private double sx;
  private double sy;
  private double sxx;
  private double sxy;
  private double syy;
  private double minX = Double.POSITIVE_INFINITY;
  private double maxX = Double.NEGATIVE_INFINITY;

  void add(double x, double y) {
    n++;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
  }

  void addAll(LeastSquares other) {
    n += other.n;
    minX = Math.min(minX, other.minX);
    maxX = Math.max(maxX, other.maxX);
    sx += other.sx;
    sy += other.sy;
    sxx += other.sxx;
    sxy += other.sxy;
    syy += other.syy;
  }

  /** The fitted line, or null with fewer than two distinct x values. */
  LinearFit fit() {
    double varX = n * sxx - sx * sx;
    if (n < 2 || varX <= 1e-9 * Math.max(1, n * sxx)) {
      return null;
    }
    double slope = (n * sxy - sx * sy) / varX;
    double intercept = (sy - slope * sx) / n;
    double varY = n * syy - sy * sy;
    double cov = n * sxy - sx * sy;
    double r2 = varY <= 0 ? 1 : (cov * cov) / (varX * varY);
    // The slope's standard error from the residual variance; with two points it is unknown.
    double residual = Math.max(0, (varY - slope * cov) / n);
    double half = n > 2 ? tQuantile(n - 2) * Math.sqrt(residual / (n - 2) / (varX / n)) : Double.POSITIVE_INFINITY;
    return new LinearFit(n, intercept, slope, r2, slope - half, slope + half, minX, maxX);
  }

  /**
   * The 97.5% quantile of Student's t with {@code df} degrees of freedom (Cornish-Fisher expansion
   * around the normal's 1.96: within 1% from 3 degrees of freedom, 0.01% from 10).
   */
  static double tQuantile(long df) {
    double z = 1.959963984540054;
    double v = df;
    return z + (z * z * z + z) / (4 * v) + (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v)
        + (3 * Math.pow(z, 7) + 19 * Math.pow(z, 5) + 17 * z * z * z - 15 * z) / (384 * v * v * v);
  }
}
