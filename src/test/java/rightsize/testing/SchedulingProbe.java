package rightsize.testing;

import rightsize.injector.InjectorMonitor;

/**
 * Measures how late the OS runs a thread while it runs, with the load generator's own monitor
 * ({@link InjectorMonitor}): timing tests on a shared machine widen their bounds by its worst
 * stall, since any thread (the client's included) can be delayed as long.
 */
public final class SchedulingProbe implements AutoCloseable {
  private final InjectorMonitor monitor = InjectorMonitor.start("scheduling-probe", sample -> { });

  /** The worst extra delay seen so far, in milliseconds. */
  public double worstMs() {
    return monitor.worstStallMs();
  }

  @Override
  public void close() {
    monitor.close();
  }
}
