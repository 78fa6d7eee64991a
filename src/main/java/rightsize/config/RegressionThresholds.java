package rightsize.config;

/**
 * How much worse than the baseline a step may get before it is flagged as a regression ({@code
 * rightsize.regression}).
 *
 * @param p95Ttft relative increase of p95 ttft, e.g. 0.10 for +10%
 * @param p95E2e relative increase of p95 e2e
 * @param costPer1mTokens relative increase of the cost per 1M output tokens
 * @param errorRatePoints increase of the error rate in percentage points, e.g. 1.0
 */
public record RegressionThresholds(double p95Ttft, double p95E2e, double costPer1mTokens, double errorRatePoints) {

  static RegressionThresholds read(Section s) {
    int mark = s.mark();
    Double ttft = s.nonNegative("p95-ttft");
    Double e2e = s.nonNegative("p95-e2e");
    Double cost = s.nonNegative("cost-per-1m-tokens");
    Double errors = s.nonNegative("error-rate-points");
    return s.failedSince(mark) ? null : new RegressionThresholds(ttft, e2e, cost, errors);
  }
}
