package rightsize.injector;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One second of a load generator's health, one line of its injector file: how late its event loops
 * ran what was due on them, how late a sleeping thread woke, how busy its JVM and its machine were
 * and how long its garbage collector stopped it. Fields added after the first version are null in
 * older files.
 *
 * @param injector the load generator's name ({@code rightsize.run.injector})
 * @param epochSecond the wall-clock second the sample covers, from {@code epochSecond} to the next
 * @param wakeups how often the probe woke in that second: about 1,000 for a whole, healthy second
 * @param worstStallMs how much later than asked the sleeping probe thread woke at worst in that
 *     second, in milliseconds beyond its 1 ms park (0 when never late); a wake-up is counted in the
 *     second it happened, so a stall is in the second that ended it
 * @param processCpu share (0..1) of the CPUs this JVM may use ({@code processCores / cpus}) that it
 *     used since the previous sample, or null when the JVM cannot tell; files written before
 *     {@code process_cores} existed hold the share of all the machine's CPUs instead
 * @param machineCpu share (0..1) of all CPUs everything on the machine (or container) used since
 *     the previous sample, or null when the JVM cannot tell
 * @param processCores the CPU this JVM used since the previous sample, in cores (1.0: one core all
 *     the time), or null when the JVM cannot tell
 * @param cpus the CPUs this JVM may use ({@code Runtime.availableProcessors()}: affinity and
 *     container limits included)
 * @param gcPauseMs stop-the-world GC pause time reported in that second, in milliseconds
 * @param jitMs time the JIT compilers spent compiling in that second, in milliseconds (elapsed, summed
 *     over the compiler threads), or null when the JVM does not tell or the file predates it
 * @param clientLag the client's I/O event loops' lag in that second, or null before the client runs
 * @param gatlingLag Gatling's event loops' lag in that second, or null outside a Gatling run
 */
public record InjectorSample(
    @JsonProperty("injector") String injector,
    @JsonProperty("epoch_s") long epochSecond,
    @JsonProperty("wakeups") int wakeups,
    @JsonProperty("worst_stall_ms") double worstStallMs,
    @JsonProperty("process_cpu") Double processCpu,
    @JsonProperty("machine_cpu") Double machineCpu,
    @JsonProperty("process_cores") Double processCores,
    @JsonProperty("cpus") Integer cpus,
    @JsonProperty("gc_pause_ms") Long gcPauseMs,
    @JsonProperty("jit_ms") Long jitMs,
    @JsonProperty("client_lag") LoopLag clientLag,
    @JsonProperty("gatling_lag") LoopLag gatlingLag) {

  /** A sample of a monitor that watches no event loop (older files, the scheduling probe of tests). */
  public InjectorSample(String injector, long epochSecond, int wakeups, double worstStallMs, Double processCpu,
      Double machineCpu) {
    this(injector, epochSecond, wakeups, worstStallMs, processCpu, machineCpu, null, null, null, null, null, null);
  }

  /** Start of the second, in epoch microseconds (the unit of record start times). */
  public long startEpochMicros() {
    return epochSecond * 1_000_000;
  }
}
