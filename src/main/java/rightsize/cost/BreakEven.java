package rightsize.cost;

import java.util.Locale;
import rightsize.analysis.StepSummary;

/**
 * The volume above which an hourly-billed deployment costs less than paying per token for the
 * same requests: its fixed monthly cost / the pay-per-token cost of one request with the token
 * mix measured on it.
 *
 * @param reference whose per-token prices: a pay-per-token deployment's name, or the deployment's own
 * @param payPerTokenPerRequest what one request of the measured mix costs at the per-token prices
 * @param monthlyFixed the hourly deployment's cost per month as configured
 * @param requestsPerDay the break-even volume
 * @param outputTokensPerMonth the break-even volume in output tokens
 * @param capacityRequestsPerDay what the deployment carries within the SLO, null when unknown
 */
public record BreakEven(
    String reference,
    double payPerTokenPerRequest,
    double monthlyFixed,
    double requestsPerDay,
    double outputTokensPerMonth,
    Double capacityRequestsPerDay) {

  /**
   * Compares {@code hourly} with the per-token prices of {@code reference} on the token mix of
   * {@code step}; {@code capacityStep} (nullable) gives the volume held within the SLO.
   *
   * @throws IllegalArgumentException naming why no comparison is possible
   */
  public static BreakEven of(
      DeploymentPricing hourly, DeploymentPricing reference, StepSummary step, StepSummary capacityStep) {
    Double fixedHourly = hourly.hourly();
    if (fixedHourly == null) {
      throw new IllegalArgumentException("no hourly price");
    }
    if (!reference.hasTokenPrices()) {
      throw new IllegalArgumentException("no per-token prices");
    }
    if (step.ok() == 0) {
      throw new IllegalArgumentException("no successful request to take the token mix from");
    }
    double perRequest =
        reference.tokenCost(step.promptTokens(), step.cachedTokens(), step.completionTokens())
            / step.ok();
    double monthly = fixedHourly * MonthlyEstimate.HOURS_PER_MONTH;
    double requestsPerMonth = monthly / perRequest;
    Double capacity = capacityStep == null || capacityStep.okRequestsPerSecond() == null
        ? null
        : capacityStep.okRequestsPerSecond() * 86_400;
    return new BreakEven(
        reference == hourly ? "its own per-token prices" : reference.deployment(),
        perRequest,
        monthly,
        requestsPerMonth / (MonthlyEstimate.HOURS_PER_MONTH / 24),
        requestsPerMonth * step.completionTokens() / step.ok(),
        capacity);
  }

  /** True when the break-even volume fits within what the deployment carries within the SLO. */
  public boolean reachable() {
    return capacityRequestsPerDay != null && requestsPerDay <= capacityRequestsPerDay;
  }

  /** One sentence for the report. */
  public String describe(DeploymentPricing hourly) {
    String base = String.format(Locale.ROOT,
        "cheaper than pay-per-token (%s, %s per request) above %,.0f requests/day (%s/month fixed)",
        reference, hourly.format(payPerTokenPerRequest), requestsPerDay, hourly.format(monthlyFixed));
    if (capacityRequestsPerDay == null) {
      return base;
    }
    return base + String.format(Locale.ROOT, reachable()
        ? "; it carries %,.0f requests/day within the SLO"
        : "; but it carries only %,.0f requests/day within the SLO, so it never breaks even as configured",
        capacityRequestsPerDay);
  }
}
