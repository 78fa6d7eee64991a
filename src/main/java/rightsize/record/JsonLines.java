package rightsize.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a JSON-lines file leniently: every non-blank line goes to a parser, and a line it cannot
 * parse is counted instead of ending the read, so a torn or partly corrupt file yields what is
 * readable.
 */
public final class JsonLines {
  private JsonLines() {}

  /**
   * What one read found.
   *
   * @param error what stopped the read (the file missing, or bytes that could not be read), or null
   */
  public record Summary(long read, long unreadable, IOException error) {}

  /**
   * Passes every line of {@code file} that {@code parser} turns into a value (neither null nor an
   * exception) to {@code sink}.
   */
  public static <T> Summary read(Path file, Function<String, T> parser, Consumer<T> sink) {
    long read = 0;
    long unreadable = 0;
    // Bytes that are not UTF-8 (a torn write, disk corruption) become U+FFFD instead of ending the
    // read: the damaged line is then unreadable JSON and counted, and the lines after it still count.
    CharsetDecoder lenient = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), lenient))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        T value;
        try {
          value = parser.apply(line);
        } catch (RuntimeException e) {
          value = null;
        }
        if (value == null) {
          unreadable++;
        } else {
          sink.accept(value);
          read++;
        }
      }
    } catch (IOException e) {
      return new Summary(read, unreadable, e);
    }
    return new Summary(read, unreadable, null);
  }
}
