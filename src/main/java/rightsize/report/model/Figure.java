package rightsize.report.model;

/** A figure of a step, named as in the table and in tradeoffs.json. */
public enum Figure {
  TTFT_P50("ttft p50", "/ttft_ms/p50"),
  TTFT_P95("ttft p95", "/ttft_ms/p95"),
  TTFT_P99("ttft p99", "/ttft_ms/p99"),
  TPOT_P50("tpot p50", "/tpot_ms/p50"),
  TPOT_P95("tpot p95", "/tpot_ms/p95"),
  TPOT_P99("tpot p99", "/tpot_ms/p99"),
  E2E_P50("e2e p50", "/e2e_ms/p50"),
  E2E_P95("e2e p95", "/e2e_ms/p95"),
  E2E_P99("e2e p99", "/e2e_ms/p99"),
  OUTPUT_TOKENS_PER_SECOND("output tok/s", "/output_tokens_per_s"),
  TOTAL_TOKENS_PER_SECOND("total tok/s", "/total_tokens_per_s"),
  ERROR_RATE("error %", "/error_rate"),
  COST_PER_HOUR("$/h", "/cost/per_hour"),
  COST_PER_REQUEST("$/request", "/cost/per_request"),
  COST_PER_1K_REQUESTS("$/1k req", "/cost/per_1k_requests"),
  COST_PER_1M_OUTPUT_TOKENS("$/1M output tok", "/cost/per_1m_output_tokens"),
  COST_PER_1M_TOTAL_TOKENS("$/1M total tok", "/cost/per_1m_total_tokens");

  private final String label;
  private final String stepPointer;

  Figure(String label, String stepPointer) {
    this.label = label;
    this.stepPointer = stepPointer;
  }

  /** As the table's header names it, e.g. "ttft p95". */
  public String label() {
    return label;
  }

  /** Where tradeoffs.json keeps this figure inside an entry of "steps" (a JSON pointer). */
  public String stepPointer() {
    return stepPointer;
  }
}
