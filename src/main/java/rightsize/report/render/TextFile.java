package rightsize.report.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import rightsize.secret.ScrubbedFiles;

/** Writes a report file as UTF-8 text, scrubbed of secrets, failing with one line that names the file. */
public final class TextFile {
  private TextFile() {}

  public static void write(Path file, CharSequence text) {
    try {
      ScrubbedFiles.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
