package rightsize.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report over 1,000,000 records must take under 15 s with under 512 MB of heap: ReportMain
 * runs in its own JVM capped at -Xmx512m, timed from launch to exit (JVM start included).
 * Run with: mvn -B test -Dtest=ReportBenchmarkTest -DexcludedGroups= (figures in docs/benchmarks.md).
 */
@Tag("benchmark")
class ReportBenchmarkTest {
  private static final long RECORDS = 1_000_000;

  @Test
  void aMillionRecordsInUnderFifteenSecondsAndHalfAGigabyteOfHeap(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("results").resolve("million");
    // 38,000 s steps of the synthetic sweep give just over a million records.
    long written = new SyntheticRun().stepSeconds(38_000).write(run.resolve("records.jsonl"));
    assertThat(written).isGreaterThanOrEqualTo(RECORDS);
    long bytes = Files.size(run.resolve("records.jsonl"));

    Path gcLog = dir.resolve("gc.log");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-Xlog:gc:file=" + gcLog,
            "-cp", System.getProperty("java.class.path"),
            "rightsize.cli.ReportMain", "--run", run.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("report.log").toFile())
        .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("report.log"))).isZero();

    List<String> gc = Files.readAllLines(gcLog);
    System.out.printf(Locale.ROOT, "report benchmark: %,d records (%,d MB file) in %.1f s with -Xmx512m,"
        + " heap before GC at most %d MB, after GC at most %d MB, %d GC pauses%n", written, bytes >> 20, seconds,
        heapMb(gc, 1), heapMb(gc, 2), gc.stream().filter(l -> l.contains("Pause")).count());
    assertThat(seconds).isLessThan(15);
    assertThat(Files.readString(run.resolve("tradeoffs.md"))).contains("records.jsonl: " + String.format(Locale.ROOT, "%d", written) + " records");
  }

  /**
   * The largest heap occupancy before ({@code group} 1) or after (2, the live data) a collection,
   * from -Xlog:gc lines such as "Pause Young ... 120M->30M(512M)".
   */
  private static long heapMb(List<String> lines, int group) {
    Pattern heap = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    long peak = 0;
    for (String line : lines) {
      Matcher m = heap.matcher(line);
      if (m.find()) {
        peak = Math.max(peak, Long.parseLong(m.group(group)));
      }
    }
    return peak;
  }
}
