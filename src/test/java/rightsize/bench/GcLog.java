package rightsize.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses a JVM logged with {@link #option}, within a window: count, total and
 * longest. Works for Serial, Parallel, G1 ("Pause Young ...") and ZGC ("Pause Mark Start ...").
 */
record GcLog(int pauses, double totalMs, double maxMs) {

  private static final Pattern PAUSE = Pattern.compile("^\\[([^]]+)].*\\bPause\\b.* ([0-9]+\\.[0-9]+)ms$");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /** The JVM option that writes the log {@link #read} understands. */
  static String option(Path file) {
    return "-Xlog:gc,gc+phases:file=" + file + ":utctime";
  }

  /** The pauses that ended between {@code fromMicros} and {@code toMicros} (epoch µs). */
  static GcLog read(Path file, long fromMicros, long toMicros) throws IOException {
    if (!Files.exists(file)) {
      return new GcLog(0, 0, 0);
    }
    List<String> lines = Files.readAllLines(file);
    int n = 0;
    double total = 0;
    double max = 0;
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      OffsetDateTime t = OffsetDateTime.parse(m.group(1), TIME);
      long micros = t.toEpochSecond() * 1_000_000 + t.getNano() / 1_000;
      if (micros < fromMicros || micros > toMicros) {
        continue;
      }
      double ms = Double.parseDouble(m.group(2));
      n++;
      total += ms;
      max = Math.max(max, ms);
    }
    return new GcLog(n, total, max);
  }
}
