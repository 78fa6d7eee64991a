package rightsize.emulator.fault;

import java.util.List;
import java.util.SplittableRandom;
import rightsize.config.EmulatorSettings.FaultRule;

/**
 * Decides which fault, if any, a request gets: the one its {@code x-rightsize-fault} header asks
 * for (when allowed), else the first configured rule that fires. Deterministic for a seed and an
 * arrival order. Used from the emulator's single event-loop thread.
 */
public final class FaultInjector {
  private final List<FaultRule> rules;
  private final boolean headerAllowed;
  private final long[] matched;
  private final SplittableRandom random;

  public FaultInjector(List<FaultRule> rules, boolean headerAllowed, long seed) {
    this.rules = List.copyOf(rules);
    this.headerAllowed = headerAllowed;
    this.matched = new long[rules.size()];
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  /** The fault for a request to {@code deployment} with fault header {@code header} (may be null). */
  public Fault choose(String deployment, String header) {
    if (header != null && !header.isBlank()) {
      if (!headerAllowed) {
        throw new IllegalArgumentException(
            "x-rightsize-fault is disabled: set rightsize.emulator.faults.allow-header = true");
      }
      return Fault.parseHeader(header);
    }
    Fault chosen = null;
    for (int i = 0; i < rules.size(); i++) {
      FaultRule rule = rules.get(i);
      if (!rule.appliesTo(deployment)) {
        continue;
      }
      long n = ++matched[i];
      boolean fires =
          (rule.everyNth() > 0 && n % rule.everyNth() == 0)
              || (rule.rate() > 0 && random.nextDouble() < rule.rate());
      if (fires && chosen == null) {
        chosen = new Fault(rule.kind(), rule.afterChunks(), rule.stallMillis());
      }
    }
    return chosen;
  }
}
