package rightsize.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
    long records = 0;
    long unreadable = 0;
    // Bytes that are not UTF-8 (a torn write, disk corruption) become U+FFFD instead of ending the
    // read: the damaged line is then unreadable JSON and counted, and the lines after it still count.
    CharsetDecoder lenient = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(Files.newInputStream(file), lenient))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        RequestRecord record;
        try {
          record = RecordJson.READER.readValue(line);
        } catch (IOException | RuntimeException e) {
          unreadable++;
          continue;
        }
        if (record == null || record.status() == null) {
          unreadable++;
          continue;
        }
        sink.accept(record);
        records++;
      }
    } catch (NoSuchFileException e) {
      return new ReadSummary(file, 0, 0, true);
    } catch (IOException e) {
      // A decoding failure midway (for example invalid UTF-8 in a truncated tail) ends the readable part.
      if (records == 0 && unreadable == 0) {
        throw new UncheckedIOException("cannot read record file " + file + ": " + e.getMessage(), e);
      }
      unreadable++;
    }
    return new ReadSummary(file, records, unreadable, false);
  }
}
