package rightsize.gate;

import rightsize.report.analysis.Baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the baseline of a nightly run: the newest valid run folder under the folder the previous
 * night's artifact was downloaded to (the folder itself, or run folders below it).
 *
 * <p>Valid means its tradeoffs.json reads and at least one request in it succeeded: a broken night
 * is no yardstick.
 */
public final class BaselineFinder {
  /** How deep below the download folder run folders are looked for (artifact/results/run-id). */
  private static final int MAX_DEPTH = 3;

  /** A usable earlier run and when it started. */
  public record Baseline(Path folder, String runId, Instant started) {}

  private BaselineFinder() {}

  /** The newest valid run folder at or below {@code root}; empty when root is missing or holds none. */
  public static Optional<Baseline> find(Path root) {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    List<Path> reports;
    try (Stream<Path> files = Files.walk(root, MAX_DEPTH + 1)) {
      reports =
          files
              .filter(p -> p.getFileName().toString().equals(TradeoffsFile.FILE_NAME))
              .filter(Files::isRegularFile)
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
    return reports.stream()
        .map(BaselineFinder::usable)
        .flatMap(Optional::stream)
        .max(Comparator.comparing(Baseline::started).thenComparing(b -> b.folder().toString()));
  }

  private static Optional<Baseline> usable(Path tradeoffs) {
    RunReport report;
    try {
      report = TradeoffsFile.read(tradeoffs);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (report.steps().stream().mapToLong(RunReport.Step::ok).sum() == 0) {
      return Optional.empty();
    }
    Instant started = report.started();
    if (started == null) {
      try {
        started = Files.getLastModifiedTime(tradeoffs).toInstant();
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.of(new Baseline(tradeoffs.getParent(), report.runId(), started));
  }
}
