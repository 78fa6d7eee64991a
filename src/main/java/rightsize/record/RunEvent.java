package rightsize.record;

import java.time.Instant;

/**
 * A line of a record file that is not a request: where a run began writing, and where it ended
 * cleanly. A file whose last start has no end after it was cut short (killed, crashed), and the
 * report says so (docs/records.md, "Start and end lines").
 *
 * @param runEvent {@value #START} or {@value #END}
 * @param at when, UTC ISO-8601
 * @param runId the run's id
 * @param injector the load generator that wrote the file
 * @param records at the end, how many records the run wrote; null at the start
 */
public record RunEvent(String runEvent, String at, String runId, String injector, Long records) {
  /** The first line a run writes. */
  public static final String START = "start";
  /** The last line a run writes, once every record is in: its absence marks an interrupted run. */
  public static final String END = "end";

  /** A run's start line. */
  public static RunEvent start(Instant at, String runId, String injector) {
    return new RunEvent(START, at.toString(), runId, injector, null);
  }

  /** A run's clean end, after {@code records} records. */
  public static RunEvent end(Instant at, String runId, String injector, long records) {
    return new RunEvent(END, at.toString(), runId, injector, records);
  }
}
