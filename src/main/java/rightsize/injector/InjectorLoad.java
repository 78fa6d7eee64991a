package rightsize.injector;

import java.time.Instant;

/**
 * How the load generators fared during one time window (a step), from their samples: over every
 * injector and second that overlaps it, the event loops' lag summed, the worst stall of the sleeping
 * probe, the peak CPU, the GC pauses and the JIT's compile time.
 *
 * @param seconds samples overlapping the window (one per injector and second)
 * @param worstStallMs the longest stall of the sleeping probe of any injector in the window, in milliseconds
 * @param worstStallInjector the injector that stalled longest
 * @param worstStallAt the second in which that stall ended
 * @param peakProcessCpu the highest share (0..1) of its CPUs a load generator's JVM used, or null
 *     when no sample had it
 * @param peakMachineCpu the highest share (0..1) of a load generator machine's CPUs in use, or null
 *     when no sample had it
 * @param peakProcessCores the most CPU a load generator's JVM used in a second, in cores, or null
 *     when no sample had it (older files)
 * @param gcPauseMs the GC pause time of the window's seconds, summed over injectors, or null when no
 *     sample had it
 * @param jitMs the JIT's compile time in the window's seconds, summed over injectors, or null when no
 *     sample had it
 * @param clientLag the client's event loops' lag over the window, every injector's together, or
 *     null when no sample had it (older files, or no client ran)
 * @param gatlingLag Gatling's event loops' lag over the window, or null when no sample had it
 */
public record InjectorLoad(
    int seconds,
    double worstStallMs,
    String worstStallInjector,
    Instant worstStallAt,
    Double peakProcessCpu,
    Double peakMachineCpu,
    Double peakProcessCores,
    Long gcPauseMs,
    Long jitMs,
    LoopLag clientLag,
    LoopLag gatlingLag) {

  /** True when the samples measured the client's event loops, so that its own delay can be judged. */
  public boolean loopsMeasured() {
    return clientLag != null;
  }
}
