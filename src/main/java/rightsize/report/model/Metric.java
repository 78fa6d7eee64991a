package rightsize.report.model;

import java.util.Locale;
import java.util.function.Function;

/** A step figure compared between a run and its baseline. */
public enum Metric {
  P95_TTFT("p95 ttft", "p95_ttft_ms", false, r -> r.step().ttft().p95(), s -> p95(s.ttftMs())),
  P95_E2E("p95 e2e", "p95_e2e_ms", false, r -> r.step().e2e().p95(), s -> p95(s.e2eMs())),
  ERROR_RATE("error rate", "error_rate", true, r -> r.step().errorRate(), TradeoffsJson.Step::errorRate),
  COST_PER_1M_OUTPUT_TOKENS("cost per 1M output tokens", "cost_per_1m_output_tokens", false,
      r -> r.cost().per1mOutputTokens(), s -> s.cost() == null ? null : s.cost().per1mOutputTokens()),
  OUTPUT_TOKENS_PER_SECOND("output tokens/s", "output_tokens_per_s", false,
      r -> r.step().outputTokensPerSecond(), TradeoffsJson.Step::outputTokensPerS);

  private final String label;
  private final String jsonName;
  private final boolean points;
  private final Function<StepRow, Double> ofRow;
  private final Function<TradeoffsJson.Step, Double> ofWritten;

  Metric(String label, String jsonName, boolean points, Function<StepRow, Double> ofRow,
      Function<TradeoffsJson.Step, Double> ofWritten) {
    this.label = label;
    this.jsonName = jsonName;
    this.points = points;
    this.ofRow = ofRow;
    this.ofWritten = ofWritten;
  }

  /** This figure of {@code row}, null when not measured. */
  public Double of(StepRow row) {
    return ofRow.apply(row);
  }

  /** This figure of a step as a tradeoffs.json holds it (a baseline's), null when not measured. */
  public Double of(TradeoffsJson.Step step) {
    return ofWritten.apply(step);
  }

  private static Double p95(TradeoffsJson.Latency latency) {
    return latency == null ? null : latency.p95();
  }

  public String label() {
    return label;
  }

  /** The name used in tradeoffs.json. */
  public String jsonName() {
    return jsonName;
  }

  /**
   * The change from {@code baseline} to {@code current}: percentage points for the error rate
   * (a 0..1 share), relative change (0.1 = +10%) otherwise; null when undefined.
   */
  public Double change(Double baseline, Double current) {
    if (baseline == null || current == null) {
      return null;
    }
    if (points) {
      return (current - baseline) * 100;
    }
    return baseline == 0 ? null : current / baseline - 1;
  }

  /** A change as people read it: "+1.5 pts" or "+12.3%". */
  public String formatChange(double change) {
    return points
        ? String.format(Locale.ROOT, "%+.1f pts", change)
        : String.format(Locale.ROOT, "%+.1f%%", change * 100);
  }
}
