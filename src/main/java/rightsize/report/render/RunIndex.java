package rightsize.report.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import rightsize.cost.Money;
import rightsize.report.model.Fmt;
import rightsize.report.model.TradeoffsJson;

/** Writes results/index.html: every run folder holding a tradeoffs.json, newest first, with its headline numbers. */
public final class RunIndex {
  private RunIndex() {}

  private static final Template PAGE = Template.of("runs.html.mustache");

  /** What the template shows. */
  record Runs(List<Run> runs) {}

  /** One run's headline. */
  record Run(String folder, String started, String targets, String workload, String recommendation,
      String best, String sloMet, long regressions, boolean partial) {

    boolean regressed() {
      return regressions > 0;
    }
  }

  /** Writes {@code resultsDir}/index.html and returns its path. */
  public static Path write(Path resultsDir) {
    List<Run> runs = new ArrayList<>();
    try (Stream<Path> folders = Files.list(resultsDir)) {
      for (Path folder : folders.filter(Files::isDirectory).toList()) {
        Path json = folder.resolve(TradeoffsJson.FILE_NAME);
        if (Files.isRegularFile(json)) {
          Run run = read(folder.getFileName().toString(), json);
          if (run != null) {
            runs.add(run);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + resultsDir + ": " + e.getMessage(), e);
    }
    runs.sort(Comparator.comparing(Run::started).reversed().thenComparing(Run::folder));
    Path index = resultsDir.resolve("index.html");
    TextFile.write(index, PAGE.render(new Runs(runs)));
    return index;
  }

  /** The headline of one run, or null when its tradeoffs.json cannot be read (that run is left out). */
  private static Run read(String folder, Path file) {
    TradeoffsJson json;
    try {
      json = TradeoffsJson.read(file);
    } catch (RuntimeException e) {
      return null;
    }
    String best = Fmt.NONE;
    double lowest = Double.POSITIVE_INFINITY;
    long meeting = 0;
    for (TradeoffsJson.Deployment d : json.deployments()) {
      if (d.meetsSlo()) {
        meeting++;
      }
      TradeoffsJson.CostAt cost = d.costAtCapacity();
      Double perMillion = cost == null || cost.cost() == null ? null : cost.cost().per1mOutputTokens();
      if (perMillion != null && perMillion < lowest) {
        lowest = perMillion;
        best = Money.format(lowest, Objects.requireNonNullElse(cost.cost().currency(), "USD"))
            + " (" + d.deployment() + ")";
      }
    }
    return new Run(folder, Objects.requireNonNullElse(json.startedAt(), ""), String.join(", ", json.targets()),
        String.join(", ", json.workloads()), Objects.requireNonNullElse(json.recommendation(), ""), best,
        meeting + " of " + json.deployments().size(), json.regressions().size(), json.partial());
  }
}
