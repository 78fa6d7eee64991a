package rightsize.emulator.capacity;

import java.util.PriorityQueue;

/** A scheduler on a virtual clock: tasks run in time order when a test advances the clock. */
final class VirtualScheduler implements Scheduler {
  private record Task(long at, long seq, Runnable run, boolean[] cancelled) {}

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public Timer schedule(Runnable task, long atNanos) {
    boolean[] cancelled = {false};
    tasks.add(new Task(Math.max(atNanos, now), seq++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Runs every task due up to {@code t} and leaves the clock at {@code t}. */
  void runUntil(long t) {
    while (!tasks.isEmpty() && tasks.peek().at <= t) {
      Task next = tasks.poll();
      now = next.at;
      if (!next.cancelled[0]) {
        next.run.run();
      }
    }
    now = Math.max(now, t);
  }

  /** Runs tasks until none is left. */
  void runAll() {
    runUntil(Long.MAX_VALUE / 2);
  }

  static long ms(double millis) {
    return Math.round(millis * 1_000_000);
  }
}
