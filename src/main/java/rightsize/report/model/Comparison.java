package rightsize.report.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run compared with a baseline run, step by step (matched by deployment and step label): the
 * deltas of every compared figure, and the regressions beyond the thresholds.
 *
 * @param baselineRunId the baseline's run id
 * @param baselineFolder the baseline's run folder as given
 * @param deltas one entry per step found in both runs
 * @param regressions the deltas beyond their threshold
 * @param notes steps found in only one of the runs, and baseline problems
 */
public record Comparison(
    String baselineRunId,
    String baselineFolder,
    List<StepDelta> deltas,
    List<Regression> regressions,
    List<String> notes) {

  /** One figure in the baseline and in this run, either null when not measured. */
  public record Values(Double baseline, Double current) {}

  /** One step's figures in both runs. */
  public record StepDelta(String deployment, String step, double load, Map<Metric, Values> values) {

    /** The change of {@code metric} (see {@link Metric#change}), null when undefined. */
    public Double change(Metric metric) {
      Values v = values.get(metric);
      return metric.change(v.baseline(), v.current());
    }
  }

  /** One figure of one step worse than the baseline by more than its threshold. */
  public record Regression(
      String deployment, String step, Metric metric, double baseline, double current, double change,
      double threshold) {

    /** E.g. "Standard_F2s_v2 10 users: p95 ttft 1200 -> 1450 (+20.8%, threshold +10.0%)". */
    public String describe() {
      return String.format(Locale.ROOT, "%s %s: %s %s -> %s (%s, threshold %s)",
          deployment, step, metric.label(), value(baseline), value(current),
          metric.formatChange(change), metric.formatChange(threshold));
    }

    private String value(double v) {
      return metric == Metric.ERROR_RATE
          ? String.format(Locale.ROOT, "%.2f%%", v * 100)
          : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.4g", v);
    }
  }
}
