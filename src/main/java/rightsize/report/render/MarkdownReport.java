package rightsize.report.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import rightsize.report.model.TrustThresholds;

/** Writes tradeoffs.md: GitHub-flavoured markdown, ready to append to a CI job summary. */
public final class MarkdownReport {
  /** Under the step table when steps were skipped: why they have no figures. */
  public static final String SKIPPED_NOTE = "Skipped steps were planned but not run: the capacity search stops a"
      + " deployment after its first step that clearly broke the SLO (capacity.json), so they have no figures.";

  private final StringBuilder out = new StringBuilder();

  private MarkdownReport() {}

  public static String render(Tradeoffs t) {
    MarkdownReport md = new MarkdownReport();
    md.all(t);
    return md.out.toString();
  }

  private void all(Tradeoffs t) {
    line("# rightsize trade-offs: run " + esc(t.runId()));
    line("");
    line("Targets: " + esc(String.join(", ", t.targets())) + " · workload: " + esc(String.join(", ", t.workloads()))
        + " · injectors: " + t.injectors().size()
        + (t.startedAt() == null ? "" : " · started " + t.startedAt()));
    line("");
    if (t.partial()) {
      line("> **Warning:** " + esc(t.partialNotice()));
      line("");
    }
    for (String w : t.warnings()) {
      line("> **Note:** " + esc(w));
      line("");
    }
    line("**Recommendation:** " + esc(t.recommendation()));
    line("");
    line("SLO: " + Fmt.slo(t.slo()) + ". Target load: " + t.targetLoad().describe() + ".");
    line("");
    regressions(t);
    deployments(t);
    steps(t);
    injectors(t);
    comparison(t);
    lengths(t);
    gatling(t);
    inputs(t);
  }

  private void regressions(Tradeoffs t) {
    if (t.comparison() == null) {
      return;
    }
    line("## Regressions against baseline " + esc(t.comparison().baselineRunId()));
    line("");
    if (t.regressions().isEmpty()) {
      line("None beyond the thresholds.");
    }
    t.regressions().forEach(r -> line("- **" + esc(r.describe()) + "**"));
    t.comparison().notes().forEach(n -> line("- " + esc(n)));
    line("");
  }

  private void deployments(Tradeoffs t) {
    line("## Deployments");
    line("");
    line("| deployment | pricing | largest step within SLO | $/1M output tokens there | monthly for target | utilization | first SLO break | dominated |");
    line("|---|---|---|---:|---:|---:|---|---|");
    for (DeploymentSummary d : t.deployments()) {
      String cur = d.pricing().currency();
      line(row(
          d.deployment(),
          d.pricing().describe(),
          d.capacity() == null ? "none" : d.capacity().loadLabel(),
          d.cheapest() == null ? Fmt.NONE : Fmt.money(d.cheapest().cost().per1mOutputTokens(), cur),
          d.monthly() == null ? Fmt.NONE : Money.format(d.monthly().monthly(), cur)
              + (d.monthly().unitsNeeded() == null ? "" : " (" + d.pricing().units(d.monthly().unitsNeeded()) + ")"),
          d.monthly() == null ? Fmt.NONE : Fmt.pct(d.monthly().utilization()),
          d.firstBreak() == null ? "none" : d.firstBreak().loadLabel() + ": " + d.firstBreak().slo().describe(),
          d.dominated() ? "yes, by " + String.join(", ", d.dominatedBy()) : "no"));
    }
    line("");
    for (DeploymentSummary d : t.deployments()) {
      line("- **" + esc(d.deployment()) + "**: " + esc(d.recommendation()));
      if (d.breakEven() != null) {
        line("  Break-even: " + esc(d.breakEven().describe(d.pricing())) + ".");
      } else if (d.breakEvenProblem() != null) {
        line("  Break-even: not computed (" + esc(d.breakEvenProblem()) + ").");
      }
      d.pricing().notes().forEach(n -> line("  Price note: " + esc(n) + "."));
    }
    line("");
  }

  private void steps(Tradeoffs t) {
    line("## Trade-offs per step");
    line("");
    line("| deployment | load | req/s | output tok/s | ttft p50 | ttft p95 | ttft p99 | tpot p50 | tpot p95 | e2e p50 | e2e p95 | e2e p99 | error % | throttled % | SLO | $/h | $/1k req | $/1M output tok |");
    line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
    for (StepTableRow entry : t.stepTable()) {
      if (entry instanceof SkippedStep skipped) {
        // No figure (12 columns from req/s to throttled %, 3 of cost); the SLO column says why.
        List<String> cells = new ArrayList<>(List.of(skipped.key().deployment(), skipped.loadLabel()));
        cells.addAll(Collections.nCopies(12, Fmt.NONE));
        cells.add(skipped.describe());
        cells.addAll(Collections.nCopies(3, Fmt.NONE));
        line(row(cells.toArray(String[]::new)));
        continue;
      }
      StepRow r = (StepRow) entry;
      var s = r.step();
      StepTrust tr = r.trust();
      String cur = r.cost().currency();
      line(row(
          s.key().deployment(), r.loadLabel(), Fmt.rate(s.requestsPerSecond()),
          mark(tr, Figure.OUTPUT_TOKENS_PER_SECOND, Fmt.rate(s.outputTokensPerSecond())),
          mark(tr, Figure.TTFT_P50, Fmt.ms(s.ttft().p50())), mark(tr, Figure.TTFT_P95, Fmt.ms(s.ttft().p95())),
          mark(tr, Figure.TTFT_P99, Fmt.ms(s.ttft().p99())),
          mark(tr, Figure.TPOT_P50, Fmt.ms(s.tpot().p50())), mark(tr, Figure.TPOT_P95, Fmt.ms(s.tpot().p95())),
          mark(tr, Figure.E2E_P50, Fmt.ms(s.e2e().p50())), mark(tr, Figure.E2E_P95, Fmt.ms(s.e2e().p95())),
          mark(tr, Figure.E2E_P99, Fmt.ms(s.e2e().p99())),
          Fmt.pct(s.errorRate()), Fmt.pct(s.throttledRate()),
          (r.slo().met() ? "met" : "**broken**: " + r.slo().describe()) + tr.sloMarkers(),
          mark(tr, Figure.COST_PER_HOUR, Fmt.money(r.cost().perHour(), cur)),
          mark(tr, Figure.COST_PER_1K_REQUESTS, Fmt.money(r.cost().per1kRequests(), cur)),
          mark(tr, Figure.COST_PER_1M_OUTPUT_TOKENS, Fmt.money(r.cost().per1mOutputTokens(), cur))));
    }
    line("");
    line("Latencies in ms over every successful request of the step; error % includes throttled (429) requests.");
    if (!t.skippedSteps().isEmpty()) {
      line(SKIPPED_NOTE);
    }
    line("");
    trustNotes(t);
  }

  /** Under the table, when some figure cannot be trusted: what the markers mean, then one line per step and reason. */
  private void trustNotes(Tradeoffs t) {
    if (t.untrustedSteps().isEmpty()) {
      return;
    }
    line("**Figures not to be trusted** (" + trustLegend(t) + "):");
    line("");
    for (StepRow r : t.untrustedSteps()) {
      r.trust().flags().forEach(f -> line("- " + esc(trustNote(r, f))));
    }
    line("");
  }

  /** "marked † too few successful requests for the percentile, ‡ token counts ...": the markers the table uses. */
  static String trustLegend(Tradeoffs t) {
    Map<String, String> legend = new LinkedHashMap<>();
    for (TrustFlag.Check c : TrustFlag.Check.values()) {
      if (t.untrustedSteps().stream().anyMatch(r -> r.trust().flags().stream().anyMatch(f -> f.check() == c))) {
        legend.putIfAbsent(c.marker(), c.marker() + " " + c.meaning());
      }
    }
    return "marked " + String.join(", ", legend.values());
  }

  /** "Standard_F2s_v2 · 1 user: † ttft, tpot and e2e p95 and p99 from 3 successful requests ...". */
  static String trustNote(StepRow r, TrustFlag f) {
    return r.key().deployment() + " · " + r.loadLabel() + ": " + f.check().marker() + " " + f.note();
  }

  /** {@code value} followed by the markers of the flags concerning {@code figure}; a missing figure ("–") is not marked. */
  static String mark(StepTrust trust, Figure figure, String value) {
    return value.equals(Fmt.NONE) ? value : value + trust.markers(figure);
  }

  private void injectors(Tradeoffs t) {
    if (!t.injectorMonitored()) {
      return;
    }
    line("## Load generator");
    line("");
    line(esc(injectorIntro(t)));
    line("");
    line("| deployment | load | seconds sampled | worst stall ms | worst stall at | JVM CPU peak | machine CPU peak | |");
    line("|---|---|---:|---:|---|---:|---:|---|");
    for (StepRow r : t.steps()) {
      InjectorLoad l = r.trust().injector();
      if (l == null) {
        line(row(r.key().deployment(), r.loadLabel(), "0", Fmt.NONE, Fmt.NONE, Fmt.NONE, Fmt.NONE, "not sampled"));
        continue;
      }
      boolean overloaded = r.trust().flags().stream().anyMatch(f -> f.check() == TrustFlag.Check.INJECTOR_OVERLOAD);
      line(row(r.key().deployment(), r.loadLabel(), Integer.toString(l.seconds()), Fmt.ms(l.worstStallMs()),
          l.worstStallInjector() + " at " + l.worstStallAt(), Fmt.pct(l.peakProcessCpu()), Fmt.pct(l.peakMachineCpu()),
          overloaded ? "**overloaded** " + TrustFlag.Check.INJECTOR_OVERLOAD.marker() : "ok"));
    }
    line("");
  }

  /** What the load generator table shows and when a step is flagged. */
  static String injectorIntro(Tradeoffs t) {
    TrustThresholds th = t.trustThresholds();
    return "Per step, from its first request's start to its last one's end (injector files): the worst stall, how much"
        + " later than asked a thread sleeping 1 ms at a time woke (a GC pause or a starved CPU delays every thread, those"
        + " timing responses too), and the peak CPU of a second. A step is flagged above a " + Fmt.ms(th.maxInjectorStallMs()) + " ms stall or " + Fmt.pct(th.maxInjectorCpu())
        + " machine CPU: latencies may then include client-side delay.";
  }

  private void comparison(Tradeoffs t) {
    Comparison c = t.comparison();
    if (c == null || c.deltas().isEmpty()) {
      return;
    }
    line("## Changes against baseline " + esc(c.baselineRunId()));
    line("");
    line("| deployment | step | p95 ttft | p95 e2e | error rate | $/1M output tok | output tok/s |");
    line("|---|---|---:|---:|---:|---:|---:|");
    for (Comparison.StepDelta d : c.deltas()) {
      line(row(d.deployment(), d.step(), change(d, Metric.P95_TTFT), change(d, Metric.P95_E2E),
          change(d, Metric.ERROR_RATE), change(d, Metric.COST_PER_1M_OUTPUT_TOKENS),
          change(d, Metric.OUTPUT_TOKENS_PER_SECOND)));
    }
    line("");
  }

  public static String change(Comparison.StepDelta d, Metric m) {
    Double c = d.change(m);
    return c == null ? Fmt.NONE : m.formatChange(c);
  }

  private void lengths(Tradeoffs t) {
    if (t.lengths().isEmpty()) {
      return;
    }
    line("## Length sensitivity");
    line("");
    line("Successful requests of the steps named per deployment. Fitted lines are least squares over every such request.");
    line("");
    t.lengths().forEach((deployment, table) -> {
      line("### " + esc(deployment));
      line("");
      line("Pooled: " + esc(table.basis()) + ".");
      line("");
      line("- " + fitSentence("ttft", "input", table.ttftFit()));
      line("- " + fitSentence("e2e", "output", table.e2eFit()));
      line("");
      line("| input tokens | requests | ttft p50 | ttft p95 | | output tokens | requests | e2e p50 | e2e p95 |");
      line("|---|---:|---:|---:|---|---|---:|---:|---:|");
      int n = Math.max(table.ttftByInput().size(), table.e2eByOutput().size());
      for (int i = 0; i < n; i++) {
        LengthSensitivity.Row in = i < table.ttftByInput().size() ? table.ttftByInput().get(i) : null;
        LengthSensitivity.Row o = i < table.e2eByOutput().size() ? table.e2eByOutput().get(i) : null;
        line(row(range(in), in == null ? "" : Fmt.count(in.latency().count()),
            in == null ? "" : Fmt.ms(in.latency().p50()), in == null ? "" : Fmt.ms(in.latency().p95()), "",
            range(o), o == null ? "" : Fmt.count(o.latency().count()),
            o == null ? "" : Fmt.ms(o.latency().p50()), o == null ? "" : Fmt.ms(o.latency().p95())));
      }
      line("");
    });
  }

  public static String fitSentence(String metric, String tokens, LinearFit f) {
    if (f == null) {
      return metric + " vs " + tokens + " tokens: not enough distinct lengths to fit a line";
    }
    return String.format(Locale.ROOT, "%s ≈ %.1f ms %s %.3f ms × %s tokens (r² %.2f, %,d requests)",
        metric, f.intercept(), f.slope() < 0 ? "−" : "+", Math.abs(f.slope()), tokens, f.r2(), f.n());
  }

  static String range(LengthSensitivity.Row r) {
    if (r == null) {
      return "";
    }
    return r.toTokens() == null ? r.fromTokens() + "+" : r.fromTokens() + "–" + (r.toTokens() - 1);
  }

  private void gatling(Tradeoffs t) {
    line("## Cross-check with Gatling's report");
    line("");
    CrossCheck c = t.gatling();
    if (c == null) {
      line("No Gatling report was found for this run: counts and percentiles are not cross-checked.");
      line("");
      return;
    }
    line(c.agree() ? "The records agree with Gatling's report (" + String.join(", ", t.gatlingReports()) + ")."
        : "**The records disagree with Gatling's report** (" + String.join(", ", t.gatlingReports()) + "):");
    c.problems().forEach(p -> line("- " + esc(p)));
    line("");
    line("| request | records total / OK / KO | Gatling total / OK / KO | percentiles (Gatling ms vs records range) | agree |");
    line("|---|---|---|---|---|");
    for (CrossCheck.NameCheck r : c.rows()) {
      line(row(r.name(), r.recordsTotal() + " / " + r.recordsOk() + " / " + r.recordsKo(),
          r.gatlingTotal() + " / " + r.gatlingOk() + " / " + r.gatlingKo(), percentiles(r),
          r.agree() ? "yes" : "**no**"));
    }
    line("");
  }

  private void inputs(Tradeoffs t) {
    line("## Inputs");
    line("");
    t.inputs().forEach(f -> line("- " + esc(f.describe())));
    t.injectorInputs().forEach(f -> line("- " + esc(f.describe())));
    line("- warm-up requests left out: " + t.warmupRequests());
    line("");
  }

  /** The percentiles compared, for a table cell: each one for a single row, else a count per row. */
  static String percentiles(CrossCheck.NameCheck r) {
    long paths = r.percentiles().stream().map(CrossCheck.PercentileCheck::path).distinct().count();
    if (paths <= 1) {
      StringBuilder out = new StringBuilder();
      for (CrossCheck.PercentileCheck p : r.percentiles()) {
        out.append(p.percentile() == 100 ? "max" : "p" + number(p.percentile())).append(' ')
            .append(Fmt.ms(p.gatlingMs())).append(" (").append(Fmt.ms(p.recordsLowMs())).append('–')
            .append(Fmt.ms(p.recordsHighMs())).append(") ");
      }
      return out.toString().strip();
    }
    long outside = r.percentiles().stream().filter(p -> !p.agree()).count();
    return r.percentiles().size() + " percentiles of " + paths + " per-step rows: "
        + (outside == 0 ? "all within the records' ranges" : outside + " outside the records' ranges");
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String row(String... cells) {
    StringBuilder b = new StringBuilder("|");
    for (String c : cells) {
      b.append(' ').append(esc(c)).append(" |");
    }
    return b.toString();
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
