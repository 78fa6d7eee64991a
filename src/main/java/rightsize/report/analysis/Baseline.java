package rightsize.report.analysis;

import rightsize.report.Metric;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The step figures of a baseline run, read from its tradeoffs.json.
 *
 * @param problems why the baseline could not be read (then {@code steps} is empty)
 */
public record Baseline(String runId, Path folder, List<Step> steps, List<String> problems) {

  /** One step of the baseline and its compared figures. */
  public record Step(String deployment, String step, double load, Map<Metric, Double> values) {}

  public boolean readable() {
    return problems.isEmpty();
  }
}
