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

  void add(double x, double y) {
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
  }

  void addAll(LeastSquares other) {
    n += other.n;
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
    return new LinearFit(n, intercept, slope, r2);
  }
}
