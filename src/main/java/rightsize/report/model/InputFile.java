package rightsize.report.model;

import java.nio.file.Path;

/**
 * What reading one record file found: readable records, unreadable lines, or that it is missing
 * or could not be opened ({@code error}).
 */
public record InputFile(Path file, long records, long unreadableLines, boolean missing, String error) {

  /** True when part of this file could not be used. */
  public boolean partial() {
    return missing || unreadableLines > 0 || error != null;
  }

  /** "records.jsonl: 1000 records" or "records.jsonl: 998 records, 2 unreadable lines" or "... missing". */
  public String describe() {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (error != null) {
      return name + ": unreadable (" + error + ")";
    }
    if (missing) {
      return name + ": missing";
    }
    return name + ": " + records + " records"
        + (unreadableLines > 0 ? ", " + unreadableLines + " unreadable line" + (unreadableLines == 1 ? "" : "s") : "");
  }
}
