package rightsize.report.analysis;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import rightsize.report.model.Metric;
import rightsize.report.model.TradeoffsJson;

/**
 * The step figures of a baseline run, read from its tradeoffs.json.
 *
 * @param problems why the baseline could not be read (then {@code steps} is empty)
 */
public record Baseline(String runId, Path folder, List<Step> steps, List<String> problems) {

  /** One step of the baseline and its compared figures. */
  public record Step(String deployment, String step, double load, Map<Metric, Double> values) {}

  /** Reads the steps of the baseline run folder's tradeoffs.json; problems are returned, not thrown. */
  public static Baseline read(Path folder) {
    Path file = folder.resolve(TradeoffsJson.FILE_NAME);
    TradeoffsJson json;
    try {
      json = TradeoffsJson.read(file);
    } catch (UncheckedIOException e) {
      return new Baseline("", folder, List.of(), List.of("baseline " + file + " is unreadable ("
          + e.getCause().getMessage().lines().findFirst().orElse("") + "): regenerate it with ReportMain --run "
          + folder));
    } catch (IllegalArgumentException e) {
      return new Baseline("", folder, List.of(), List.of("baseline " + file + " is not a " + TradeoffsJson.SCHEMA
          + " file"));
    }
    List<Step> steps = json.steps().stream().map(s -> {
      Map<Metric, Double> values = new EnumMap<>(Metric.class);
      for (Metric m : Metric.values()) {
        values.put(m, m.of(s));
      }
      return new Step(s.deployment(), s.step(), s.load(), values);
    }).toList();
    return new Baseline(Objects.requireNonNullElse(json.runId(), ""), folder, steps, List.of());
  }

  boolean readable() {
    return problems.isEmpty();
  }
}
