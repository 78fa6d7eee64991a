package rightsize.analysis;

import java.util.Comparator;
import java.util.Objects;
import rightsize.record.LoadUnit;
import rightsize.record.RequestRecord;

/**
 * Identifies one population step of one deployment: the unit over which percentiles, rates and the
 * SLO verdict are computed.
 *
 * @param deployment the deployment's configured name
 * @param vmSize the VM size label (may be empty for pay-per-token targets)
 * @param step the step label written by the simulation (for example "10 users")
 * @param load the step's load: concurrent users, or arrivals per second for open-model steps
 * @param unit what {@code load} counts
 */
public record StepKey(String deployment, String vmSize, String step, double load, LoadUnit unit)
    implements Comparable<StepKey> {

  private static final Comparator<StepKey> ORDER =
      Comparator.comparing(StepKey::deployment)
          .thenComparing(StepKey::vmSize)
          .thenComparingDouble(StepKey::load)
          .thenComparing(StepKey::step)
          .thenComparing(StepKey::unit);

  public StepKey {
    deployment = Objects.requireNonNullElse(deployment, "");
    vmSize = Objects.requireNonNullElse(vmSize, "");
    step = Objects.requireNonNullElse(step, "");
    Objects.requireNonNull(unit, "unit");
  }

  /** The step {@code record} belongs to. */
  public static StepKey of(RequestRecord record) {
    return new StepKey(record.deployment(), record.vmSize(), record.step(), record.load(), record.loadUnit());
  }

  /** Orders by deployment, VM size, then ascending load, so a deployment's steps read as a sweep. */
  @Override
  public int compareTo(StepKey other) {
    return ORDER.compare(this, other);
  }
}
