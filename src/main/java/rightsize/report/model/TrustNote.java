package rightsize.report.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What one step's untrusted figures mean for the report's conclusions: every reason merged into
 * one line, and which conclusions rest on such a figure (none when the figures change nothing).
 *
 * @param changes the conclusions resting on an untrusted figure, e.g. "the SLO verdict (met)",
 *     "the recommendation for Standard_F4s_v2"; empty when none does
 */
public record TrustNote(StepRow row, List<String> changes) {

  public TrustNote {
    changes = List.copyOf(changes);
  }

  /** True when a verdict or a recommendation rests on one of the step's untrusted figures. */
  public boolean changesConclusion() {
    return !changes.isEmpty();
  }

  /** "Standard_F2s_v2 · 10 users": the step the note is about. */
  public String step() {
    return row.key().deployment() + " · " + row.loadLabel();
  }

  /** Every reason of the step, each with its marker: "† ttft ... from 3 successful requests ...; § load generator ...". */
  public String reasons() {
    return row.trust().flags().stream().map(f -> f.check().marker() + " " + f.note()).collect(Collectors.joining("; "));
  }

  /**
   * Whether {@code row}'s flags change a conclusion, given the deployment it belongs to: a met
   * verdict, or one broken by its latencies alone, timed by an overloaded load generator (the
   * interval accounts for few requests, not for client-side delay), and the recommendation's step (the capacity or the cheapest step within
   * the SLO) with latencies or token counts in doubt.
   */
  static TrustNote of(StepRow row, DeploymentSummary deployment) {
    List<TrustFlag> flags = row.trust().flags();
    boolean latenciesInDoubt = flags.stream().anyMatch(f -> f.check() == TrustFlag.Check.INJECTOR_OVERLOAD);
    boolean beyondTheInterval = flags.stream().anyMatch(f -> f.check() != TrustFlag.Check.FEW_REQUESTS);
    List<String> changes = new java.util.ArrayList<>();
    // A step broken by its errors stays broken whatever its latencies.
    boolean brokenByErrors = row.slo().broke(rightsize.analysis.SloVerdict.Limit.ERROR_RATE);
    if (latenciesInDoubt && (row.slo().met() || row.slo().broken() && !brokenByErrors)) {
      changes.add("the SLO verdict (" + row.slo().outcome().wireName() + ")");
    }
    if (beyondTheInterval && deployment != null
        && (deployment.capacity() == row || deployment.cheapest() == row)) {
      changes.add("the recommendation for " + deployment.deployment());
    }
    return new TrustNote(row, changes);
  }
}
