package rightsize.population;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When one closed step of one deployment starts, reaches its concurrency and ends, shared by its
 * users: the step reaches its users when the last of them has started, and holds them from then on.
 */
final class StepClock {
  private static final long UNSET = Long.MIN_VALUE;

  private final int users;
  private final long rampNanos;
  private final long holdNanos;
  private final boolean holdFromFirstUser;
  private final AtomicInteger started = new AtomicInteger();
  private volatile long firstNanos = UNSET;
  private volatile long fullNanos = UNSET;

  /**
   * @param users how many users this load generator starts in the step
   * @param ramp over how long they are started
   * @param hold how long the step runs at its concurrency (from its last user's start), or in all
   *     ({@code holdFromFirstUser}: the warm-up, whose ramp lies within it)
   */
  StepClock(int users, Duration ramp, Duration hold, boolean holdFromFirstUser) {
    this.users = users;
    this.rampNanos = ramp.toNanos();
    this.holdNanos = hold.toNanos();
    this.holdFromFirstUser = holdFromFirstUser;
  }

  /** A user of the step starts. */
  void userStarted() {
    long now = System.nanoTime();
    int n = started.incrementAndGet();
    if (n == 1) {
      firstNanos = now;
    }
    if (n == users) {
      fullNanos = now;
    }
  }

  /** True until the step's last user has started: requests sent now see less than the step's concurrency. */
  boolean ramping() {
    return fullNanos == UNSET;
  }

  /** True while users keep sending: until the hold is over. */
  boolean running() {
    long first = firstNanos;
    if (first == UNSET) {
      return true;
    }
    long from;
    if (holdFromFirstUser) {
      from = first;
    } else {
      long full = fullNanos;
      // Bounded even if the last user never came (Gatling stopped): the ramp is over by then.
      from = full == UNSET ? first + rampNanos : full;
    }
    return System.nanoTime() - from < holdNanos;
  }
}
