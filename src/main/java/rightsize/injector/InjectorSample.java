package rightsize.injector;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One second of a load generator's health, one line of its injector file: how late its probe
 * thread woke at worst, and how busy its JVM and its machine were.
 *
 * @param injector the load generator's name ({@code rightsize.run.injector})
 * @param epochSecond the wall-clock second the sample covers, from {@code epochSecond} to the next
 * @param wakeups how often the probe woke in that second: about 1,000 for a whole, healthy second
 * @param worstStallMs how much later than asked the probe woke at worst in that second, in
 *     milliseconds beyond its 1 ms park (0 when never late); a wake-up is counted in the second it
 *     happened, so a stall is in the second that ended it
 * @param processCpu share (0..1) of all the machine's CPUs this JVM used since the previous sample,
 *     or null when the JVM cannot tell
 * @param machineCpu share (0..1) of all CPUs everything on the machine (or container) used since
 *     the previous sample, or null when the JVM cannot tell
 */
public record InjectorSample(
    @JsonProperty("injector") String injector,
    @JsonProperty("epoch_s") long epochSecond,
    @JsonProperty("wakeups") int wakeups,
    @JsonProperty("worst_stall_ms") double worstStallMs,
    @JsonProperty("process_cpu") Double processCpu,
    @JsonProperty("machine_cpu") Double machineCpu) {

  /** Start of the second, in epoch microseconds (the unit of record start times). */
  public long startEpochMicros() {
    return epochSecond * 1_000_000;
  }
}
