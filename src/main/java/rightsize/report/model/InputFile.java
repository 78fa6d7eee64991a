package rightsize.report.model;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What reading one record file found: readable records, unreadable lines and why, that it is
 * missing or could not be opened ({@code error}), and whether the run writing it was cut short.
 *
 * @param reasons why lines were unreadable, with how many lines each
 * @param interruptedAt when the run that wrote it was cut short (no end line), or null
 */
public record InputFile(
    Path file, long records, long unreadableLines, boolean missing, String error, Map<String, Long> reasons, Instant interruptedAt) {

  public InputFile {
    reasons = reasons == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
  }

  /** A file that could not be opened at all. */
  public static InputFile unopened(Path file, String error) {
    return new InputFile(file, 0, 0, false, error, Map.of(), null);
  }

  /** True when part of this file could not be used, it holds no record, or its run did not end. */
  public boolean partial() {
    return missing || unreadableLines > 0 || error != null || records == 0 || interruptedAt != null;
  }

  /**
   * "records.jsonl: 1000 records", "records.jsonl: 998 records, 2 unreadable lines (no deployment: 2)",
   * "... empty", "... missing", "..., interrupted at 2026-12-03T05:50:01Z, last step incomplete".
   */
  public String describe() {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (error != null) {
      return name + ": unreadable (" + error + ")";
    }
    if (missing) {
      return name + ": missing";
    }
    if (records == 0 && unreadableLines == 0) {
      return name + ": empty, no record" + interruption();
    }
    return name + ": " + records + " records"
        + (unreadableLines > 0 ? ", " + unreadableLines + " unreadable line" + (unreadableLines == 1 ? "" : "s") + why() : "")
        + interruption();
  }

  private String why() {
    if (reasons.isEmpty()) {
      return "";
    }
    return " (" + reasons.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")) + ")";
  }

  private String interruption() {
    return interruptedAt == null ? "" : ", interrupted at " + interruptedAt.truncatedTo(ChronoUnit.SECONDS) + ", last step incomplete";
  }
}
