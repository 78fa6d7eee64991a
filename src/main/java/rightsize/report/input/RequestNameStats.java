package rightsize.report.input;

import rightsize.analysis.LatencyHistogram;
import rightsize.record.RequestRecord;

/**
 * Counts and e2e distribution of every request with one name, warm-up and failures included:
 * the records' side of the comparison with a Gatling report row, which counts the same requests.
 */
public final class RequestNameStats {
  private final LatencyHistogram e2e = new LatencyHistogram();
  private long ok;

  void add(RequestRecord record) {
    e2e.record(record.e2eMs());
    if (record.status().isOk()) {
      ok++;
    }
  }

  public long total() {
    return e2e.count();
  }

  public long ok() {
    return ok;
  }

  public long ko() {
    return total() - ok;
  }

  /** The recorded e2e value nearest below (or above) {@code millis}, or {@code millis} when none is. */
  public double neighbour(double millis, boolean below) {
    return e2e.neighbour(millis, below);
  }

  /** The e2e percentile {@code p} (0..100) in milliseconds over every request of this name. */
  public double percentile(double p) {
    return e2e.percentile(Math.max(0, Math.min(100, p)));
  }
}
