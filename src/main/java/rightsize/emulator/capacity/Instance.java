package rightsize.emulator.capacity;

/** One serving instance (one VM): the streams it holds and when its prompt processor is free. */
final class Instance {
  final ServingProfile profile;
  private final String deployment;
  private final int index;
  private final InFlightObserver observer;
  private int active;
  /** When each lane of the serial step (prompt processing, or an app's CPU work) is next free. */
  private final long[] laneFreeAt;

  Instance(ServingProfile profile, String deployment, int index, InFlightObserver observer) {
    this.profile = profile;
    this.deployment = deployment;
    this.index = index;
    this.observer = observer;
    this.laneFreeAt = new long[profile.serialLanes()];
    java.util.Arrays.fill(laneFreeAt, Long.MIN_VALUE);
  }

  /**
   * Books the serial step of a request ready at {@code now} lasting {@code nanos} on the lane that
   * frees first (first come, first served) and returns when it starts.
   */
  long bookSerialStep(long now, long nanos) {
    int lane = 0;
    for (int i = 1; i < laneFreeAt.length; i++) {
      if (laneFreeAt[i] < laneFreeAt[lane]) {
        lane = i;
      }
    }
    long start = Math.max(now, laneFreeAt[lane]);
    laneFreeAt[lane] = start + nanos;
    return start;
  }

  /** Streams holding a slot. */
  int active() {
    return active;
  }

  /** A stream takes a slot at {@code nanos}. */
  void take(long nanos) {
    active++;
    observer.busyChanged(deployment, index, nanos, active);
  }

  /** A stream gives its slot back at {@code nanos}. */
  void free(long nanos) {
    active--;
    observer.busyChanged(deployment, index, nanos, active);
  }
}
