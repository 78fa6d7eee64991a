package rightsize.report.model;

import java.util.List;
import rightsize.cost.BreakEven;
import rightsize.cost.DeploymentPricing;
import rightsize.cost.MonthlyEstimate;

/**
 * What the report concludes for one deployment.
 *
 * @param capacity the largest step (by load) that met the SLO, or null when none did
 * @param cheapest the SLO-meeting step with the lowest cost per 1M output tokens (the cost at SLO
 *     capacity), or null
 * @param firstBreak the lowest-load step that broke the SLO, or null when none did
 * @param monthly the monthly cost for the target load, or null ({@code monthlyProblem} says why)
 * @param breakEven the break-even volume against per-token prices, or null ({@code breakEvenProblem} says why, or is null when no per-token prices apply)
 * @param dominatedBy deployments with a step at most as costly and as slow (p95 ttft) as every SLO-meeting step of this one; empty when not dominated
 * @param recommendation one sentence for this deployment
 */
public record DeploymentSummary(
    String deployment,
    String vmSize,
    DeploymentPricing pricing,
    List<StepRow> steps,
    StepRow capacity,
    StepRow cheapest,
    StepRow firstBreak,
    MonthlyEstimate monthly,
    String monthlyProblem,
    BreakEven breakEven,
    String breakEvenProblem,
    List<String> dominatedBy,
    String recommendation) {

  public boolean dominated() {
    return !dominatedBy.isEmpty();
  }

  /**
   * "breaks p95 ttft at 10 users", with the resource that ran saturated there when the server side
   * shows one ("... at 50 users with CPU at 97%"), or null when no step broke the SLO.
   */
  public String breakPhrase() {
    if (firstBreak == null) {
      return null;
    }
    String phrase = "breaks " + firstBreak.slo().breaches().get(0).which().label() + " at " + firstBreak.loadLabel();
    return ServerSide.saturated(firstBreak.server())
        .map(m -> phrase + " with " + m.label() + " at "
            + Math.round(firstBreak.server().figure(m).orElseThrow().mean()) + "%")
        .orElse(phrase);
  }
}
