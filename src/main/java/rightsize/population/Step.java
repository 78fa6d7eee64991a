package rightsize.population;

import java.time.Duration;
import java.util.Objects;

/**
 * One level of load a deployment is held at: a number of concurrent users (closed model) or an
 * arrival rate in users per second (open model), for a duration; or the warm-up before the steps,
 * whose requests reports leave out.
 *
 * @param label names the step in Gatling's report and in records, e.g. "10 users", "2.0 users/s" or "warmup"
 * @param load concurrent users, or arrivals per second
 * @param duration how long users are started (open) or keep sending (closed)
 * @param warmup true for the warm-up step
 */
public record Step(String label, double load, Duration duration, boolean warmup) {
  /** The label of warm-up steps, which {@code RequestRecord.warmup()} recognises. */
  public static final String WARMUP = "warmup";

  public Step {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(duration, "duration");
    if (!(load > 0)) {
      throw new IllegalArgumentException("step load must be > 0, was " + load);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("step duration must be > 0, was " + duration);
    }
  }

  /** A closed-model step of {@code users} concurrent users: "1 user", "10 users". */
  static Step users(int users, Duration duration) {
    return new Step(users == 1 ? "1 user" : users + " users", users, duration, false);
  }

  /** An open-model step of {@code rate} arrivals per second: "2.0 users/s", "0.5 users/s". */
  static Step arrivals(double rate, Duration duration) {
    return new Step(rate + " users/s", rate, duration, false);
  }

  /** The warm-up at {@code load}. */
  static Step warmup(double load, Duration duration) {
    return new Step(WARMUP, load, duration, true);
  }

  /** The load as a whole number of users (closed model). */
  int users() {
    return (int) load;
  }
}
