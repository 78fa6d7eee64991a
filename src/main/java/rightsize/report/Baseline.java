package rightsize.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The step figures of a baseline run, read from its tradeoffs.json.
 *
 * @param problems why the baseline could not be read (then {@code steps} is empty)
 */
record Baseline(String runId, Path folder, List<Step> steps, List<String> problems) {

  /** One step of the baseline and its compared figures. */
  record Step(String deployment, String step, double load, Map<Metric, Double> values) {}

  boolean readable() {
    return problems.isEmpty();
  }
}
