package rightsize.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one way the suite writes a text file (records, reports, capacity, telemetry, injector and
 * gate files): every byte passes {@link Secret#redact} first. LayersTest forbids writing files any
 * other way.
 */
public final class ScrubbedFiles {
  private ScrubbedFiles() {}

  /** Writes {@code text}, scrubbed, to {@code file} as UTF-8, as {@link Files#writeString} does with {@code options}. */
  public static void writeString(Path file, CharSequence text, OpenOption... options) throws IOException {
    Files.writeString(file, Secret.redact(text.toString()), StandardCharsets.UTF_8, options);
  }

  /** Opens {@code file} for appending whole lines, creating it (not its folder) when missing. */
  public static ScrubbedLines appendLines(Path file) throws IOException {
    return new ScrubbedLines(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Opens {@code file} for writing whole lines, replacing it, creating it (not its folder) when missing. */
  public static ScrubbedLines newLines(Path file) throws IOException {
    return new ScrubbedLines(file);
  }
}
