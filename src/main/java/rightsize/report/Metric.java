package rightsize.report;

import java.util.Locale;

/** A step figure compared between a run and its baseline. */
public enum Metric {
  P95_TTFT("p95 ttft", "p95_ttft_ms", Figure.TTFT_P95, false),
  P95_E2E("p95 e2e", "p95_e2e_ms", Figure.E2E_P95, false),
  ERROR_RATE("error rate", "error_rate", Figure.ERROR_RATE, true),
  COST_PER_1M_OUTPUT_TOKENS(
      "cost per 1M output tokens", "cost_per_1m_output_tokens", Figure.COST_PER_1M_OUTPUT_TOKENS, false),
  OUTPUT_TOKENS_PER_SECOND("output tokens/s", "output_tokens_per_s", Figure.OUTPUT_TOKENS_PER_SECOND, false);

  private final String label;
  private final String jsonName;
  private final Figure figure;
  private final boolean points;

  Metric(String label, String jsonName, Figure figure, boolean points) {
    this.label = label;
    this.jsonName = jsonName;
    this.figure = figure;
    this.points = points;
  }

  /** This figure of {@code row}, null when not measured. */
  public Double of(StepRow row) {
    return switch (this) {
      case P95_TTFT -> row.step().ttft().p95();
      case P95_E2E -> row.step().e2e().p95();
      case ERROR_RATE -> row.step().errorRate();
      case COST_PER_1M_OUTPUT_TOKENS -> row.cost().per1mOutputTokens();
      case OUTPUT_TOKENS_PER_SECOND -> row.step().outputTokensPerSecond();
    };
  }

  /** Where tradeoffs.json keeps this figure inside an entry of "steps" (a JSON pointer). */
  public String stepPointer() {
    return figure.stepPointer();
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
