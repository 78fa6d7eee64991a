package rightsize.emulator.truth;

/** From {@code nanos} on, instance {@code instance} (from 0) of a deployment had {@code busy} slots taken. */
public record BusySample(long nanos, int instance, int busy) {}
