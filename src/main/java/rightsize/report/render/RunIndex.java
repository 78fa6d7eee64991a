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

  private record Run(String folder, String started, String targets, String workload, String recommendation,
      String best, String sloMet, long regressions, boolean partial) {}

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
    StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>rightsize runs</title><style>").append(HtmlReport.STYLE).append("</style></head><body>\n")
        .append("<h1>rightsize runs</h1>\n<table id=\"runs\"><tr><th>started</th><th>run</th><th>target</th>")
        .append("<th>workload</th><th>recommendation</th><th>lowest $/1M output tokens within SLO</th>")
        .append("<th>deployments meeting SLO</th><th>regressions</th></tr>\n");
    for (Run r : runs) {
      out.append("<tr><td>").append(Html.esc(r.started())).append("</td><td><a href=\"")
          .append(Html.esc(r.folder())).append("/tradeoffs.html\">").append(Html.esc(r.folder())).append("</a>")
          .append(r.partial() ? " <span class=\"broken\">(partial)</span>" : "").append("</td><td>")
          .append(Html.esc(r.targets())).append("</td><td>").append(Html.esc(r.workload())).append("</td><td>")
          .append(Html.esc(r.recommendation())).append("</td><td class=\"n\">").append(Html.esc(r.best()))
          .append("</td><td class=\"n\">").append(Html.esc(r.sloMet())).append("</td><td class=\"n")
          .append(r.regressions() > 0 ? " regression" : "").append("\">").append(r.regressions()).append("</td></tr>\n");
    }
    out.append("</table>\n</body></html>\n");
    Path index = resultsDir.resolve("index.html");
    TextFile.write(index, out);
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
