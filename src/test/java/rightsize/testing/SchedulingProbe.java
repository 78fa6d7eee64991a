package rightsize.testing;

import java.util.concurrent.locks.LockSupport;

/**
 * Measures how late the OS runs a thread while it runs: a thread that asks to wake every
 * millisecond records the worst extra delay. Timing tests on a shared machine widen their bounds by
 * this much, since any thread (the client's included) can be delayed as long.
 */
public final class SchedulingProbe implements AutoCloseable {
  private static final long PERIOD_NANOS = 1_000_000;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long worstNanos;

  public SchedulingProbe() {
    thread = new Thread(this::probe, "scheduling-probe");
    thread.setDaemon(true);
    thread.start();
  }

  private void probe() {
    while (running) {
      long before = System.nanoTime();
      LockSupport.parkNanos(PERIOD_NANOS);
      long late = System.nanoTime() - before - PERIOD_NANOS;
      if (late > worstNanos) {
        worstNanos = late;
      }
    }
  }

  /** The worst extra delay seen so far, in milliseconds. */
  public double worstMs() {
    return worstNanos / 1e6;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
