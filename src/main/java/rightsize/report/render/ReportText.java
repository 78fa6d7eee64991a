package rightsize.report.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rightsize.analysis.ConfidenceIntervals;
import rightsize.analysis.Interval;
import rightsize.analysis.SloVerdict;
import rightsize.analysis.StepSummary;
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
import rightsize.report.model.ServerSide;
import rightsize.report.model.StepRow;
import rightsize.report.model.StepTrust;
import rightsize.report.model.Tradeoffs;
import rightsize.report.model.TrustFlag;
import rightsize.report.model.TrustNote;
import rightsize.telemetry.Measure;
import rightsize.telemetry.WindowFigures;

/**
 * The words tradeoffs.md and tradeoffs.html share: headings, column names, sentences and the text
 * of every table cell. Each format lays them out its own way; neither words anything itself.
 */
final class ReportText {
  static final String REGRESSIONS = "Regressions against baseline ";
  static final String DEPLOYMENTS = "Deployments";
  static final String STEPS = "Trade-offs per step";
  static final String LOAD_GENERATOR = "Load generator";
  static final String SERVER_SIDE = "Server side";
  static final String REASONING = "Reasoning";
  static final String CHANGES = "Changes against baseline ";
  static final String LENGTHS = "Length sensitivity";
  static final String GATLING = "Cross-check with Gatling's report";
  static final String INPUTS = "Inputs";
  static final String RECOMMENDATION = "Recommendation:";
  static final String UNTRUSTED = "Figures not to be trusted";

  static final List<String> DEPLOYMENT_COLUMNS = List.of("deployment", "pricing", "largest step within SLO",
      "$/1M output tokens there", "monthly for target", "utilization", "first SLO break", "dominated");
  static final List<String> STEP_COLUMNS = List.of("deployment", "load", "req/s", "output tok/s", "ttft p50",
      "ttft p95", "ttft p99", "tpot p50", "tpot p95", "e2e p50", "e2e p95", "e2e p99", "error %", "throttled %",
      "SLO", "$/h", "$/1k req", "$/1M output tok");
  /** The load generator table of a run older than the event loops' lag (its injector files have none). */
  static final List<String> OLDER_INJECTOR_COLUMNS = List.of("deployment", "load", "seconds sampled", "worst stall ms",
      "worst stall at", "JVM CPU peak", "machine CPU peak", "");
  static final List<String> INJECTOR_COLUMNS = List.of("deployment", "load", "seconds sampled",
      "client loop lag p99 ms", "client loop lag worst ms", "Gatling loop lag p99 ms", "GC pauses ms",
      "JIT compiling ms", "JVM CPU peak, cores", "machine CPU peak", "sleeping thread worst stall ms", "");
  static final List<String> REASONING_COLUMNS = List.of("deployment", "load", "answers that reasoned",
      "reasoning tokens (mean)", "first reasoning token p50", "first reasoning token p95", "reasoning duration p50",
      "reasoning duration p95");
  /** Above the reasoning table: what its figures are, and why ttft and tpot read differently for reasoning models. */
  static final String REASONING_INTRO = "A reasoning model thinks before it answers: the first reasoning token says"
      + " when it started (ms), the reasoning duration how long it thought until its first visible token, which"
      + " ttft measures, so ttft includes the thinking and tpot counts the visible tokens only; a model that does"
      + " not stream its reasoning (o-series on Azure) shows only its reasoning tokens, its thinking inside ttft.";
  static final List<String> SERVER_COLUMNS = List.of("deployment", "load", "grains", "hottest", "utilization peak",
      "utilization mean", "service latency ms", "server tok/s", "instances");
  static final List<String> CHANGE_COLUMNS = List.of("deployment", "step", "p95 ttft", "p95 e2e", "error rate",
      "$/1M output tok", "output tok/s");
  static final List<Metric> CHANGE_METRICS = List.of(Metric.P95_TTFT, Metric.P95_E2E, Metric.ERROR_RATE,
      Metric.COST_PER_1M_OUTPUT_TOKENS, Metric.OUTPUT_TOKENS_PER_SECOND);
  static final List<String> INPUT_LENGTH_COLUMNS = List.of("input tokens", "requests", "ttft p50", "ttft p95");
  static final List<String> OUTPUT_LENGTH_COLUMNS = List.of("output tokens", "requests", "e2e p50", "e2e p95");
  static final List<String> GATLING_COLUMNS = List.of("request", "records total / OK / KO",
      "Gatling total / OK / KO", "percentiles (Gatling ms vs records range)", "agree");

  static final String NO_REGRESSION = "None beyond the thresholds.";
  static final String LATENCIES = "Latencies in ms over every successful request of the step; error % includes"
      + " throttled (429) requests.";
  /** Under the step table when steps were skipped: why they have no figures. */
  static final String SKIPPED = "Skipped steps were planned but not run: the capacity search stops a"
      + " deployment after its first step that clearly broke the SLO (capacity.json), so they have no figures.";
  static final String LENGTHS_BASIS = "Successful requests of the steps named per deployment. Fitted lines are"
      + " least squares over every such request.";
  static final String NO_GATLING = "No Gatling report was found for this run: counts and percentiles are not"
      + " cross-checked.";
  static final String GATLING_AGREES = "The records agree with Gatling's report";
  static final String GATLING_DISAGREES = "The records disagree with Gatling's report";

  private ReportText() {}

  /** "rightsize trade-offs: run night-2". */
  static String title(Tradeoffs t) {
    return "rightsize trade-offs: run " + t.runId();
  }

  /** "Targets: emulator · workload: chat · injectors: 1 · started 2026-11-18T11:06:55Z". */
  static String runLine(Tradeoffs t) {
    return "Targets: " + String.join(", ", t.targets()) + " · workload: " + String.join(", ", t.workloads())
        + " · injectors: " + t.injectors().size() + (t.startedAt() == null ? "" : " · started " + t.startedAt());
  }

  /** "SLO: p95 ttft ≤ 2,000 ms, .... Target load: 100 concurrent users.". */
  static String sloLine(Tradeoffs t) {
    return "SLO: " + Fmt.slo(t.slo()) + (t.slo().emptyAnswerIsError() ? "" : " (empty answers not counted)")
        + ". Target load: " + t.targetLoad().describe() + ".";
  }

  /**
   * Under the step table when some answers were empty: that they are errors (or, when the SLO says
   * so, not counted in its error rate) and how many each step had; null when none was.
   */
  static String emptyAnswers(Tradeoffs t) {
    List<String> steps = new ArrayList<>();
    for (StepRow r : t.steps()) {
      if (r.step().emptyAnswers() > 0) {
        steps.add(r.key().deployment() + " · " + r.loadLabel() + " " + Fmt.count(r.step().emptyAnswers()) + " of "
            + Fmt.count(r.step().requests()));
      }
    }
    if (steps.isEmpty()) {
      return null;
    }
    String counted = t.slo().emptyAnswerIsError()
        ? "are errors: error % and the SLO count them, ttft and tpot leave them out"
        : "are in error % but not in the SLO's error rate (rightsize.slo.empty-answer-is-error = false); ttft and"
            + " tpot leave them out";
    return "Empty answers (HTTP 200, ended normally, nothing visible: for example a reasoning model stopped by"
        + " max_tokens while thinking) " + counted + ": " + String.join(", ", steps) + ".";
  }

  /** Whether some step's answers reasoned: the report then has a reasoning section. */
  static boolean anyReasoning(Tradeoffs t) {
    return t.steps().stream().anyMatch(r -> r.step().reasoning().any());
  }

  /** The steps whose answers reasoned, for the reasoning table. */
  static List<StepRow> reasoningSteps(Tradeoffs t) {
    return t.steps().stream().filter(r -> r.step().reasoning().any()).toList();
  }

  /** One row of the reasoning table. */
  record ReasoningCells(String deployment, String load, List<String> figures) {}

  static ReasoningCells reasoningCells(StepRow r) {
    var x = r.step().reasoning();
    return new ReasoningCells(r.key().deployment(), r.loadLabel(), List.of(Fmt.count(x.requests()),
        x.meanTokens() == null ? Fmt.NONE : Fmt.rate(x.meanTokens()),
        Fmt.ms(x.firstReasoning().p50()), Fmt.ms(x.firstReasoning().p95()),
        Fmt.ms(x.duration().p50()), Fmt.ms(x.duration().p95())));
  }

  /** One row of the deployments table; {@code firstBreak} is null when no step broke the SLO. */
  record DeploymentCells(String deployment, String pricing, String capacity, String costThere, String monthly,
      String utilization, String firstBreak, String dominated) {

    List<String> all() {
      return List.of(deployment, pricing, capacity, costThere, monthly, utilization,
          firstBreak == null ? "none" : firstBreak, dominated);
    }
  }

  static DeploymentCells cells(DeploymentSummary d) {
    String cur = d.pricing().currency();
    return new DeploymentCells(
        d.deployment(),
        d.pricing().describe(),
        d.capacity() == null ? "none" : d.capacity().loadLabel(),
        d.cheapest() == null ? Fmt.NONE : Fmt.money(d.cheapest().cost().per1mOutputTokens(), cur),
        d.monthly() == null ? Fmt.NONE : Money.format(d.monthly().monthly(), cur)
            + (d.monthly().unitsNeeded() == null ? "" : " (" + d.pricing().units(d.monthly().unitsNeeded()) + ")"),
        d.monthly() == null ? Fmt.NONE : Fmt.pct(d.monthly().utilization()),
        d.firstBreak() == null ? null : d.firstBreak().loadLabel() + ": " + d.firstBreak().slo().describe(),
        d.dominated() ? "yes, by " + String.join(", ", d.dominatedBy()) : "no");
  }

  /** What follows a deployment's recommendation: its break-even and its price notes, one sentence each. */
  static List<String> deploymentNotes(DeploymentSummary d) {
    List<String> notes = new ArrayList<>();
    if (d.breakEven() != null) {
      notes.add("Break-even: " + d.breakEven().describe(d.pricing()) + ".");
    } else if (d.breakEvenProblem() != null) {
      notes.add("Break-even: not computed (" + d.breakEvenProblem() + ").");
    }
    d.pricing().notes().forEach(n -> notes.add("Price note: " + n + "."));
    return notes;
  }

  /**
   * A figure of the step table with the markers of the flags concerning it; {@code notes} says why
   * it cannot be trusted, null when it can; {@code range} is its 95% confidence interval ("410–530",
   * "1,500–∞" when unbounded above), null for figures without one.
   */
  record Cell(String text, String notes, String range) {

    Cell(String text, String notes) {
      this(text, notes, null);
    }

    /** What hovering the cell shows: the interval and why the figure cannot be trusted, or null. */
    String title() {
      String ci = range == null ? null : "95% CI " + range + (text.endsWith("%") ? "" : " ms");
      return ci == null ? notes : notes == null ? ci : ci + "; " + notes;
    }
  }

  /**
   * A measured step's row: the figures from req/s to throttled %, the SLO verdict ("met", the
   * broken limits, or "inconclusive" and the undecided ones; marked when a figure it rests on cannot
   * be trusted) and the costs.
   *
   * @param outcome "met", "broken" or "inconclusive"
   */
  record StepCells(String deployment, String load, List<Cell> figures, String outcome, Cell slo, List<Cell> costs) {}

  static StepCells cells(StepRow r) {
    var s = r.step();
    StepTrust tr = r.trust();
    String cur = r.cost().currency();
    List<Cell> figures = List.of(
        new Cell(Fmt.rate(s.requestsPerSecond()), null),
        cell(tr, Figure.OUTPUT_TOKENS_PER_SECOND, Fmt.rate(s.outputTokensPerSecond()), null),
        ttftCell(s, tr, Figure.TTFT_P50, s.ttft().p50(), s.ttft().p50Ci()),
        ttftCell(s, tr, Figure.TTFT_P95, s.ttft().p95(), s.ttft().p95Ci()),
        ttftCell(s, tr, Figure.TTFT_P99, s.ttft().p99(), s.ttft().p99Ci()),
        cell(tr, Figure.TPOT_P50, Fmt.ms(s.tpot().p50()), s.tpot().p50Ci()),
        cell(tr, Figure.TPOT_P95, Fmt.ms(s.tpot().p95()), s.tpot().p95Ci()),
        cell(tr, Figure.E2E_P50, Fmt.ms(s.e2e().p50()), s.e2e().p50Ci()),
        cell(tr, Figure.E2E_P95, Fmt.ms(s.e2e().p95()), s.e2e().p95Ci()),
        cell(tr, Figure.E2E_P99, Fmt.ms(s.e2e().p99()), s.e2e().p99Ci()),
        new Cell(Fmt.pct(s.errorRate()), null, percentRange(ConfidenceIntervals.share(s.ko(), s.requests()))),
        new Cell(Fmt.pct(s.throttledRate()), null));
    Cell slo = new Cell(verdict(r.slo()) + tr.sloMarkers(), tr.sloMarkers().isEmpty() ? null : tr.sloNotes());
    List<Cell> costs = List.of(
        cell(tr, Figure.COST_PER_HOUR, Fmt.money(r.cost().perHour(), cur), null),
        cell(tr, Figure.COST_PER_1K_REQUESTS, Fmt.money(r.cost().per1kRequests(), cur), null),
        cell(tr, Figure.COST_PER_1M_OUTPUT_TOKENS, Fmt.money(r.cost().per1mOutputTokens(), cur), null));
    return new StepCells(s.key().deployment(), r.loadLabel(), figures, r.slo().outcome().wireName(), slo, costs);
  }

  /** A ttft figure; where no successful answer was streamed it is "n/a (not streamed)", never e2e. */
  private static Cell ttftCell(StepSummary s, StepTrust trust, Figure figure, Double value, Interval ci) {
    if (s.ttftNotMeasurable()) {
      return new Cell(NOT_STREAMED + trust.markers(figure), trust.notes(figure));
    }
    return cell(trust, figure, Fmt.ms(value), ci);
  }

  /** The ttft of a step whose answers all came as one JSON body. */
  static final String NOT_STREAMED = "n/a (not streamed)";

  /** "met"; the broken limits; or "inconclusive: p95 ttft 1,500 ms (95% CI 1,500 ms – unbounded)". */
  static String verdict(SloVerdict v) {
    return switch (v.outcome()) {
      case MET -> "met";
      case BROKEN -> v.describe();
      case INCONCLUSIVE -> "inconclusive: " + v.undecided().stream().map(SloVerdict.Check::describeFigure)
          .collect(java.util.stream.Collectors.joining("; "));
    };
  }

  /**
   * {@code value} followed by the markers of the flags concerning {@code figure}, with its interval
   * (null: none); a missing figure ("–") is not marked and has no interval.
   */
  private static Cell cell(StepTrust trust, Figure figure, String value, Interval ci) {
    String markers = trust.markers(figure);
    if (value.equals(Fmt.NONE)) {
      return new Cell(value, null);
    }
    String range = ci == null ? null : msRange(ci);
    return markers.isEmpty() ? new Cell(value, null, range) : new Cell(value + markers, trust.notes(figure), range);
  }

  /** "410–530", "0–530" (no lower bound), "1,500–∞" (no upper bound): an interval of milliseconds. */
  static String msRange(Interval ci) {
    return (ci.low() == null ? "0" : Fmt.ms(ci.low())) + "–" + (ci.high() == null ? "∞" : Fmt.ms(ci.high()));
  }

  /** "0.0%–3.6%": an interval of a share. */
  private static String percentRange(Interval ci) {
    return ci.low() == null ? null : Fmt.pct(ci.low()) + "–" + Fmt.pct(ci.high());
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

  static final String TRUST_CHANGES = "These change a conclusion:";
  static final String TRUST_CHANGES_NOTHING = "None of them changes a conclusion: every verdict and recommendation"
      + " stands (a verdict's interval already accounts for how many requests it rests on).";

  /**
   * One line per untrusted step whose figures a verdict or a recommendation rests on, every reason
   * merged: "Standard_F2s_v2 · 10 users (changes the SLO verdict (met)): § load generator ...".
   */
  static List<String> trustConclusions(Tradeoffs t) {
    return t.trustNotes().stream().filter(TrustNote::changesConclusion)
        .map(n -> n.step() + " (changes " + Fmt.and(n.changes()) + "): " + n.reasons()).toList();
  }

  /** One line per other untrusted step, every reason merged: "Standard_F2s_v2 · 1 user: † ...; ‡ ...". */
  static List<String> trustOthers(Tradeoffs t) {
    return t.trustNotes().stream().filter(n -> !n.changesConclusion()).map(n -> n.step() + ": " + n.reasons()).toList();
  }

  /** "3 steps whose flagged figures change no conclusion": the folded part's summary. */
  static String trustOthersSummary(Tradeoffs t) {
    long n = trustOthers(t).size();
    return n + " step" + (n == 1 ? "" : "s") + " whose flagged figures change no conclusion";
  }

  /** The load generator table's columns: those of its runs' injector files' version. */
  static List<String> injectorColumns(Tradeoffs t) {
    return t.injectorLoopsMeasured() ? INJECTOR_COLUMNS : OLDER_INJECTOR_COLUMNS;
  }

  /** The markdown alignment row of {@link #injectorColumns}. */
  static String injectorAlignment(Tradeoffs t) {
    return t.injectorLoopsMeasured() ? "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|" : "|---|---|---:|---:|---|---:|---:|---|";
  }

  /** What the load generator table shows and when a step is flagged. */
  static String injectorIntro(Tradeoffs t) {
    var th = t.trustThresholds();
    if (!t.injectorLoopsMeasured()) {
      return "Per step, from its first request's start to its last one's end (injector files): the worst stall, how"
          + " much later than asked a thread sleeping 1 ms at a time woke (a GC pause or a starved CPU delays every"
          + " thread, those timing responses too), and the peak CPU of a second. A step is flagged above a "
          + Fmt.ms(th.maxInjectorStallMs()) + " ms stall or " + Fmt.pct(th.maxInjectorCpu())
          + " machine CPU: latencies may then include client-side delay.";
    }
    return "Per step, from its first request's start to its last one's end (injector files): how late the client's"
        + " event loops, which read the responses and time them, ran a tick due every few milliseconds (p99 over the"
        + " step's time: a response arriving then would have waited as long), the same for Gatling's own event loops,"
        + " on which the virtual users run, the GC pauses, the time the JIT compilers spent compiling (on a load"
        + " generator with few cores they take the core from the client: a step that compiles much ran before the"
        + " generator was warm), the peak CPU of a second (the JVM's in cores, the"
        + " machine's as a share), and the worst stall of a thread sleeping 1 ms at a time. A step is flagged when"
        + " the client's loops were more than " + Fmt.ms(th.maxClientLagMs()) + " ms late for 1% of its time: its p99"
        + " latencies may hold that much of the load generator's own delay. \"machine busy\" (machine CPU above "
        + Fmt.pct(th.maxInjectorCpu()) + " or a stall above " + Fmt.ms(th.maxInjectorStallMs()) + " ms) is no flag:"
        + " other work on the machine delays the measurements only when the client's loops show it.";
  }

  /** One cell of the load generator table; {@code numeric} cells are right-aligned. */
  record InjectorCell(String text, boolean numeric) {}

  /**
   * One row of the load generator table: the step's figures and its status, "ok", "machine busy",
   * "client behind" or, in older runs, "overloaded" (both with the marker its latencies carry), or
   * "not sampled" (no sample overlaps the step).
   */
  record InjectorCells(String deployment, String load, List<InjectorCell> cells, String status, boolean sampled,
      boolean overloaded) {

    static final String MARKER = TrustFlag.Check.INJECTOR_OVERLOAD.marker();

    List<String> figures() {
      return cells.stream().map(InjectorCell::text).toList();
    }

    String marker() {
      return MARKER;
    }
  }

  static InjectorCells injectorCells(Tradeoffs t, StepRow r) {
    InjectorLoad l = r.trust().injector();
    boolean loops = t.injectorLoopsMeasured();
    int figures = (loops ? INJECTOR_COLUMNS : OLDER_INJECTOR_COLUMNS).size() - 3;
    if (l == null) {
      List<InjectorCell> none = new ArrayList<>(List.of(new InjectorCell("0", true)));
      for (int i = 1; i < figures; i++) {
        none.add(new InjectorCell(Fmt.NONE, loops || i != 2));
      }
      return new InjectorCells(r.key().deployment(), r.loadLabel(), none, "not sampled", false, false);
    }
    boolean overloaded = r.trust().flags().stream().anyMatch(f -> f.check() == TrustFlag.Check.INJECTOR_OVERLOAD);
    if (!loops) {
      return new InjectorCells(r.key().deployment(), r.loadLabel(), List.of(new InjectorCell(Integer.toString(l.seconds()), true),
          new InjectorCell(Fmt.ms(l.worstStallMs()), true), new InjectorCell(l.worstStallInjector() + " at " + l.worstStallAt(), false),
          new InjectorCell(Fmt.pct(l.peakProcessCpu()), true), new InjectorCell(Fmt.pct(l.peakMachineCpu()), true)),
          overloaded ? "overloaded" : "ok", true, overloaded);
    }
    return new InjectorCells(r.key().deployment(), r.loadLabel(), List.of(new InjectorCell(Integer.toString(l.seconds()), true),
        new InjectorCell(l.clientLag() == null ? Fmt.NONE : Fmt.ms(l.clientLag().quantileMs(0.99)), true),
        new InjectorCell(l.clientLag() == null ? Fmt.NONE : Fmt.ms(l.clientLag().maxMs()), true),
        new InjectorCell(l.gatlingLag() == null ? Fmt.NONE : Fmt.ms(l.gatlingLag().quantileMs(0.99)), true),
        new InjectorCell(l.gcPauseMs() == null ? Fmt.NONE : Long.toString(l.gcPauseMs()), true),
        new InjectorCell(l.jitMs() == null ? Fmt.NONE : Long.toString(l.jitMs()), true),
        new InjectorCell(l.peakProcessCores() == null ? Fmt.NONE : String.format(Locale.ROOT, "%.2f", l.peakProcessCores()), true),
        new InjectorCell(Fmt.pct(l.peakMachineCpu()), true),
        new InjectorCell(Fmt.ms(l.worstStallMs()), true)),
        overloaded ? "client behind" : r.trust().machineBusy() ? "machine busy" : "ok", true, overloaded);
  }

  /** What the server side table shows, where it comes from, and when a resource is called saturated. */
  static String serverIntro(Tradeoffs t) {
    ServerSide s = t.serverSide();
    return "Per step, what the deployment measured itself (telemetry.json, from " + s.source() + "), over the "
        + s.grain() + " time grains that lie wholly inside the step: the utilization that ran hottest (the peak any"
        + " instance reached, and the mean of the instances' means), the service's own latency (Azure ML request"
        + " latency, or Azure OpenAI time to response), the tokens per second it generated (Azure OpenAI) and the"
        + " instance count. A resource at " + Math.round(ServerSide.SATURATED_PERCENT) + "% or more (mean) at the"
        + " step that broke the SLO is named in the recommendation.";
  }

  /** One row of the server side table. */
  record ServerCells(String deployment, String load, String grains, String hottest, String peak, String mean,
      String latency, String tokensPerSecond, String instances) {

    List<String> figures() {
      return List.of(grains, hottest, peak, mean, latency, tokensPerSecond, instances);
    }
  }

  static ServerCells serverCells(StepRow r) {
    WindowFigures f = r.server();
    if (f == null || f.grains() == 0) {
      String why = f == null ? "not read" : "step shorter than a grain";
      return new ServerCells(r.key().deployment(), r.loadLabel(), f == null ? Fmt.NONE : "0", why, Fmt.NONE,
          Fmt.NONE, Fmt.NONE, Fmt.NONE, Fmt.NONE);
    }
    Measure hot = f.hottest().orElse(null);
    WindowFigures.Figure util = hot == null ? null : f.figure(hot).orElseThrow();
    return new ServerCells(r.key().deployment(), r.loadLabel(), Integer.toString(f.grains()),
        hot == null ? Fmt.NONE : hot.label(),
        util == null ? Fmt.NONE : Fmt.pct(util.peak() / 100),
        util == null ? Fmt.NONE : Fmt.pct(util.mean() / 100),
        ServerSide.serviceLatency(f).map(x -> Fmt.ms(x.mean())).orElse(Fmt.NONE),
        f.figure(Measure.TOKENS_PER_SECOND).map(x -> Fmt.rate(x.mean())).orElse(Fmt.NONE),
        f.figure(Measure.INSTANCES).map(x -> Long.toString(Math.round(x.peak()))).orElse(Fmt.NONE));
  }

  /** A change as the comparison table shows it: "+12.3%", "+1.5 pts", or "–" when undefined. */
  static String change(Comparison.StepDelta d, Metric m) {
    Double c = d.change(m);
    return c == null ? Fmt.NONE : m.formatChange(c);
  }

  static final String NO_DEPENDENCE = "no measurable dependence on length in this run";

  /**
   * "ttft ≈ 55.1 ms + 0.214 ms × input tokens (slope 95% CI 0.201 to 0.227 ms/token, r² 0.99, 80
   * requests)" when the line means something ({@link LinearFit#meaningful}), else "ttft vs input
   * tokens: no measurable dependence on length in this run (...why)".
   */
  static String fitSentence(String metric, String tokens, LinearFit f) {
    String none = metric + " vs " + tokens + " tokens: " + NO_DEPENDENCE;
    if (f == null) {
      return none + " (fewer than two distinct lengths)";
    }
    String slope = Double.isFinite(f.slopeLow())
        ? String.format(Locale.ROOT, "slope 95%% CI %s to %s ms/token", signed(f.slopeLow()), signed(f.slopeHigh()))
        : "slope interval unknown";
    if (!f.meaningful()) {
      return none + String.format(Locale.ROOT, " (%s, %,d requests%s)", slope, f.n(),
          f.n() < LinearFit.MIN_REQUESTS ? "; a line needs " + LinearFit.MIN_REQUESTS : "");
    }
    return String.format(Locale.ROOT, "%s ≈ %.1f ms %s %.3f ms × %s tokens (%s, r² %.2f, %,d requests)",
        metric, f.intercept(), f.slope() < 0 ? "−" : "+", Math.abs(f.slope()), tokens, slope, f.r2(), f.n());
  }

  private static String signed(double v) {
    return String.format(Locale.ROOT, "%.3f", v).replace("-", "−");
  }

  /** The sentences above a deployment's length table: what is pooled and both fitted lines. */
  static List<String> lengthSentences(LengthSensitivity l) {
    return List.of("Pooled: " + l.basis() + ".", fitSentence("ttft", "input", l.ttftFit()),
        fitSentence("e2e", "output", l.e2eFit()));
  }

  /** One side of a length table row: a bucket's token range, requests, p50 and p95. */
  record BucketCells(String range, String requests, String p50, String p95) {

    List<String> all() {
      return List.of(range, requests, p50, p95);
    }
  }

  /** One row of a length table: an input bucket and an output bucket, either null below the shorter side. */
  record LengthRow(BucketCells input, BucketCells output) {}

  static List<LengthRow> lengthRows(LengthSensitivity l) {
    List<LengthRow> rows = new ArrayList<>();
    int n = Math.max(l.ttftByInput().size(), l.e2eByOutput().size());
    for (int i = 0; i < n; i++) {
      rows.add(new LengthRow(i < l.ttftByInput().size() ? bucket(l.ttftByInput().get(i)) : null,
          i < l.e2eByOutput().size() ? bucket(l.e2eByOutput().get(i)) : null));
    }
    return rows;
  }

  private static BucketCells bucket(LengthSensitivity.Row r) {
    return new BucketCells(range(r), Fmt.count(r.latency().count()), Fmt.ms(r.latency().p50()),
        Fmt.ms(r.latency().p95()));
  }

  /** "0–127" or "16384+". */
  static String range(LengthSensitivity.Row r) {
    return r.toTokens() == null ? r.fromTokens() + "+" : r.fromTokens() + "–" + (r.toTokens() - 1);
  }

  /** One row of the Gatling cross-check table. */
  record GatlingCells(String request, String records, String gatling, String percentiles, boolean agree) {}

  static GatlingCells cells(CrossCheck.NameCheck r) {
    return new GatlingCells(r.name(), r.recordsTotal() + " / " + r.recordsOk() + " / " + r.recordsKo(),
        r.gatlingTotal() + " / " + r.gatlingOk() + " / " + r.gatlingKo(), percentiles(r), r.agree());
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

  /** The files read and the warm-up left out, one line each. */
  static List<String> inputs(Tradeoffs t) {
    List<String> lines = new ArrayList<>();
    t.inputs().forEach(f -> lines.add(f.describe()));
    t.injectorInputs().forEach(f -> lines.add(f.describe()));
    lines.add("warm-up requests left out: " + t.warmupRequests());
    return lines;
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
