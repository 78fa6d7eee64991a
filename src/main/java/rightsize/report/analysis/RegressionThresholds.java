package rightsize.report.analysis;

import com.typesafe.config.Config;

/**
 * How much worse than the baseline a step may get before it is flagged as a regression.
 *
 * @param p95Ttft relative increase of p95 ttft, e.g. 0.10 for +10%
 * @param p95E2e relative increase of p95 e2e
 * @param costPer1mTokens relative increase of the cost per 1M output tokens
 * @param errorRatePoints increase of the error rate in percentage points, e.g. 1.0
 */
public record RegressionThresholds(double p95Ttft, double p95E2e, double costPer1mTokens, double errorRatePoints) {

  /** Reads the {@code regression} block of the rightsize config. */
  public static RegressionThresholds fromConfig(Config rightsize) {
    Config r = rightsize.getConfig("regression");
    return new RegressionThresholds(
        r.getDouble("p95-ttft"), r.getDouble("p95-e2e"), r.getDouble("cost-per-1m-tokens"),
        r.getDouble("error-rate-points"));
  }
}
