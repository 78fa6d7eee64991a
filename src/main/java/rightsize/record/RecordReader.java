package rightsize.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams the records of a JSON-lines record file to a consumer, counting the lines it cannot read
 * instead of failing, so a truncated or partly corrupt file still yields what is readable. A line
 * without the fields every record has, or with a value no request can have, is unreadable too, with
 * its reason; a run's start and end lines ({@link RunEvent}) tell whether the run ended cleanly.
 */
public final class RecordReader {
  // No request starts before 2000 or after 2100, lasts longer than a day or has negative tokens.
  private static final long EARLIEST_START_MICROS = 946_684_800_000_000L;
  private static final long LATEST_START_MICROS = 4_102_444_800_000_000L;
  private static final double LONGEST_MS = 86_400_000.0;

  private RecordReader() {}

  /**
   * What reading one file found.
   *
   * @param reasons why lines were unreadable, with how many lines each
   * @param interruptedAt when the run that wrote the file was cut short (the later of its last
   *     start line and the end of its last request), or null when every start has its end line or
   *     the file has no start line (written before runs wrote them, or assembled by hand)
   */
  public record ReadSummary(
      Path file, long records, long unreadableLines, boolean missing, Map<String, Long> reasons, Instant interruptedAt) {
    /** True when some of the file could not be read, or it holds no record, or its run did not end: the report built on it is partial. */
    public boolean partial() {
      return missing || unreadableLines > 0 || records == 0 || interruptedAt != null;
    }
  }

  /** Reads every line of {@code file}, passing each readable record to {@code sink}. */
  public static ReadSummary read(Path file, Consumer<RequestRecord> sink) {
    RunState state = new RunState();
    JsonLines.Summary s = JsonLines.read(file, RecordReader::parse, line -> {
      if (line instanceof RunEvent event) {
        state.event(event);
      } else {
        RequestRecord r = (RequestRecord) line;
        state.record(r);
        sink.accept(r);
      }
    });
    if (s.error() instanceof NoSuchFileException) {
      return new ReadSummary(file, 0, 0, true, Map.of(), null);
    }
    if (s.error() != null) {
      // A failure midway (for example an I/O error in a truncated tail) ends the readable part.
      if (s.read() == 0 && s.unreadable() == 0) {
        throw new UncheckedIOException("cannot read record file " + file + ": " + s.error().getMessage(), s.error());
      }
      Map<String, Long> reasons = new LinkedHashMap<>(s.reasons());
      reasons.merge("cut off by a read error (" + s.error().getMessage() + ")", 1L, Long::sum);
      return new ReadSummary(file, state.records, s.unreadable() + 1, false, reasons, state.interruptedAt());
    }
    return new ReadSummary(file, state.records, s.unreadable(), false, s.reasons(), state.interruptedAt());
  }

  /** Whether the run writing the file is open (a start line without its end yet), and when it was last active. */
  private static final class RunState {
    long records;
    boolean open;
    Instant lastActivity;

    void event(RunEvent e) {
      open = RunEvent.START.equals(e.runEvent());
      Instant at = Instant.parse(e.at());
      lastActivity = lastActivity == null || at.isAfter(lastActivity) ? at : lastActivity;
    }

    void record(RequestRecord r) {
      records++;
      long endMicros = r.startEpochMicros() + Math.round(r.e2eMs() * 1000);
      Instant end = Instant.ofEpochSecond(endMicros / 1_000_000, (endMicros % 1_000_000) * 1000);
      lastActivity = lastActivity == null || end.isAfter(lastActivity) ? end : lastActivity;
    }

    Instant interruptedAt() {
      return open ? lastActivity : null;
    }
  }

  /** The record or run event on {@code line}; null or {@link JsonLines.Unreadable} (with why) when it is neither. */
  private static Object parse(String line) {
    if (line.contains("\"run_event\"")) {
      RunEvent event;
      try {
        event = RecordJson.EVENT_READER.readValue(line);
        Instant.parse(event.at());
      } catch (IOException | RuntimeException e) {
        throw new JsonLines.Unreadable("a start or end line that cannot be read");
      }
      if (!RunEvent.START.equals(event.runEvent()) && !RunEvent.END.equals(event.runEvent())) {
        throw new JsonLines.Unreadable("run_event '" + event.runEvent() + "' is neither start nor end");
      }
      return event;
    }
    RequestRecord record;
    try {
      record = RecordJson.READER.readValue(line);
    } catch (IOException e) {
      return null;
    }
    if (record == null) {
      return null;
    }
    check(record);
    return record.loadUnit() == null ? writtenBeforeLoadUnit(record) : record;
  }

  /** Throws {@link JsonLines.Unreadable} when {@code r} lacks a field every record has or holds a value no request can. */
  private static void check(RequestRecord r) {
    if (r.status() == null) {
      throw new JsonLines.Unreadable("no status");
    }
    if (r.deployment() == null || r.deployment().isBlank()) {
      throw new JsonLines.Unreadable("no deployment");
    }
    if (r.startEpochMicros() < EARLIEST_START_MICROS || r.startEpochMicros() >= LATEST_START_MICROS) {
      throw new JsonLines.Unreadable("start_epoch_micros " + r.startEpochMicros() + " is not between 2000 and 2100");
    }
    if (!(r.e2eMs() >= 0 && r.e2eMs() <= LONGEST_MS)) {
      throw new JsonLines.Unreadable("e2e_ms " + r.e2eMs() + " is not a duration from 0 to a day");
    }
    if (r.ttftMs() != null && !(r.ttftMs() >= 0 && r.ttftMs() <= LONGEST_MS)) {
      throw new JsonLines.Unreadable("ttft_ms " + r.ttftMs() + " is not a duration from 0 to a day");
    }
    if (!(r.load() >= 0 && Double.isFinite(r.load()))) {
      throw new JsonLines.Unreadable("load " + r.load() + " is negative or not finite");
    }
    RequestRecord.Tokens t = r.tokens();
    if (t != null && (negative(t.prompt()) || negative(t.completion()) || negative(t.cached()) || negative(t.reasoning()))) {
      throw new JsonLines.Unreadable("a negative token count");
    }
    RequestRecord.Itl itl = r.itl();
    if (itl != null && (itl.count() < 0 || !(itl.meanMs() >= 0 && itl.maxMs() <= LONGEST_MS))) {
      throw new JsonLines.Unreadable("itl is negative or longer than a day");
    }
  }

  private static boolean negative(Integer n) {
    return n != null && n < 0;
  }

  /**
   * Completes a line written before records carried {@code load_unit} and {@code warmup}
   * (docs/records.md): the step label then told both, and reports read them from it with these
   * rules, so a report regenerated from such a file shows what it showed before.
   */
  private static RequestRecord writtenBeforeLoadUnit(RequestRecord r) {
    String label = r.step() == null ? "" : r.step().toLowerCase(Locale.ROOT);
    LoadUnit unit = label.contains("/s") || label.contains("rps") || label.contains("per sec") || label.contains("rate")
        ? LoadUnit.ARRIVALS_PER_SECOND
        : LoadUnit.USERS;
    boolean warmup = r.warmup() || RequestRecord.WARMUP_STEP.equals(r.step());
    return new RequestRecord(r.runId(), r.injector(), r.scenario(), r.deployment(), r.target(), r.vmSize(),
        r.step(), r.load(), unit, warmup, r.request(), r.requestId(), r.startEpochMicros(), r.firstReasoningMs(), r.ttftMs(),
        r.e2eMs(), r.itl(), r.tokens(), r.finishReason(), r.status(), r.httpStatus(), r.errorCode(),
        r.message(), r.rateLimit(), r.streamed());
  }
}
