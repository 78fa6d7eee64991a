package rightsize.emulator.capacity;

/**
 * Receives every change of a deployment's admitted, unfinished requests: their count, and how many
 * of them hold a slot on each instance.
 */
@FunctionalInterface
public interface InFlightObserver {

  /** {@code deployment} has {@code inFlight} requests queued or being served from {@code nanos}. */
  void inFlightChanged(String deployment, long nanos, int inFlight);

  /** Instance {@code instance} (from 0) of {@code deployment} has {@code busy} slots taken from {@code nanos}. */
  default void busyChanged(String deployment, int instance, long nanos, int busy) {}
}
