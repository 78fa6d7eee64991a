package rightsize.report.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import rightsize.cost.Money;
import rightsize.report.model.DeploymentSummary;
import rightsize.report.model.Fmt;
import rightsize.report.model.LengthSensitivity;
import rightsize.report.model.LinearFit;
import rightsize.report.model.ServerSide;
import rightsize.report.model.StepRow;
import rightsize.report.model.Tradeoffs;
import rightsize.telemetry.Measure;
import rightsize.telemetry.WindowFigures;

/**
 * The charts of tradeoffs.html: p95 ttft, p95 e2e and output tokens/s against load, cost against
 * p95 ttft (the Pareto view), latency against request length, and, when the server side was read,
 * utilization against load; one colour per deployment.
 */
final class Charts {
  private final Tradeoffs t;
  private final Map<String, Integer> colors = new LinkedHashMap<>();

  private Charts(Tradeoffs t) {
    this.t = t;
    t.deployments().forEach(d -> colors.put(d.deployment(), colors.size()));
  }

  /** The charts as SVG elements, in page order. */
  static List<String> of(Tradeoffs t) {
    return new Charts(t).all().stream().map(SvgChart::render).toList();
  }

  private List<SvgChart> all() {
    List<String> units = t.steps().stream().map(r -> r.unit().label()).distinct().toList();
    String unit = units.size() == 1 ? units.get(0) : units.isEmpty() ? "users" : "users or users/s";
    String load = "load (" + unit + ")";
    List<SvgChart> charts = new ArrayList<>(List.of(
        perStep("chart-ttft", "p95 time to first token vs load (log scale)", load, "p95 ttft (ms)",
            r -> r.step().ttft().p95(), "p95 ttft").limit(t.slo().p95TtftMs(), "SLO").logY(),
        perStep("chart-e2e", "p95 end-to-end latency vs load (log scale)", load, "p95 e2e (ms)",
            r -> r.step().e2e().p95(), "p95 e2e").limit(t.slo().p95E2eMs(), "SLO").logY(),
        perStep("chart-throughput", "Output tokens/s vs load", load, "output tokens/s",
            r -> r.step().outputTokensPerSecond(), "output tokens/s"),
        pareto(),
        length("chart-ttft-input", "ttft vs input length (p50 per bucket, dashed: fitted line)", "input tokens",
            "ttft (ms)", true),
        length("chart-e2e-output", "e2e vs output length (p50 per bucket, dashed: fitted line)", "output tokens",
            "e2e (ms)", false)));
    if (t.serverMonitored()) {
      charts.add(3, perStep("chart-utilization", "Server utilization vs load (mean of the hottest resource)", load,
          "utilization (%)", r -> hottestMean(r.server()), "utilization", r -> hottestText(r.server()))
          .limit(ServerSide.SATURATED_PERCENT, "saturated"));
    }
    return charts;
  }

  /** The mean of the step's hottest utilization, in percent, or null when the server side has none. */
  private static Double hottestMean(WindowFigures f) {
    if (f == null) {
      return null;
    }
    return f.hottest().map(m -> f.figure(m).orElseThrow().mean()).orElse(null);
  }

  private SvgChart perStep(String id, String title, String x, String y, Function<StepRow, Double> value, String what) {
    return perStep(id, title, x, y, value, what, r -> "");
  }

  /** A line per deployment of {@code value} against load; {@code detail} adds to each point's hover text. */
  private SvgChart perStep(String id, String title, String x, String y, Function<StepRow, Double> value, String what,
      Function<StepRow, String> detail) {
    SvgChart chart = new SvgChart(id, title, x, y);
    for (DeploymentSummary d : t.deployments()) {
      List<SvgChart.Point> pts = new ArrayList<>();
      for (StepRow r : d.steps()) {
        Double v = value.apply(r);
        if (v != null) {
          pts.add(new SvgChart.Point(r.step().key().load(), v,
              d.deployment() + " · " + r.loadLabel() + ": " + what + " " + Fmt.rate(v) + detail.apply(r)
                  + switch (r.slo().outcome()) {
                    case MET -> " (SLO met)";
                    case BROKEN -> " (SLO broken: " + r.slo().describe() + ")";
                    case INCONCLUSIVE -> " (SLO " + ReportText.verdict(r.slo()) + ")";
                  },
              mark(r)));
        }
      }
      chart.add(new SvgChart.Series(d.deployment(), colors.get(d.deployment()), pts, true, false, true, true));
    }
    return chart;
  }

  /** Filled when the step met the SLO, a ring when it broke it, a dashed ring when inconclusive. */
  private static SvgChart.Mark mark(StepRow r) {
    return switch (r.slo().outcome()) {
      case MET -> SvgChart.Mark.FILLED;
      case BROKEN -> SvgChart.Mark.HOLLOW;
      case INCONCLUSIVE -> SvgChart.Mark.DASHED;
    };
  }

  /** "% (CPU, peak 100.0%)": what the utilization point is of. */
  private static String hottestText(WindowFigures f) {
    Measure m = f.hottest().orElseThrow();
    return "% (" + m.label() + ", peak " + Fmt.pct(f.figure(m).orElseThrow().peak() / 100) + ")";
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
              + (r.slo().met() ? "" : " (SLO " + r.slo().outcome().wireName() + ")"), mark(r));
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
        pts.add(new SvgChart.Point(r.meanTokens(), r.latency().p50(), deployment + " · " + ReportText.range(r)
            + " tokens: p50 " + Fmt.ms(r.latency().p50()) + " ms, p95 " + Fmt.ms(r.latency().p95()) + " ms ("
            + r.latency().count() + " requests)", SvgChart.Mark.FILLED));
      }
      chart.add(new SvgChart.Series(deployment, color, pts, false, false, true, true));
      // Only a line that means something, only over the lengths observed, never below 0 ms.
      if (fit != null && fit.meaningful()) {
        double lo = fit.minX();
        double hi = fit.maxX();
        double zero = -fit.intercept() / fit.slope();
        if (fit.at(lo) < 0) {
          lo = Math.min(hi, zero);
        }
        if (fit.at(hi) < 0) {
          hi = Math.max(lo, zero);
        }
        if (hi > lo) {
          chart.add(new SvgChart.Series(deployment + " fit", color, List.of(
              new SvgChart.Point(lo, Math.max(0, fit.at(lo)), "", SvgChart.Mark.FILLED),
              new SvgChart.Point(hi, Math.max(0, fit.at(hi)), "", SvgChart.Mark.FILLED)),
              true, true, false, false));
        }
      }
    });
    return chart;
  }
}
