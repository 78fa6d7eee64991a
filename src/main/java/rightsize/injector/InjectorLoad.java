package rightsize.injector;

import java.time.Instant;

/**
 * How the load generators fared during one time window (a step), from their samples: the worst
 * stall and the peak CPU over every injector and second that overlaps it.
 *
 * @param seconds samples overlapping the window (one per injector and second)
 * @param worstStallMs the longest stall of any injector in the window, in milliseconds
 * @param worstStallInjector the injector that stalled longest
 * @param worstStallAt the second in which that stall ended
 * @param peakProcessCpu the highest share (0..1) of the machine's CPUs a load generator's JVM used,
 *     or null when no sample had it
 * @param peakMachineCpu the highest share (0..1) of a load generator machine's CPUs in use, or null
 *     when no sample had it
 */
public record InjectorLoad(
    int seconds,
    double worstStallMs,
    String worstStallInjector,
    Instant worstStallAt,
    Double peakProcessCpu,
    Double peakMachineCpu) {}
