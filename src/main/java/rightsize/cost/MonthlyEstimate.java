package rightsize.cost;

import java.util.Locale;
import rightsize.analysis.StepSummary;
import rightsize.config.TargetLoad;

/**
 * The monthly cost of carrying the {@link TargetLoad} within the SLO on one deployment, sized
 * from its SLO capacity: the largest measured step that met the SLO.
 *
 * <p>Hourly modes: units needed = ceil(target / capacity per unit), monthly = units x unit price
 * x {@value #HOURS_PER_MONTH} h, utilization = target / (units needed x capacity per unit).
 * Pay-per-token: monthly = requests per month x measured cost per request; utilization = target /
 * measured SLO capacity (above 1 the target was never measured within the SLO).
 *
 * @param capacityPerUnit the target's unit (users or requests/day) one instance or PTU carries
 *     within the SLO; for pay-per-token, what the whole deployment carried
 * @param unitsNeeded instances or PTUs needed, null for pay-per-token
 * @param monthly cost per month in the deployment's currency
 * @param utilization target load / SLO capacity of what is bought (0..1 for hourly modes)
 */
public record MonthlyEstimate(
    TargetLoad target,
    double capacityPerUnit,
    Integer unitsNeeded,
    double monthly,
    double utilization) {

  /** Hours in an average month, as Azure's pricing calculator counts them. */
  public static final double HOURS_PER_MONTH = 730;

  /**
   * Sizes {@code target} on {@code pricing} from {@code capacityStep}, whose load counts
   * concurrent users when {@code loadIsUsers} (closed model) or arrivals per second otherwise.
   *
   * @throws IllegalArgumentException naming why no estimate is possible
   */
  public static MonthlyEstimate of(
      DeploymentPricing pricing, StepSummary capacityStep, boolean loadIsUsers, TargetLoad target) {
    Double okPerSecond = capacityStep.okRequestsPerSecond();
    if (okPerSecond == null || okPerSecond <= 0) {
      throw new IllegalArgumentException("the SLO capacity step has no successful request");
    }
    if (!target.byRequestsPerDay() && !loadIsUsers) {
      throw new IllegalArgumentException("steps are arrival rates, not concurrent users: "
          + "set rightsize.target-load.requests-per-day to size this deployment");
    }
    double capacity = target.byRequestsPerDay()
        ? okPerSecond * 86_400
        : capacityStep.key().load();
    if (pricing.mode().hourly()) {
      if (pricing.unitPricePerHour() == null || pricing.units() <= 0) {
        throw new IllegalArgumentException("no hourly price: " + String.join("; ", pricing.notes()));
      }
      double perUnit = capacity / pricing.units();
      // The small tolerance keeps 100 / (100/3 * 3) from asking for a fourth instance.
      int units = (int) Math.max(1, Math.ceil(target.value() / perUnit - 1e-9));
      return new MonthlyEstimate(
          target, perUnit, units, units * pricing.unitPricePerHour() * HOURS_PER_MONTH,
          target.value() / (units * perUnit));
    }
    StepCost cost = StepCost.of(pricing, capacityStep);
    if (cost.perRequest() == null) {
      throw new IllegalArgumentException("no token price: " + String.join("; ", pricing.notes()));
    }
    double requestsPerMonth = target.byRequestsPerDay()
        ? target.requestsPerDay() * HOURS_PER_MONTH / 24
        // Target users are assumed as busy as the measured ones (same think time).
        : target.concurrentUsers() * (okPerSecond / capacityStep.key().load()) * 3600 * HOURS_PER_MONTH;
    return new MonthlyEstimate(
        target, capacity, null, requestsPerMonth * cost.perRequest(), target.value() / capacity);
  }

  /** E.g. "2 x Standard_F4s_v2 at $246.74/month (utilization 83%)". */
  public String describe(DeploymentPricing pricing) {
    String what = switch (pricing.mode()) {
      case MANAGED_COMPUTE -> unitsNeeded + " x " + pricing.vmSize();
      case PROVISIONED -> unitsNeeded + " PTU of " + pricing.deployment();
      case PAY_PER_TOKEN -> pricing.deployment() + " (pay-per-token)";
    };
    return String.format(Locale.ROOT, "%s at %s/month (utilization %.0f%%)",
        what, pricing.format(monthly), utilization * 100);
  }
}
