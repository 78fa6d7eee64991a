package rightsize.client;

import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The wall-clock instant of a {@code System.nanoTime()} reading, derived from it: the epoch time of
 * an anchor (a nanoTime and the wall clock read together) plus the nanoseconds since. A request's
 * written instant and its nanoTime are then one reading, however long the thread is descheduled
 * between two calls; reading both clocks separately let them drift up to 1.6 ms apart under load
 * (issue 13), which skews every join with a server's logs.
 *
 * <p>The anchor is taken again once a second, so that a wall clock corrected by NTP is followed
 * within a second; an anchor whose two nanoTime readings around the wall clock lie more than
 * {@value #TIGHT_NANOS} ns apart (the thread was descheduled between them) is retried.
 */
final class WallClock {
  static final long TIGHT_NANOS = 20_000;
  private static final long REANCHOR_NANOS = 1_000_000_000L;
  private static final int TRIES = 5;

  private record Anchor(long nanos, long epochMicros) {}

  static final WallClock SYSTEM = new WallClock(System::nanoTime, Instant::now);

  private final LongSupplier nanoTime;
  private final Supplier<Instant> wall;
  private volatile Anchor anchor;

  WallClock(LongSupplier nanoTime, Supplier<Instant> wall) {
    this.nanoTime = nanoTime;
    this.wall = wall;
    this.anchor = anchor();
  }

  /** The epoch microseconds at the instant {@code nanos} ({@code System.nanoTime()}) was read. */
  long epochMicros(long nanos) {
    Anchor a = anchor;
    if (nanos - a.nanos() > REANCHOR_NANOS) {
      a = anchor();
      anchor = a;
    }
    return a.epochMicros() + Math.floorDiv(nanos - a.nanos(), 1_000);
  }

  /** The tightest of a few readings of the wall clock between two of nanoTime. */
  private Anchor anchor() {
    Anchor best = null;
    long bestGap = Long.MAX_VALUE;
    for (int i = 0; i < TRIES && bestGap > TIGHT_NANOS; i++) {
      long before = nanoTime.getAsLong();
      Instant now = wall.get();
      long after = nanoTime.getAsLong();
      if (after - before < bestGap) {
        bestGap = after - before;
        best = new Anchor(before + (after - before) / 2, now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
      }
    }
    return best;
  }
}
