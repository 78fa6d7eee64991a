package rightsize.report.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rightsize.analysis.StepKey;
import rightsize.config.RegressionThresholds;
import rightsize.report.model.Comparison;
import rightsize.report.model.Metric;
import rightsize.report.model.StepRow;

/**
 * Compares a run's steps with its baseline's, matched by deployment and step label, and flags the
 * figures worse than the baseline beyond their thresholds.
 */
public final class BaselineComparison {
  private BaselineComparison() {}

  public static Comparison compare(List<StepRow> rows, Baseline baseline, RegressionThresholds t) {
    List<Comparison.StepDelta> deltas = new ArrayList<>();
    List<Comparison.Regression> regressions = new ArrayList<>();
    List<String> notes = new ArrayList<>(baseline.problems());
    Map<String, Baseline.Step> remaining = new LinkedHashMap<>();
    baseline.steps().forEach(s -> remaining.put(s.deployment() + "\u0000" + s.step(), s));
    for (StepRow row : rows) {
      StepKey key = row.step().key();
      Baseline.Step before = remaining.remove(key.deployment() + "\u0000" + key.step());
      if (before == null) {
        if (baseline.readable()) {
          notes.add(key.deployment() + " " + key.step() + ": not in the baseline");
        }
        continue;
      }
      Map<Metric, Comparison.Values> values = new LinkedHashMap<>();
      for (Metric m : Metric.values()) {
        values.put(m, new Comparison.Values(before.values().get(m), m.of(row)));
      }
      Comparison.StepDelta delta = new Comparison.StepDelta(key.deployment(), key.step(), key.load(), values);
      deltas.add(delta);
      flag(delta, Metric.P95_TTFT, t.p95Ttft(), regressions);
      flag(delta, Metric.P95_E2E, t.p95E2e(), regressions);
      flag(delta, Metric.COST_PER_1M_OUTPUT_TOKENS, t.costPer1mTokens(), regressions);
      flag(delta, Metric.ERROR_RATE, t.errorRatePoints(), regressions);
    }
    remaining.values().forEach(s -> notes.add(s.deployment() + " " + s.step() + ": in the baseline but not in this run"));
    return new Comparison(baseline.runId(), baseline.folder().toString(), deltas, regressions, notes);
  }

  private static void flag(Comparison.StepDelta delta, Metric metric, double threshold,
      List<Comparison.Regression> regressions) {
    Double change = delta.change(metric);
    if (change != null && change > threshold + 1e-12) {
      Comparison.Values v = delta.values().get(metric);
      regressions.add(new Comparison.Regression(delta.deployment(), delta.step(), metric,
          v.baseline(), v.current(), change, threshold));
    }
  }
}
