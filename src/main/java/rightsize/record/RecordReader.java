package rightsize.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Streams the records of a JSON-lines record file to a consumer, counting the lines it cannot read
 * instead of failing, so a truncated or partly corrupt file still yields what is readable.
 */
public final class RecordReader {
  private RecordReader() {}

  /** What reading one file found. */
  public record ReadSummary(Path file, long records, long unreadableLines, boolean missing) {
    /** True when some of the file could not be read: the report built on it is partial. */
    public boolean partial() {
      return missing || unreadableLines > 0;
    }
  }

  /** Reads every line of {@code file}, passing each readable record to {@code sink}. */
  public static ReadSummary read(Path file, Consumer<RequestRecord> sink) {
    JsonLines.Summary s = JsonLines.read(file, RecordReader::parse, sink);
    if (s.error() instanceof NoSuchFileException) {
      return new ReadSummary(file, 0, 0, true);
    }
    if (s.error() != null) {
      // A failure midway (for example an I/O error in a truncated tail) ends the readable part.
      if (s.read() == 0 && s.unreadable() == 0) {
        throw new UncheckedIOException("cannot read record file " + file + ": " + s.error().getMessage(), s.error());
      }
      return new ReadSummary(file, s.read(), s.unreadable() + 1, false);
    }
    return new ReadSummary(file, s.read(), s.unreadable(), false);
  }

  /** The record on {@code line}, or null when the line is not one. */
  private static RequestRecord parse(String line) {
    RequestRecord record;
    try {
      record = RecordJson.READER.readValue(line);
    } catch (IOException e) {
      return null;
    }
    if (record == null || record.status() == null) {
      return null;
    }
    return record.loadUnit() == null ? writtenBeforeLoadUnit(record) : record;
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
