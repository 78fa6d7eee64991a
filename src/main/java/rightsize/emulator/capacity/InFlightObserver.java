package rightsize.emulator.capacity;

/** Receives every change of a deployment's count of admitted, unfinished requests. */
@FunctionalInterface
public interface InFlightObserver {

  /** {@code deployment} has {@code inFlight} requests queued or being served from {@code nanos}. */
  void inFlightChanged(String deployment, long nanos, int inFlight);
}
