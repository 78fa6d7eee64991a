package rightsize.emulator.fault;

import java.util.Set;

/**
 * A configured fault (rightsize.emulator.faults.rules): injected into a random fraction of the
 * matching requests, or into every Nth of them, or both.
 *
 * @param fault what to inject
 * @param rate probability (0 to 1) that a matching request gets the fault
 * @param everyNth when > 0, the Nth, 2Nth, ... matching request gets the fault
 * @param deployments deployment names the rule applies to; empty means all
 */
public record FaultRule(Fault fault, double rate, int everyNth, Set<String> deployments) {

  public FaultRule {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("emulator fault rule: rate must be between 0 and 1, got " + rate);
    }
    if (everyNth < 0) {
      throw new IllegalArgumentException("emulator fault rule: every-nth must be >= 0, got " + everyNth);
    }
    deployments = Set.copyOf(deployments);
  }

  /** Whether the rule applies to requests for {@code deployment}. */
  public boolean appliesTo(String deployment) {
    return deployments.isEmpty() || deployments.contains(deployment);
  }
}
