package rightsize.injector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Measures how late a group of event loops (the client's I/O threads, Gatling's) run what is due on
 * them: each loop runs a tick every {@value #PERIOD_MS} ms, on a fixed schedule, and each tick notes
 * how late it ran. A loop busy with other work, stopped by a GC pause or without a CPU runs the tick
 * late, exactly as it would read a response late.
 *
 * <p>Ticks missed while a loop was held are counted when it runs again, each with its own lag (50 ms,
 * 45 ms, 40 ms ... for a 50 ms hold): every slice of time counts once, so a long hold is not one
 * sample among hundreds (the coordinated-omission correction of HdrHistogram's expected interval).
 */
final class LoopLagProbe {
  static final long PERIOD_MS = 5;
  static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);

  private final int loops;
  private final AtomicLong ticks = new AtomicLong();
  private final AtomicLong maxNanos = new AtomicLong();
  private final AtomicLongArray over = new AtomicLongArray(LoopLag.EDGES_MS.size());
  private final long[] edgeNanos = LoopLag.EDGES_MS.stream().mapToLong(TimeUnit.MILLISECONDS::toNanos).toArray();
  private volatile boolean running = true;

  private LoopLagProbe(int loops) {
    this.loops = loops;
  }

  /** Starts a tick on every loop of {@code group}; a loop that refuses it (shut down) is left out. */
  static LoopLagProbe start(Iterable<? extends ScheduledExecutorService> group) {
    List<ScheduledExecutorService> list = new ArrayList<>();
    group.forEach(list::add);
    LoopLagProbe probe = new LoopLagProbe(list.size());
    for (ScheduledExecutorService loop : list) {
      probe.new Tick(loop).scheduleAt(System.nanoTime() + PERIOD_NANOS);
    }
    return probe;
  }

  /** The ticks since the previous call, and resets them. */
  LoopLag take() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < edgeNanos.length; i++) {
      long n = over.getAndSet(i, 0);
      if (n > 0) {
        counts.put(Integer.toString(LoopLag.EDGES_MS.get(i)), n);
      }
    }
    return new LoopLag(loops, ticks.getAndSet(0), Math.round(maxNanos.getAndSet(0) / 1e3) / 1e3, counts);
  }

  /** No tick is scheduled any more; ticks already due end at their next run. */
  void stop() {
    running = false;
  }

  /** Counts one tick {@code lateNanos} late. */
  void record(long lateNanos) {
    ticks.incrementAndGet();
    maxNanos.accumulateAndGet(lateNanos, Math::max);
    for (int i = 0; i < edgeNanos.length && lateNanos > edgeNanos[i]; i++) {
      over.incrementAndGet(i);
    }
  }

  /** The tick of one loop: runs on it, notes how late, schedules the next one on the fixed grid. */
  private final class Tick implements Runnable {
    private final ScheduledExecutorService loop;
    private long dueNanos;

    Tick(ScheduledExecutorService loop) {
      this.loop = loop;
    }

    void scheduleAt(long due) {
      dueNanos = due;
      if (!running) {
        return;
      }
      try {
        loop.schedule(this, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException shutDown) {
        // The loop's group is shutting down: nothing left to measure on it.
      }
    }

    @Override
    public void run() {
      long now = System.nanoTime();
      long late = Math.max(0, now - dueNanos);
      // The ticks due while this one waited ran no sooner than now: each counts with its own lag.
      for (long l = late; ; l -= PERIOD_NANOS) {
        record(Math.max(0, l));
        if (l < PERIOD_NANOS) {
          break;
        }
      }
      scheduleAt(dueNanos + (late / PERIOD_NANOS + 1) * PERIOD_NANOS);
    }
  }
}
