package rightsize.analysis;

import java.util.Comparator;
import java.util.Objects;
import rightsize.record.RequestRecord;

/**
 * Identifies one population step of one deployment: the unit over which percentiles, rates and the
 * SLO verdict are computed.
 *
 * @param deployment the deployment's configured name
 * @param vmSize the VM size label (may be empty for pay-per-token targets)
 * @param step the step label written by the simulation (for example "10 users")
 * @param load the step's load: concurrent users, or arrivals per second for open-model steps
 */
public record StepKey(String deployment, String vmSize, String step, double load)
    implements Comparable<StepKey> {

  private static final Comparator<StepKey> ORDER =
      Comparator.comparing(StepKey::deployment)
          .thenComparing(StepKey::vmSize)
          .thenComparingDouble(StepKey::load)
          .thenComparing(StepKey::step);

  public StepKey {
    deployment = Objects.requireNonNullElse(deployment, "");
    vmSize = Objects.requireNonNullElse(vmSize, "");
    step = Objects.requireNonNullElse(step, "");
  }

  /** The step {@code record} belongs to. */
  public static StepKey of(RequestRecord record) {
    return new StepKey(record.deployment(), record.vmSize(), record.step(), record.load());
  }

  /** Orders by deployment, VM size, then ascending load, so a deployment's steps read as a sweep. */
  @Override
  public int compareTo(StepKey other) {
    return ORDER.compare(this, other);
  }
}
