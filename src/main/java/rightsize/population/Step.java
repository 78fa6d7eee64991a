package rightsize.population;

import java.time.Duration;
import java.util.Objects;
import rightsize.record.LoadUnit;
import rightsize.record.RequestRecord;

/**
 * One level of load a deployment is held at: a number of concurrent users (closed model) or an
 * arrival rate in users per second (open model), for a duration; or the warm-up before the steps,
 * whose requests reports leave out.
 *
 * @param label names the step in Gatling's report and in records, e.g. "10 users", "2.0 users/s" or "warmup"
 * @param load concurrent users, or arrivals per second
 * @param unit what {@code load} counts, written into every record of the step
 * @param duration the longest users are started (open) or keep sending (closed): the max-hold, or
 *     the fixed hold
 * @param warmup true for the warm-up step
 * @param minDuration the shortest the step runs (the min-hold): an adaptive step ends between
 *     {@code minDuration} and {@code duration}, once its SLO verdict is conclusive; equal to
 *     {@code duration} for a fixed hold
 */
public record Step(String label, double load, LoadUnit unit, Duration duration, boolean warmup, Duration minDuration) {
  public Step {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(minDuration, "minDuration");
    if (!(load > 0)) {
      throw new IllegalArgumentException("step load must be > 0, was " + load);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("step duration must be > 0, was " + duration);
    }
    if (minDuration.isNegative() || minDuration.isZero() || minDuration.compareTo(duration) > 0) {
      throw new IllegalArgumentException("step min duration must be > 0 and <= " + duration + ", was " + minDuration);
    }
  }

  /** A step with a fixed hold of {@code duration}. */
  public Step(String label, double load, LoadUnit unit, Duration duration, boolean warmup) {
    this(label, load, unit, duration, warmup, duration);
  }

  /** True when the step may end before {@link #duration()}, once its verdict is conclusive. */
  public boolean adaptive() {
    return minDuration.compareTo(duration) < 0;
  }

  /** A closed-model step of {@code users} concurrent users: "1 user", "10 users". */
  static Step users(int users, Duration minHold, Duration maxHold) {
    return new Step(users == 1 ? "1 user" : users + " users", users, LoadUnit.USERS, maxHold, false, minHold);
  }

  /** An open-model step of {@code rate} arrivals per second: "2.0 users/s", "0.5 users/s". */
  static Step arrivals(double rate, Duration minHold, Duration maxHold) {
    return new Step(rate + " users/s", rate, LoadUnit.ARRIVALS_PER_SECOND, maxHold, false, minHold);
  }

  /** The warm-up at {@code load}, counted in {@code unit}. */
  static Step warmup(double load, LoadUnit unit, Duration duration) {
    return new Step(RequestRecord.WARMUP_STEP, load, unit, duration, true);
  }

  /** The load as a whole number of users (closed model). */
  int users() {
    return (int) load;
  }
}
