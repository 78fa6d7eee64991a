package rightsize.emulator.capacity;

/** One serving instance (one VM): the streams it holds and when its prompt processor is free. */
final class Instance {
  final ServingProfile profile;
  private final String deployment;
  private final int index;
  private final InFlightObserver observer;
  private int active;
  long prefillFreeAt = Long.MIN_VALUE;

  Instance(ServingProfile profile, String deployment, int index, InFlightObserver observer) {
    this.profile = profile;
    this.deployment = deployment;
    this.index = index;
    this.observer = observer;
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
