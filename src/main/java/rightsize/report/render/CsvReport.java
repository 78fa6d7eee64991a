package rightsize.report.render;

import java.util.ArrayList;
import java.util.List;
import rightsize.cost.Csv;
import rightsize.report.model.StepRow;
import rightsize.report.model.Tradeoffs;

/** Writes tradeoffs.csv: one row per deployment and step, raw numbers, empty for not measured. */
public final class CsvReport {
  static final List<String> COLUMNS = List.of(
      "run_id", "deployment", "vm_size", "step", "load", "load_unit", "requests", "ok", "ko", "throttled",
      "requests_per_s", "ok_requests_per_s", "output_tokens_per_s",
      "ttft_p50_ms", "ttft_p95_ms", "ttft_p99_ms", "tpot_p50_ms", "tpot_p95_ms",
      "e2e_p50_ms", "e2e_p95_ms", "e2e_p99_ms", "error_pct", "throttled_pct", "slo_met", "slo_breaches",
      "currency", "cost_per_hour", "cost_per_request", "cost_per_1k_requests", "cost_per_1m_output_tokens",
      "cost_per_1m_total_tokens");

  private CsvReport() {}

  public static String render(Tradeoffs t) {
    StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (StepRow r : t.steps()) {
      var s = r.step();
      var c = r.cost();
      List<String> cells = new ArrayList<>(List.of(
          t.runId(), s.key().deployment(), s.key().vmSize(), s.key().step(), num(s.key().load()),
          r.unit().label(), num(s.requests()), num(s.ok()), num(s.ko()), num(s.throttled()),
          num(s.requestsPerSecond()), num(s.okRequestsPerSecond()), num(s.outputTokensPerSecond()),
          num(s.ttft().p50()), num(s.ttft().p95()), num(s.ttft().p99()), num(s.tpot().p50()), num(s.tpot().p95()),
          num(s.e2e().p50()), num(s.e2e().p95()), num(s.e2e().p99()),
          num(s.errorRate() * 100), num(s.throttledRate() * 100), Boolean.toString(r.slo().met()),
          r.slo().met() ? "" : r.slo().describe(),
          c.currency(), num(c.perHour()), num(c.perRequest()), num(c.per1kRequests()), num(c.per1mOutputTokens()),
          num(c.per1mTotalTokens())));
      cells.replaceAll(Csv::quote);
      out.append(String.join(",", cells)).append('\n');
    }
    return out.toString();
  }

  private static String num(Double v) {
    return v == null ? "" : num(v.doubleValue());
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
