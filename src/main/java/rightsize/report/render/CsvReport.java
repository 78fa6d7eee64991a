package rightsize.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import rightsize.analysis.ConfidenceIntervals;
import rightsize.analysis.Interval;
import rightsize.cost.Csv;
import rightsize.report.model.StepRow;
import rightsize.report.model.Tradeoffs;

/**
 * Writes tradeoffs.csv: one row per deployment and step, raw numbers, empty for not measured. The
 * columns added with the three-way verdicts (verdict, trust, the 95% intervals) come last, so that
 * scripts reading columns by position keep working.
 */
public final class CsvReport {
  static final List<String> COLUMNS = List.of(
      "run_id", "deployment", "vm_size", "step", "load", "load_unit", "requests", "ok", "ko", "throttled",
      "requests_per_s", "ok_requests_per_s", "output_tokens_per_s",
      "ttft_p50_ms", "ttft_p95_ms", "ttft_p99_ms", "tpot_p50_ms", "tpot_p95_ms",
      "e2e_p50_ms", "e2e_p95_ms", "e2e_p99_ms", "error_pct", "throttled_pct", "slo_met", "slo_breaches",
      "currency", "cost_per_hour", "cost_per_request", "cost_per_1k_requests", "cost_per_1m_output_tokens",
      "cost_per_1m_total_tokens", "slo_verdict", "trust", "trust_checks",
      "ttft_p50_ci_low_ms", "ttft_p50_ci_high_ms", "ttft_p95_ci_low_ms", "ttft_p95_ci_high_ms",
      "ttft_p99_ci_low_ms", "ttft_p99_ci_high_ms", "tpot_p50_ci_low_ms", "tpot_p50_ci_high_ms",
      "tpot_p95_ci_low_ms", "tpot_p95_ci_high_ms", "e2e_p50_ci_low_ms", "e2e_p50_ci_high_ms",
      "e2e_p95_ci_low_ms", "e2e_p95_ci_high_ms", "e2e_p99_ci_low_ms", "e2e_p99_ci_high_ms",
      "error_pct_ci_low", "error_pct_ci_high");

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
          num(c.per1mTotalTokens()), r.slo().outcome().wireName(), trust(t, r),
          r.trust().flags().stream().map(f -> f.check().jsonName()).distinct().collect(Collectors.joining(";"))));
      for (Interval ci : List.of(s.ttft().p50Ci(), s.ttft().p95Ci(), s.ttft().p99Ci(), s.tpot().p50Ci(),
          s.tpot().p95Ci(), s.e2e().p50Ci(), s.e2e().p95Ci(), s.e2e().p99Ci())) {
        cells.add(num(ci.low()));
        cells.add(num(ci.high()));
      }
      Interval errors = ConfidenceIntervals.share(s.ko(), s.requests());
      cells.add(errors.low() == null ? "" : num(errors.low() * 100));
      cells.add(errors.high() == null ? "" : num(errors.high() * 100));
      cells.replaceAll(Csv::quote);
      out.append(String.join(",", cells)).append('\n');
    }
    return out.toString();
  }

  /** "trusted", "untrusted", or "untrusted_conclusion" when a verdict or recommendation rests on the figures in doubt. */
  private static String trust(Tradeoffs t, StepRow r) {
    return r.trust().trusted() ? "trusted" : t.changesConclusion(r) ? "untrusted_conclusion" : "untrusted";
  }

  private static String num(Double v) {
    return v == null ? "" : num(v.doubleValue());
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
