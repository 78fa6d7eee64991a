package rightsize.population;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * When one closed step of one deployment starts, reaches its concurrency and ends, shared by its
 * users: the step reaches its users when the last of them has started, and holds them from then on,
 * for its min-hold, then until it may end (its verdict is conclusive) or its max-hold is up.
 */
final class StepClock {
  private static final long UNSET = Long.MIN_VALUE;

  private final int users;
  private final long rampNanos;
  private final long minHoldNanos;
  private final long maxHoldNanos;
  private final boolean holdFromFirstUser;
  private final BooleanSupplier mayEnd;
  private final AtomicInteger started = new AtomicInteger();
  private volatile long firstNanos = UNSET;
  private volatile long fullNanos = UNSET;

  /**
   * @param users how many users this load generator starts in the step
   * @param ramp over how long they are started
   * @param minHold how long the step runs at least at its concurrency (from its last user's start),
   *     or in all ({@code holdFromFirstUser}: the warm-up, whose ramp lies within it)
   * @param maxHold how long it runs at most; equal to {@code minHold} for a fixed hold
   * @param mayEnd asked once the min-hold is over: whether the step has held long enough (its
   *     verdict is conclusive)
   */
  StepClock(int users, Duration ramp, Duration minHold, Duration maxHold, boolean holdFromFirstUser,
      BooleanSupplier mayEnd) {
    this.users = users;
    this.rampNanos = ramp.toNanos();
    this.minHoldNanos = minHold.toNanos();
    this.maxHoldNanos = maxHold.toNanos();
    this.holdFromFirstUser = holdFromFirstUser;
    this.mayEnd = mayEnd;
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

  /** True while users keep sending: until the min-hold is over and the step may end, or the max-hold is. */
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
    long held = System.nanoTime() - from;
    return held < minHoldNanos || held < maxHoldNanos && !mayEnd.getAsBoolean();
  }
}
