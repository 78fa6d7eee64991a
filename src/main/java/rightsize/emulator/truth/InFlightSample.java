package rightsize.emulator.truth;

/** From {@code nanos} on, a deployment had {@code inFlight} requests queued or being served. */
public record InFlightSample(long nanos, long epochMicros, int inFlight) {}
