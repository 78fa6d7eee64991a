package rightsize.emulator.capacity;

/**
 * The clock and timer the capacity model runs on: the emulator's event loop in the server, a
 * virtual clock in tests. All calls come from one thread.
 */
public interface Scheduler {

  /** Current time in nanoseconds on this scheduler's clock (System.nanoTime for real time). */
  long nanoTime();

  /** Runs {@code task} at {@code atNanos} (or as soon as possible if that is past). */
  Timer schedule(Runnable task, long atNanos);

  /** A scheduled task that can still be cancelled. */
  interface Timer {
    /** Prevents the task from running if it has not run yet. */
    void cancel();
  }
}
