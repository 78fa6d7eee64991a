package rightsize.cost;

import rightsize.analysis.StepSummary;

/**
 * What one step's measured throughput costs on one deployment. Every figure divides what was
 * spent by what successful requests delivered; each is null when it cannot be computed (no price,
 * no successful request, no output token).
 *
 * @param perHour hourly spend: the configured units x hourly price, or for pay-per-token the
 *     token cost of the step scaled to one hour of its measured throughput
 */
public record StepCost(
    String currency,
    Double perHour,
    Double perRequest,
    Double per1kRequests,
    Double per1mOutputTokens,
    Double per1mTotalTokens) {

  private static final double SECONDS_PER_HOUR = 3600;

  /** The costs of {@code step} on a deployment priced by {@code pricing}. */
  public static StepCost of(DeploymentPricing pricing, StepSummary step) {
    if (pricing.mode().hourly()) {
      Double hourly = pricing.hourly();
      if (hourly == null) {
        return none(pricing);
      }
      return new StepCost(
          pricing.currency(),
          hourly,
          perUnit(hourly, step.okRequestsPerSecond(), 1),
          perUnit(hourly, step.okRequestsPerSecond(), 1_000),
          perUnit(hourly, step.outputTokensPerSecond(), 1_000_000),
          perUnit(hourly, step.totalTokensPerSecond(), 1_000_000));
    }
    if (!pricing.hasTokenPrices() || step.ok() == 0) {
      return none(pricing);
    }
    double spent =
        pricing.tokenCost(step.promptTokens(), step.cachedTokens(), step.completionTokens());
    long totalTokens = step.promptTokens() + step.completionTokens();
    double seconds = step.windowSeconds();
    return new StepCost(
        pricing.currency(),
        seconds > 0 ? spent / seconds * SECONDS_PER_HOUR : null,
        spent / step.ok(),
        spent / step.ok() * 1_000,
        step.completionTokens() > 0 ? spent / step.completionTokens() * 1e6 : null,
        totalTokens > 0 ? spent / totalTokens * 1e6 : null);
  }

  private static StepCost none(DeploymentPricing pricing) {
    return new StepCost(pricing.currency(), null, null, null, null, null);
  }

  /** Hourly spend over {@code perSecond} units delivered per second, times {@code per} units. */
  private static Double perUnit(double hourly, Double perSecond, double per) {
    if (perSecond == null || perSecond <= 0) {
      return null;
    }
    return hourly / (perSecond * SECONDS_PER_HOUR) * per;
  }
}
