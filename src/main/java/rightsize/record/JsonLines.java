package rightsize.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
   * @param reasons why lines were unreadable, with how many lines each, in the order first met
   */
  public record Summary(long read, long unreadable, IOException error, Map<String, Long> reasons) {
    public Summary {
      reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    }
  }

  /** Thrown by a parser for a line it cannot use, saying why (for example "e2e_ms is 1.0E300"). */
  public static final class Unreadable extends RuntimeException {
    public Unreadable(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final String NOT_JSON = "not a record: bad JSON or a torn line";

  /**
   * Passes every line of {@code file} that {@code parser} turns into a value (neither null nor an
   * exception) to {@code sink}.
   */
  public static <T> Summary read(Path file, Function<String, T> parser, Consumer<T> sink) {
    long read = 0;
    long unreadable = 0;
    Map<String, Long> reasons = new LinkedHashMap<>();
    boolean first = true;
    // Bytes that are not UTF-8 (a torn write, disk corruption) become U+FFFD instead of ending the
    // read: the damaged line is then unreadable JSON and counted, and the lines after it still count.
    CharsetDecoder lenient = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), lenient))) {
      String line;
      while ((line = in.readLine()) != null) {
        // A byte-order mark some editors put in front of UTF-8 text is not part of the first line.
        if (first && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        first = false;
        if (line.isBlank()) {
          continue;
        }
        T value;
        String reason = NOT_JSON;
        try {
          value = parser.apply(line);
        } catch (Unreadable e) {
          value = null;
          reason = e.getMessage();
        } catch (RuntimeException e) {
          value = null;
        }
        if (value == null) {
          unreadable++;
          reasons.merge(reason, 1L, Long::sum);
        } else {
          sink.accept(value);
          read++;
        }
      }
    } catch (IOException e) {
      return new Summary(read, unreadable, e, reasons);
    }
    return new Summary(read, unreadable, null, reasons);
  }
}
