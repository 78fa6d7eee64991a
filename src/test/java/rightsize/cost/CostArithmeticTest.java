package rightsize.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static rightsize.cost.Steps.step;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import rightsize.analysis.StepSummary;
import rightsize.config.PricingMode;
import rightsize.config.TargetLoad;

/** Every expected value below was computed by hand; amounts are checked to the cent or finer. */
class CostArithmeticTest {
  private static final Offset<Double> CENT = within(0.005);
  private static final Offset<Double> EXACT = within(1e-9);

  private static DeploymentPricing managed(int instances, double usdPerHour) {
    return new DeploymentPricing("f4", "Standard_F4s_v2", PricingMode.MANAGED_COMPUTE, instances,
        usdPerHour, "USD", "eastus", "test", 0, 0, 0, List.of());
  }

  private static final DeploymentPricing GPT_4O_MINI = new DeploymentPricing("gpt-4o-mini", "",
      PricingMode.PAY_PER_TOKEN, 0, null, "USD", "eastus", "test", 0.15, 0.075, 0.60, List.of());

  // 0.5 ok req/s, 50 output tok/s, 150 prompt tok/s over 1800 s.
  private static final StepSummary HALF_RPS = step("30 users", 30, 900, 1800, 270_000, 0, 90_000);

  @Test
  void managedComputeCostsAtMeasuredThroughput() {
    StepCost cost = StepCost.of(managed(2, 0.169), HALF_RPS);
    // 2 x 0.169 = 0.338 $/h; 0.5 req/s = 1800 req/h.
    assertThat(cost.perHour()).isCloseTo(0.338, EXACT);
    assertThat(cost.perRequest()).isCloseTo(0.338 / 1800, EXACT);
    assertThat(cost.per1kRequests()).isCloseTo(0.19, CENT);
    // 50 tok/s = 180,000 tok/h: 0.338 / 180,000 x 1e6 = 1.8778
    assertThat(cost.per1mOutputTokens()).isCloseTo(1.88, CENT);
    // 200 tok/s = 720,000 tok/h: 0.4694
    assertThat(cost.per1mTotalTokens()).isCloseTo(0.47, CENT);
    assertThat(Money.format(cost.per1mOutputTokens(), "USD")).isEqualTo("$1.88");
    assertThat(Money.format(cost.perRequest(), "USD")).isEqualTo("$0.0001878");
  }

  @Test
  void payPerTokenCostsFollowTheTokenMix() {
    // 1000 ok requests: 1,000,000 prompt tokens of which 200,000 cached, 250,000 output, over 500 s.
    StepSummary s = step("10 users", 10, 1000, 500, 1_000_000, 200_000, 250_000);
    StepCost cost = StepCost.of(GPT_4O_MINI, s);
    // 800,000 x 0.15 + 200,000 x 0.075 + 250,000 x 0.60 = 120,000 + 15,000 + 150,000 -> $0.285
    assertThat(cost.perRequest()).isCloseTo(0.000285, EXACT);
    assertThat(cost.per1kRequests()).isCloseTo(0.285, EXACT);
    assertThat(cost.per1mOutputTokens()).isCloseTo(1.14, EXACT);
    assertThat(cost.per1mTotalTokens()).isCloseTo(0.228, EXACT);
    // 0.285 $ in 500 s -> 2.052 $/h
    assertThat(cost.perHour()).isCloseTo(2.052, EXACT);
  }

  @Test
  void cachedInputWithoutItsOwnPriceIsChargedAtTheInputPrice() {
    DeploymentPricing noCachedPrice = new DeploymentPricing("x", "", PricingMode.PAY_PER_TOKEN, 0,
        null, "USD", "eastus", "test", 2.50, 0, 10.00, List.of());
    // (1000 x 2.50 + 100 x 10.00) / 1e6 = 0.0035, cached or not.
    assertThat(noCachedPrice.tokenCost(1000, 400, 100)).isCloseTo(0.0035, EXACT);
  }

  @Test
  void provisionedThroughputIsUnitsTimesUnitPrice() {
    DeploymentPricing ptu = new DeploymentPricing("ptu", "", PricingMode.PROVISIONED, 50, 1.0,
        "USD", "eastus", "test", 0, 0, 0, List.of());
    StepCost cost = StepCost.of(ptu, HALF_RPS);
    assertThat(cost.perHour()).isCloseTo(50.0, EXACT);
    // 50 $/h over 1800 req/h = 0.02777 $/request -> $27.78 per 1k
    assertThat(cost.per1kRequests()).isCloseTo(27.78, CENT);
  }

  @Test
  void aStepWithoutSuccessIsNotPriced() {
    StepSummary nothing = step("100 users", 100, 0, 60, 0, 0, 0);
    StepCost cost = StepCost.of(managed(1, 0.169), nothing);
    assertThat(cost.perHour()).isCloseTo(0.169, EXACT);
    assertThat(cost.perRequest()).isNull();
    assertThat(cost.per1mOutputTokens()).isNull();
  }

  @Test
  void monthlyCostForConcurrentUsersRoundsInstancesUp() {
    MonthlyEstimate m = MonthlyEstimate.of(
        managed(1, 0.169), HALF_RPS, true, new TargetLoad(100, 0));
    // 30 users per instance -> ceil(100 / 30) = 4 instances x 0.169 x 730 = 493.48
    assertThat(m.unitsNeeded()).isEqualTo(4);
    assertThat(m.capacityPerUnit()).isEqualTo(30.0);
    assertThat(m.monthly()).isCloseTo(493.48, CENT);
    assertThat(m.utilization()).isCloseTo(100.0 / 120, EXACT);
    assertThat(m.describe(managed(1, 0.169)))
        .isEqualTo("4 x Standard_F4s_v2 at $493.48/month (utilization 83%)");
  }

  @Test
  void capacityIsPerInstanceWhenTheStepRanOnSeveral() {
    StepSummary onTwo = step("60 users", 60, 900, 1800, 270_000, 0, 90_000);
    MonthlyEstimate m = MonthlyEstimate.of(managed(2, 0.169), onTwo, true, new TargetLoad(100, 0));
    assertThat(m.capacityPerUnit()).isEqualTo(30.0);
    assertThat(m.unitsNeeded()).isEqualTo(4);
    // An exact fit needs no extra instance: 60 users per instance-pair, 120 users -> 4.
    assertThat(MonthlyEstimate.of(managed(2, 0.169), onTwo, true, new TargetLoad(120, 0)).unitsNeeded())
        .isEqualTo(4);
  }

  @Test
  void monthlyCostForRequestsPerDay() {
    MonthlyEstimate m = MonthlyEstimate.of(
        managed(1, 0.169), HALF_RPS, true, new TargetLoad(100, 100_000));
    // 0.5 req/s = 43,200 req/day per instance -> ceil(2.3148) = 3 x 0.169 x 730 = 370.11
    assertThat(m.unitsNeeded()).isEqualTo(3);
    assertThat(m.monthly()).isCloseTo(370.11, CENT);
    assertThat(m.utilization()).isCloseTo(100_000 / 129_600.0, EXACT);
  }

  @Test
  void payPerTokenMonthlyCost() {
    StepSummary s = step("10 users", 10, 1000, 1000, 1_000_000, 200_000, 250_000);
    // 1 ok req/s at 10 users; $0.000285 per request.
    MonthlyEstimate perDay = MonthlyEstimate.of(GPT_4O_MINI, s, true, new TargetLoad(100, 50_000));
    // 50,000 x 730 / 24 = 1,520,833.33 requests x 0.000285 = 433.44
    assertThat(perDay.monthly()).isCloseTo(433.44, CENT);
    assertThat(perDay.unitsNeeded()).isNull();
    MonthlyEstimate users = MonthlyEstimate.of(GPT_4O_MINI, s, true, new TargetLoad(100, 0));
    // 100 users x 0.1 req/s each x 3600 x 730 = 26,280,000 requests x 0.000285 = 7,489.80
    assertThat(users.monthly()).isCloseTo(7489.80, CENT);
    // The target is 10x the load measured within the SLO.
    assertThat(users.utilization()).isCloseTo(10.0, EXACT);
  }

  @Test
  void concurrentUsersCannotBeSizedFromArrivalRates() {
    assertThatThrownBy(() ->
            MonthlyEstimate.of(managed(1, 0.169), HALF_RPS, false, new TargetLoad(100, 0)))
        .hasMessageContaining("set rightsize.target-load.requests-per-day");
  }

  @Test
  void breakEvenAgainstPayPerToken() {
    // Mix: 1000 prompt (200 cached) + 250 output tokens per request -> $0.000285 per request at gpt-4o-mini.
    StepSummary s = step("30 users", 30, 1000, 2000, 1_000_000, 200_000, 250_000);
    BreakEven b = BreakEven.of(managed(1, 0.169), GPT_4O_MINI, s, s);
    // 0.169 x 730 = 123.37 $/month fixed; 123.37 / 0.000285 = 432,877.19 requests/month
    assertThat(b.monthlyFixed()).isCloseTo(123.37, CENT);
    assertThat(b.payPerTokenPerRequest()).isCloseTo(0.000285, EXACT);
    assertThat(b.requestsPerDay()).isCloseTo(432_877.19 / (730 / 24.0), within(0.01));
    assertThat(b.outputTokensPerMonth()).isCloseTo(432_877.19 * 250, within(5.0));
    // 0.5 req/s = 43,200 requests/day within the SLO > 14,232 -> reachable.
    assertThat(b.capacityRequestsPerDay()).isCloseTo(43_200, EXACT);
    assertThat(b.reachable()).isTrue();
    assertThat(b.describe(managed(1, 0.169)))
        .startsWith("cheaper than pay-per-token (gpt-4o-mini, $0.000285 per request) above 14,232 requests/day");
  }
}
