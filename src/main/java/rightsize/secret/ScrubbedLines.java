package rightsize.secret;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * A UTF-8 file that grows by whole lines, each scrubbed of every secret before it is buffered (a
 * line is the unit, so no secret is split between two scrubs). Each line is one write to a locking
 * {@link BufferedWriter}, so lines appended from several threads never interleave.
 */
public final class ScrubbedLines implements Closeable, Flushable {
  private final BufferedWriter out;

  ScrubbedLines(Path file, OpenOption... options) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, options);
  }

  /** Appends {@code line}, scrubbed, and a newline, in one write: a line is in the buffer whole or not at all. */
  public void append(String line) throws IOException {
    out.write(Secret.redact(line) + "\n");
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
