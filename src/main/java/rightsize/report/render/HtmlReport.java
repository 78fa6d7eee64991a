package rightsize.report.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import rightsize.cost.Money;
import rightsize.injector.InjectorLoad;
import rightsize.report.model.Comparison;
import rightsize.report.model.CrossCheck;
import rightsize.report.model.DeploymentSummary;
import rightsize.report.model.Figure;
import rightsize.report.model.Fmt;
import rightsize.report.model.LengthSensitivity;
import rightsize.report.model.LinearFit;
import rightsize.report.model.Metric;
import rightsize.report.model.SkippedStep;
import rightsize.report.model.StepRow;
import rightsize.report.model.StepTableRow;
import rightsize.report.model.StepTrust;
import rightsize.report.model.Tradeoffs;
import rightsize.report.model.TrustFlag;

/**
 * Writes tradeoffs.html: one self-contained page (inline CSS and SVG, no script, no external
 * resource) with the recommendation, the tables and the charts, linking to the Gatling reports
 * copied next to it.
 */
public final class HtmlReport {
  static final String STYLE = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#222;max-width:1400px}
      h1{font-size:1.5em;margin-bottom:4px} h2{font-size:1.2em;margin-top:28px;border-bottom:1px solid #ddd}
      .meta{color:#666;font-size:.9em} .partial{background:#fff3cd;border:1px solid #e0b400;padding:8px 12px}
      .note{background:#eef4ff;border:1px solid #9ab;padding:6px 12px;margin:6px 0}
      .recommendation{background:#e9f7ef;border:1px solid #5cb85c;padding:10px 14px;font-size:1.05em}
      table{border-collapse:collapse;font-size:.85em;margin:8px 0} th,td{border:1px solid #ccc;padding:3px 6px}
      th{background:#f3f3f3} td.n{text-align:right;font-variant-numeric:tabular-nums}
      td.untrusted{background:#fff3cd} .trust{background:#fff8e1;border:1px solid #e0b400;padding:6px 12px;margin:6px 0}
      .broken{color:#b00020;font-weight:600} .met{color:#1b7a34} .regression{color:#b00020;font-weight:600}
      .charts{display:flex;flex-wrap:wrap;gap:12px} .chart{border:1px solid #ddd;background:#fff}
      .chart .grid{stroke:#eee} .chart .axis-line{stroke:#888} .chart .axis{font-size:11px;fill:#555}
      .chart .axis-label{font-size:12px;fill:#333} .chart .chart-title{font-size:14px;font-weight:600}
      .chart .legend{font-size:11px}
      """;

  private final StringBuilder out = new StringBuilder();
  private final Tradeoffs t;
  private final Map<String, Integer> colors = new LinkedHashMap<>();

  private HtmlReport(Tradeoffs t) {
    this.t = t;
    t.deployments().forEach(d -> colors.put(d.deployment(), colors.size()));
  }

  public static String render(Tradeoffs t) {
    HtmlReport h = new HtmlReport(t);
    h.page();
    return h.out.toString();
  }

  private void page() {
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>rightsize trade-offs: ").append(Html.esc(t.runId())).append("</title><style>")
        .append(STYLE).append("</style></head><body>\n");
    out.append("<h1>rightsize trade-offs: run ").append(Html.esc(t.runId())).append("</h1>\n");
    out.append("<p class=\"meta\">Targets: ").append(Html.esc(String.join(", ", t.targets())))
        .append(" · workload: ").append(Html.esc(String.join(", ", t.workloads())))
        .append(" · injectors: ").append(t.injectors().size())
        .append(t.startedAt() == null ? "" : " · started " + t.startedAt())
        .append(" · generated ").append(t.generatedAt())
        .append(" · <a href=\"tradeoffs.csv\">csv</a> · <a href=\"tradeoffs.json\">json</a> · <a href=\"tradeoffs.md\">md</a>");
    for (String g : t.gatlingReports()) {
      out.append(" · <a href=\"gatling/").append(Html.esc(g)).append("/index.html\">Gatling report ")
          .append(Html.esc(g)).append("</a>");
    }
    out.append("</p>\n");
    if (t.partial()) {
      out.append("<p class=\"partial\" id=\"partial\"><strong>").append(Html.esc(t.partialNotice())).append("</strong></p>\n");
    }
    t.warnings().forEach(w -> out.append("<p class=\"note\">").append(Html.esc(w)).append("</p>\n"));
    out.append("<p class=\"recommendation\" id=\"recommendation\"><strong>Recommendation:</strong> ")
        .append(Html.esc(t.recommendation())).append("</p>\n");
    out.append("<p class=\"meta\">SLO: ").append(Html.esc(Fmt.slo(t.slo()))).append(". Target load: ")
        .append(Html.esc(t.targetLoad().describe())).append(".</p>\n");
    regressions();
    deployments();
    charts();
    steps();
    injectors();
    comparison();
    lengths();
    gatling();
    out.append("<h2>Inputs</h2><ul>");
    t.inputs().forEach(f -> out.append("<li>").append(Html.esc(f.describe())).append("</li>"));
    t.injectorInputs().forEach(f -> out.append("<li>").append(Html.esc(f.describe())).append("</li>"));
    out.append("<li>warm-up requests left out: ").append(t.warmupRequests()).append("</li></ul>\n");
    out.append("</body></html>\n");
  }

  private void regressions() {
    if (t.comparison() == null) {
      return;
    }
    out.append("<h2>Regressions against baseline ").append(Html.esc(t.comparison().baselineRunId())).append("</h2>\n<ul id=\"regressions\">");
    if (t.regressions().isEmpty()) {
      out.append("<li>None beyond the thresholds.</li>");
    }
    t.regressions().forEach(r -> out.append("<li class=\"regression\">").append(Html.esc(r.describe())).append("</li>"));
    t.comparison().notes().forEach(n -> out.append("<li>").append(Html.esc(n)).append("</li>"));
    out.append("</ul>\n");
  }

  private void deployments() {
    out.append("<h2>Deployments</h2>\n<table id=\"deployments\"><tr><th>deployment</th><th>pricing</th>")
        .append("<th>largest step within SLO</th><th>$/1M output tokens there</th><th>monthly for target</th>")
        .append("<th>utilization</th><th>first SLO break</th><th>dominated</th></tr>\n");
    for (DeploymentSummary d : t.deployments()) {
      String cur = d.pricing().currency();
      out.append("<tr>").append(td(d.deployment())).append(td(d.pricing().describe()))
          .append(td(d.capacity() == null ? "none" : d.capacity().loadLabel()))
          .append(num(d.cheapest() == null ? Fmt.NONE : Fmt.money(d.cheapest().cost().per1mOutputTokens(), cur)))
          .append(num(d.monthly() == null ? Fmt.NONE : Money.format(d.monthly().monthly(), cur)
              + (d.monthly().unitsNeeded() == null ? "" : " (" + d.pricing().units(d.monthly().unitsNeeded()) + ")")))
          .append(num(d.monthly() == null ? Fmt.NONE : Fmt.pct(d.monthly().utilization())))
          .append(d.firstBreak() == null ? td("none")
              : "<td class=\"broken\">" + Html.esc(d.firstBreak().loadLabel() + ": " + d.firstBreak().slo().describe()) + "</td>")
          .append(td(d.dominated() ? "yes, by " + String.join(", ", d.dominatedBy()) : "no"))
          .append("</tr>\n");
    }
    out.append("</table>\n<ul>");
    for (DeploymentSummary d : t.deployments()) {
      out.append("<li><strong>").append(Html.esc(d.deployment())).append("</strong>: ").append(Html.esc(d.recommendation()));
      if (d.breakEven() != null) {
        out.append("<br>Break-even: ").append(Html.esc(d.breakEven().describe(d.pricing()))).append('.');
      } else if (d.breakEvenProblem() != null) {
        out.append("<br>Break-even: not computed (").append(Html.esc(d.breakEvenProblem())).append(").");
      }
      d.pricing().notes().forEach(n -> out.append("<br>Price note: ").append(Html.esc(n)).append('.'));
      out.append("</li>");
    }
    out.append("</ul>\n");
  }

  private void charts() {
    List<String> units = t.steps().stream().map(r -> r.unit().label()).distinct().toList();
    String unit = units.size() == 1 ? units.get(0) : units.isEmpty() ? "users" : "users or users/s";
    out.append("<h2>Charts</h2>\n<div class=\"charts\">\n");
    chart(perStep("chart-ttft", "p95 time to first token vs load (log scale)", "load (" + unit + ")", "p95 ttft (ms)",
        r -> r.step().ttft().p95(), "p95 ttft").limit(t.slo().p95TtftMs(), "SLO").logY());
    chart(perStep("chart-e2e", "p95 end-to-end latency vs load (log scale)", "load (" + unit + ")", "p95 e2e (ms)",
        r -> r.step().e2e().p95(), "p95 e2e").limit(t.slo().p95E2eMs(), "SLO").logY());
    chart(perStep("chart-throughput", "Output tokens/s vs load", "load (" + unit + ")", "output tokens/s",
        r -> r.step().outputTokensPerSecond(), "output tokens/s"));
    chart(pareto());
    chart(length("chart-ttft-input", "ttft vs input length (p50 per bucket, dashed: fitted line)", "input tokens",
        "ttft (ms)", true));
    chart(length("chart-e2e-output", "e2e vs output length (p50 per bucket, dashed: fitted line)", "output tokens",
        "e2e (ms)", false));
    out.append("</div>\n<p class=\"meta\">Hollow points broke the SLO. Hover a point for its values.</p>\n");
  }

  private void chart(SvgChart chart) {
    out.append(chart.render()).append('\n');
  }

  private SvgChart perStep(String id, String title, String x, String y, Function<StepRow, Double> value, String what) {
    SvgChart chart = new SvgChart(id, title, x, y);
    for (DeploymentSummary d : t.deployments()) {
      List<SvgChart.Point> pts = new ArrayList<>();
      for (StepRow r : d.steps()) {
        Double v = value.apply(r);
        if (v != null) {
          pts.add(new SvgChart.Point(r.step().key().load(), v,
              d.deployment() + " · " + r.loadLabel() + ": " + what + " " + Fmt.rate(v)
                  + (r.slo().met() ? " (SLO met)" : " (SLO broken: " + r.slo().describe() + ")"),
              !r.slo().met()));
        }
      }
      chart.add(new SvgChart.Series(d.deployment(), colors.get(d.deployment()), pts, true, false, true, true));
    }
    return chart;
  }

  private SvgChart pareto() {
    String currency = t.deployments().isEmpty() ? "USD" : t.deployments().get(0).pricing().currency();
    SvgChart chart = new SvgChart("chart-pareto", "Cost per 1M output tokens vs p95 ttft (Pareto view, log scale)",
        "cost per 1M output tokens (" + currency + ")", "p95 ttft (ms)").limit(t.slo().p95TtftMs(), "SLO").logY();
    List<SvgChart.Point> frontierCandidates = new ArrayList<>();
    for (DeploymentSummary d : t.deployments()) {
      List<SvgChart.Point> pts = new ArrayList<>();
      for (StepRow r : d.steps()) {
        Double cost = r.cost().per1mOutputTokens();
        Double ttft = r.step().ttft().p95();
        if (cost != null && ttft != null) {
          SvgChart.Point p = new SvgChart.Point(cost, ttft, d.deployment() + " · " + r.loadLabel() + ": "
              + Money.format(cost, r.cost().currency()) + " per 1M output tokens, p95 ttft " + Fmt.ms(ttft) + " ms"
              + (r.slo().met() ? "" : " (SLO broken)"), !r.slo().met());
          pts.add(p);
          if (r.slo().met()) {
            frontierCandidates.add(p);
          }
        }
      }
      chart.add(new SvgChart.Series(d.deployment(), colors.get(d.deployment()), pts, false, false, true, true));
    }
    frontierCandidates.sort(Comparator.comparingDouble(SvgChart.Point::x).thenComparingDouble(SvgChart.Point::y));
    List<SvgChart.Point> frontier = new ArrayList<>();
    for (SvgChart.Point p : frontierCandidates) {
      if (frontier.isEmpty() || p.y() < frontier.get(frontier.size() - 1).y()) {
        frontier.add(p);
      }
    }
    if (frontier.size() > 1) {
      chart.add(new SvgChart.Series("Pareto frontier within SLO", 7, frontier, true, true, false, true));
    }
    return chart;
  }

  private SvgChart length(String id, String title, String x, String y, boolean input) {
    SvgChart chart = new SvgChart(id, title, x, y);
    t.lengths().forEach((deployment, table) -> {
      int color = colors.getOrDefault(deployment, 0);
      List<LengthSensitivity.Row> rows = input ? table.ttftByInput() : table.e2eByOutput();
      LinearFit fit = input ? table.ttftFit() : table.e2eFit();
      List<SvgChart.Point> pts = new ArrayList<>();
      for (LengthSensitivity.Row r : rows) {
        pts.add(new SvgChart.Point(r.meanTokens(), r.latency().p50(), deployment + " · " + MarkdownReport.range(r)
            + " tokens: p50 " + Fmt.ms(r.latency().p50()) + " ms, p95 " + Fmt.ms(r.latency().p95()) + " ms ("
            + r.latency().count() + " requests)", false));
      }
      chart.add(new SvgChart.Series(deployment, color, pts, false, false, true, true));
      if (fit != null && pts.size() > 0) {
        double lo = rows.get(0).meanTokens();
        double hi = rows.get(rows.size() - 1).meanTokens();
        if (hi > lo) {
          chart.add(new SvgChart.Series(deployment + " fit", color, List.of(
              new SvgChart.Point(lo, fit.at(lo), "", false), new SvgChart.Point(hi, fit.at(hi), "", false)),
              true, true, false, false));
        }
      }
    });
    return chart;
  }

  private void steps() {
    out.append("<h2>Trade-offs per step</h2>\n<table id=\"tradeoffs\"><tr><th>deployment</th><th>load</th>")
        .append("<th>req/s</th><th>output tok/s</th><th>ttft p50</th><th>ttft p95</th><th>ttft p99</th>")
        .append("<th>tpot p50</th><th>tpot p95</th><th>e2e p50</th><th>e2e p95</th><th>e2e p99</th>")
        .append("<th>error %</th><th>throttled %</th><th>SLO</th><th>$/h</th><th>$/1k req</th><th>$/1M output tok</th></tr>\n");
    for (StepTableRow entry : t.stepTable()) {
      if (entry instanceof SkippedStep skipped) {
        // One cell over every figure column (req/s to $/1M output tok): it has none, and says why.
        out.append("<tr class=\"skipped\">").append(td(skipped.key().deployment())).append(td(skipped.loadLabel()))
            .append("<td colspan=\"16\" class=\"meta\">").append(Html.esc(skipped.describe())).append("</td></tr>\n");
        continue;
      }
      StepRow r = (StepRow) entry;
      var s = r.step();
      StepTrust tr = r.trust();
      String cur = r.cost().currency();
      out.append("<tr>").append(td(s.key().deployment())).append(td(r.loadLabel()))
          .append(num(Fmt.rate(s.requestsPerSecond())))
          .append(num(tr, Figure.OUTPUT_TOKENS_PER_SECOND, Fmt.rate(s.outputTokensPerSecond())))
          .append(num(tr, Figure.TTFT_P50, Fmt.ms(s.ttft().p50()))).append(num(tr, Figure.TTFT_P95, Fmt.ms(s.ttft().p95())))
          .append(num(tr, Figure.TTFT_P99, Fmt.ms(s.ttft().p99())))
          .append(num(tr, Figure.TPOT_P50, Fmt.ms(s.tpot().p50()))).append(num(tr, Figure.TPOT_P95, Fmt.ms(s.tpot().p95())))
          .append(num(tr, Figure.E2E_P50, Fmt.ms(s.e2e().p50()))).append(num(tr, Figure.E2E_P95, Fmt.ms(s.e2e().p95())))
          .append(num(tr, Figure.E2E_P99, Fmt.ms(s.e2e().p99())))
          .append(num(Fmt.pct(s.errorRate()))).append(num(Fmt.pct(s.throttledRate())))
          .append("<td class=\"").append(r.slo().met() ? "met" : "broken")
          .append(tr.sloMarkers().isEmpty() ? "\">" : " untrusted\" title=\"" + Html.esc(tr.sloNotes()) + "\">")
          .append(Html.esc((r.slo().met() ? "met" : r.slo().describe()) + tr.sloMarkers())).append("</td>")
          .append(num(tr, Figure.COST_PER_HOUR, Fmt.money(r.cost().perHour(), cur)))
          .append(num(tr, Figure.COST_PER_1K_REQUESTS, Fmt.money(r.cost().per1kRequests(), cur)))
          .append(num(tr, Figure.COST_PER_1M_OUTPUT_TOKENS, Fmt.money(r.cost().per1mOutputTokens(), cur))).append("</tr>\n");
    }
    out.append("</table>\n<p class=\"meta\">Latencies in ms over every successful request of the step; ")
        .append("error % includes throttled (429) requests.")
        .append(t.skippedSteps().isEmpty() ? "" : " " + Html.esc(MarkdownReport.SKIPPED_NOTE)).append("</p>\n");
    if (!t.untrustedSteps().isEmpty()) {
      out.append("<div class=\"trust\" id=\"trust\"><p><strong>Figures not to be trusted</strong> (")
          .append(Html.esc(MarkdownReport.trustLegend(t))).append("):</p><ul>");
      for (StepRow r : t.untrustedSteps()) {
        r.trust().flags().forEach(f -> out.append("<li>").append(Html.esc(MarkdownReport.trustNote(r, f))).append("</li>"));
      }
      out.append("</ul></div>\n");
    }
  }

  private void injectors() {
    if (!t.injectorMonitored()) {
      return;
    }
    out.append("<h2>Load generator</h2>\n<p class=\"meta\">").append(Html.esc(MarkdownReport.injectorIntro(t)))
        .append("</p>\n<table id=\"injector\"><tr><th>deployment</th><th>load</th><th>seconds sampled</th>")
        .append("<th>worst stall ms</th><th>worst stall at</th><th>JVM CPU peak</th><th>machine CPU peak</th><th></th></tr>\n");
    for (StepRow r : t.steps()) {
      InjectorLoad l = r.trust().injector();
      out.append("<tr>").append(td(r.key().deployment())).append(td(r.loadLabel()));
      if (l == null) {
        out.append(num("0")).append(num(Fmt.NONE)).append(td(Fmt.NONE)).append(num(Fmt.NONE)).append(num(Fmt.NONE))
            .append(td("not sampled")).append("</tr>\n");
        continue;
      }
      boolean overloaded = r.trust().flags().stream().anyMatch(f -> f.check() == TrustFlag.Check.INJECTOR_OVERLOAD);
      out.append(num(Integer.toString(l.seconds()))).append(num(Fmt.ms(l.worstStallMs())))
          .append(td(l.worstStallInjector() + " at " + l.worstStallAt()))
          .append(num(Fmt.pct(l.peakProcessCpu()))).append(num(Fmt.pct(l.peakMachineCpu())))
          .append(overloaded ? "<td class=\"broken\">overloaded " + TrustFlag.Check.INJECTOR_OVERLOAD.marker() + "</td>"
              : "<td class=\"met\">ok</td>")
          .append("</tr>\n");
    }
    out.append("</table>\n");
  }

  private void comparison() {
    Comparison c = t.comparison();
    if (c == null || c.deltas().isEmpty()) {
      return;
    }
    out.append("<h2>Changes against baseline ").append(Html.esc(c.baselineRunId())).append("</h2>\n")
        .append("<table id=\"deltas\"><tr><th>deployment</th><th>step</th><th>p95 ttft</th><th>p95 e2e</th>")
        .append("<th>error rate</th><th>$/1M output tok</th><th>output tok/s</th></tr>\n");
    for (Comparison.StepDelta d : c.deltas()) {
      out.append("<tr>").append(td(d.deployment())).append(td(d.step()));
      for (Metric m : List.of(Metric.P95_TTFT, Metric.P95_E2E, Metric.ERROR_RATE,
          Metric.COST_PER_1M_OUTPUT_TOKENS, Metric.OUTPUT_TOKENS_PER_SECOND)) {
        boolean regressed = t.regressions().stream().anyMatch(r -> r.metric() == m
            && r.deployment().equals(d.deployment()) && r.step().equals(d.step()));
        out.append(regressed ? "<td class=\"n regression\">" : "<td class=\"n\">")
            .append(Html.esc(MarkdownReport.change(d, m))).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  private void lengths() {
    if (t.lengths().isEmpty()) {
      return;
    }
    out.append("<h2>Length sensitivity</h2>\n<p class=\"meta\">Successful requests of the steps named per ")
        .append("deployment; fitted lines are least squares over every such request.</p>\n");
    t.lengths().forEach((deployment, table) -> {
      out.append("<h3>").append(Html.esc(deployment)).append("</h3><ul><li>Pooled: ").append(Html.esc(table.basis()))
          .append(".</li><li>")
          .append(Html.esc(MarkdownReport.fitSentence("ttft", "input", table.ttftFit()))).append("</li><li>")
          .append(Html.esc(MarkdownReport.fitSentence("e2e", "output", table.e2eFit()))).append("</li></ul>")
          .append("<table class=\"lengths\"><tr><th>input tokens</th><th>requests</th><th>ttft p50</th><th>ttft p95</th>")
          .append("<th>output tokens</th><th>requests</th><th>e2e p50</th><th>e2e p95</th></tr>\n");
      int n = Math.max(table.ttftByInput().size(), table.e2eByOutput().size());
      for (int i = 0; i < n; i++) {
        out.append("<tr>");
        bucket(i < table.ttftByInput().size() ? table.ttftByInput().get(i) : null);
        bucket(i < table.e2eByOutput().size() ? table.e2eByOutput().get(i) : null);
        out.append("</tr>\n");
      }
      out.append("</table>\n");
    });
  }

  private void bucket(LengthSensitivity.Row r) {
    if (r == null) {
      out.append("<td></td><td></td><td></td><td></td>");
      return;
    }
    out.append(td(MarkdownReport.range(r))).append(num(Fmt.count(r.latency().count())))
        .append(num(Fmt.ms(r.latency().p50()))).append(num(Fmt.ms(r.latency().p95())));
  }

  private void gatling() {
    out.append("<h2>Cross-check with Gatling's report</h2>\n");
    CrossCheck c = t.gatling();
    if (c == null) {
      out.append("<p id=\"gatling-check\">No Gatling report was found for this run: counts and percentiles are not cross-checked.</p>\n");
      return;
    }
    out.append("<p id=\"gatling-check\" class=\"").append(c.agree() ? "met" : "broken").append("\">")
        .append(c.agree() ? "The records agree with Gatling's report." : "The records disagree with Gatling's report.")
        .append("</p><ul>");
    c.problems().forEach(p -> out.append("<li class=\"broken\">").append(Html.esc(p)).append("</li>"));
    out.append("</ul><table id=\"gatling\"><tr><th>request</th><th>records total / OK / KO</th>")
        .append("<th>Gatling total / OK / KO</th><th>Gatling percentiles (records range), ms</th><th>agree</th></tr>\n");
    for (CrossCheck.NameCheck r : c.rows()) {
      out.append("<tr>").append(td(r.name()))
          .append(td(r.recordsTotal() + " / " + r.recordsOk() + " / " + r.recordsKo()))
          .append(td(r.gatlingTotal() + " / " + r.gatlingOk() + " / " + r.gatlingKo()))
          .append(td(MarkdownReport.percentiles(r)))
          .append(r.agree() ? "<td class=\"met\">yes</td>" : "<td class=\"broken\">no</td>").append("</tr>\n");
    }
    out.append("</table>\n");
  }

  private static String td(String s) {
    return "<td>" + Html.esc(s) + "</td>";
  }

  private static String num(String s) {
    return "<td class=\"n\">" + Html.esc(s) + "</td>";
  }

  /** A figure cell; when a flag concerns the figure, marked, highlighted and with the reasons on hover. */
  private static String num(StepTrust trust, Figure figure, String value) {
    String marked = MarkdownReport.mark(trust, figure, value);
    if (marked.equals(value)) {
      return num(value);
    }
    return "<td class=\"n untrusted\" title=\"" + Html.esc(trust.notes(figure)) + "\">" + Html.esc(marked) + "</td>";
  }
}
