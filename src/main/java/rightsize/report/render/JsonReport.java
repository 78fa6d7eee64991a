package rightsize.report.render;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import rightsize.analysis.ConfidenceIntervals;
import rightsize.analysis.Interval;
import rightsize.analysis.LatencySummary;
import rightsize.analysis.SloVerdict;
import rightsize.analysis.StepSummary;
import rightsize.cost.StepCost;
import rightsize.injector.InjectorLoad;
import rightsize.injector.LoopLag;
import rightsize.record.Status;
import rightsize.report.model.Comparison;
import rightsize.report.model.CrossCheck;
import rightsize.report.model.DeploymentSummary;
import rightsize.report.model.Figure;
import rightsize.report.model.LengthSensitivity;
import rightsize.report.model.LinearFit;
import rightsize.report.model.Metric;
import rightsize.report.model.ServerSide;
import rightsize.report.model.SkippedStep;
import rightsize.report.model.StepRow;
import rightsize.report.model.StepTrust;
import rightsize.report.model.Tradeoffs;
import rightsize.report.model.TradeoffsJson;
import rightsize.report.model.TrustNote;
import rightsize.telemetry.Measure;
import rightsize.telemetry.WindowFigures;

/** Writes tradeoffs.json: the report model in the file's schema ({@link TradeoffsJson}). */
public final class JsonReport {
  private JsonReport() {}

  /** {@code t} as tradeoffs.json says it. */
  public static TradeoffsJson of(Tradeoffs t) {
    Comparison c = t.comparison();
    return new TradeoffsJson(
        TradeoffsJson.SCHEMA,
        t.runId(),
        t.generatedAt().toString(),
        text(t.startedAt()),
        text(t.endedAt()),
        t.targets(),
        t.workloads(),
        t.injectors(),
        t.partial(),
        t.unreadableLines(),
        t.inputs().stream().map(f -> new TradeoffsJson.Input(
            f.file().toString(), f.records(), f.unreadableLines(), f.missing(), f.error(),
            f.interruptedAt() == null ? null : f.interruptedAt().toString())).toList(),
        t.warmupRequests(),
        t.injectorInputs().stream().map(f -> new TradeoffsJson.InjectorInput(
            f.file().toString(), f.samples(), f.unreadableLines(), f.error())).toList(),
        new TradeoffsJson.TrustLimits(t.trustThresholds().minRequestsP95(), t.trustThresholds().minRequestsP99(),
            t.trustThresholds().maxInjectorStallMs(), t.trustThresholds().maxInjectorCpu(),
            t.trustThresholds().maxClientLagMs(), t.trustThresholds().failGate()),
        t.warnings(),
        new TradeoffsJson.Slo(t.slo().p95TtftMs(), t.slo().p95E2eMs(), t.slo().maxErrorRate(),
            t.slo().emptyAnswerIsError() ? null : false),
        new TradeoffsJson.TargetLoad(t.targetLoad().concurrentUsers(), t.targetLoad().requestsPerDay(),
            t.targetLoad().describe()),
        t.recommendation(),
        t.steps().stream().map(r -> step(r, t.injectorMonitored(), t.changesConclusion(r))).toList(),
        t.deployments().stream()
            .map(d -> deployment(d, t.capacitySearch() ? t.skippedSteps(d.deployment()) : null)).toList(),
        lengths(t.lengths()),
        t.steps().stream().map(r -> new TradeoffsJson.SloResult(r.key().deployment(), r.key().vmSize(),
            r.key().step(), r.key().load(), r.unit().label(), r.slo().met(), breaches(r.slo().breaches()),
            r.slo().outcome().wireName())).toList(),
        t.gatling() == null ? null : gatling(t.gatling(), t.gatlingReports()),
        c == null ? null : new TradeoffsJson.Baseline(c.baselineRunId(), c.baselineFolder(), c.notes()),
        c == null ? List.of() : c.deltas().stream().map(JsonReport::delta).toList(),
        c == null ? List.of() : c.regressions().stream().map(r -> new TradeoffsJson.Regression(r.deployment(),
            r.step(), r.metric().jsonName(), r.baseline(), r.current(), r.change(), r.threshold(), r.describe()))
            .toList(),
        new TradeoffsJson.Gate(
            t.steps().stream().allMatch(r -> r.slo().met()),
            t.deployments().stream().filter(d -> d.capacity() != null).count(),
            t.regressions().size(),
            t.partial(),
            t.untrustedSteps().size(),
            t.gatling() == null ? null : t.gatling().agree(),
            (int) t.steps().stream().filter(r -> r.slo().inconclusive()).count(),
            (int) t.trustNotes().stream().filter(TrustNote::changesConclusion).count()),
        t.serverSide() == null ? null
            : new TradeoffsJson.ServerSide(t.serverSide().source(), t.serverSide().grain(), t.serverSide().notes()));
  }

  private static TradeoffsJson.Step step(StepRow r, boolean injectorMonitored, boolean changesConclusion) {
    StepSummary s = r.step();
    // Status order, so that the same run gives the same file.
    Map<String, Long> statuses = new LinkedHashMap<>();
    for (Status status : Status.values()) {
      Long count = s.statusCounts().get(status);
      if (count != null) {
        statuses.put(status.wireName(), count);
      }
    }
    return new TradeoffsJson.Step(
        s.key().deployment(), s.key().vmSize(), s.key().step(), s.key().load(), r.unit().label(),
        s.requests(), s.ok(), s.ko(), s.throttled(), statuses, s.errorRate(),
        ci(ConfidenceIntervals.share(s.ko(), s.requests())), s.throttledRate(),
        s.windowSeconds(), finite(s.requestsPerSecond()), finite(s.okRequestsPerSecond()),
        finite(s.outputTokensPerSecond()), finite(s.totalTokensPerSecond()),
        s.promptTokens(), s.cachedTokens(), s.completionTokens(),
        latency(s.ttft()), latency(s.tpot()), latency(s.e2e()),
        verdict(r.slo()),
        cost(r.cost()),
        trust(r.trust(), changesConclusion),
        injectorMonitored ? Optional.ofNullable(injector(r.trust())) : null,
        server(r.server()),
        s.emptyAnswers() == 0 ? null : s.emptyAnswers(),
        reasoning(s.reasoning()));
  }

  private static TradeoffsJson.Reasoning reasoning(StepSummary.Reasoning r) {
    return !r.any() ? null : new TradeoffsJson.Reasoning(r.requests(), finite(r.meanTokens()),
        latency(r.firstReasoning()), latency(r.duration()));
  }

  private static TradeoffsJson.Server server(WindowFigures f) {
    if (f == null) {
      return null;
    }
    Map<String, TradeoffsJson.ServerFigure> figures = new LinkedHashMap<>();
    for (Measure m : Measure.values()) {
      f.figure(m).ifPresent(x -> figures.put(m.name().toLowerCase(Locale.ROOT),
          new TradeoffsJson.ServerFigure(x.mean(), x.peak())));
    }
    return new TradeoffsJson.Server(f.grains(), f.hottest().map(m -> m.name().toLowerCase(Locale.ROOT)).orElse(null),
        ServerSide.saturated(f).isPresent(), figures);
  }

  private static TradeoffsJson.Trust trust(StepTrust t, boolean changesConclusion) {
    return new TradeoffsJson.Trust(t.trusted(), changesConclusion, t.flags().stream().map(f -> new TradeoffsJson.Flag(
        f.check().jsonName(), f.figures().stream().map(Figure::stepPointer).toList(), f.requests(), f.note()))
        .toList());
  }

  private static TradeoffsJson.Injector injector(StepTrust t) {
    InjectorLoad l = t.injector();
    return l == null ? null : new TradeoffsJson.Injector(l.seconds(), l.worstStallMs(), l.worstStallInjector(),
        text(l.worstStallAt()), finite(l.peakProcessCpu()), finite(l.peakMachineCpu()), finite(l.peakProcessCores()),
        l.gcPauseMs(), l.jitMs(), lag(l.clientLag()), lag(l.gatlingLag()), l.loopsMeasured() ? t.machineBusy() : null);
  }

  private static TradeoffsJson.Lag lag(LoopLag l) {
    return l == null ? null
        : new TradeoffsJson.Lag(l.ticks(), l.quantileMs(0.5), l.quantileMs(0.95), l.quantileMs(0.99), l.maxMs());
  }

  private static TradeoffsJson.Latency latency(LatencySummary l) {
    return new TradeoffsJson.Latency(l.count(), finite(l.p50()), finite(l.p95()), finite(l.p99()), finite(l.mean()),
        ci(l.p50Ci()), ci(l.p95Ci()), ci(l.p99Ci()));
  }

  /** A length bucket's percentiles: no intervals, they judge nothing. */
  private static TradeoffsJson.Latency bucketLatency(LatencySummary l) {
    return new TradeoffsJson.Latency(l.count(), finite(l.p50()), finite(l.p95()), finite(l.p99()), finite(l.mean()),
        null, null, null);
  }

  private static TradeoffsJson.Ci ci(Interval i) {
    return new TradeoffsJson.Ci(finite(i.low()), finite(i.high()));
  }

  private static TradeoffsJson.Verdict verdict(SloVerdict v) {
    return new TradeoffsJson.Verdict(v.met(), v.outcome().wireName(), breaches(v.breaches()), breaches(v.undecided()));
  }

  private static List<TradeoffsJson.Breach> breaches(List<SloVerdict.Check> checks) {
    return checks.stream().map(b -> new TradeoffsJson.Breach(
        b.which().label(), finite(b.measured()), b.limit(), b.describe(), ci(b.interval()))).toList();
  }

  private static TradeoffsJson.Cost cost(StepCost c) {
    return new TradeoffsJson.Cost(c.currency(), finite(c.perHour()), finite(c.perRequest()),
        finite(c.per1kRequests()), finite(c.per1mOutputTokens()), finite(c.per1mTotalTokens()));
  }

  private static TradeoffsJson.Deployment deployment(DeploymentSummary d, List<SkippedStep> skipped) {
    var p = d.pricing();
    var m = d.monthly();
    var b = d.breakEven();
    StepRow first = d.firstBreak();
    return new TradeoffsJson.Deployment(
        d.deployment(),
        d.vmSize(),
        new TradeoffsJson.Pricing(p.mode().configName(), p.units(), p.unitName(), finite(p.unitPricePerHour()),
            finite(p.hourly()), p.currency(), p.region(), p.priceSource(), p.inputPer1m(), p.cachedInputPer1m(),
            p.outputPer1m(), p.describe(), p.notes()),
        d.capacity() != null,
        stepRef(d.capacity()),
        d.cheapest() == null ? null : new TradeoffsJson.CostAt(
            d.cheapest().key().step(), d.cheapest().key().load(), cost(d.cheapest().cost())),
        first == null ? null : new TradeoffsJson.FirstBreak(first.key().step(), first.key().load(),
            first.unit().label(), first.slo().met(), breaches(first.slo().breaches())),
        m == null ? null : new TradeoffsJson.Monthly(m.target().describe(), m.capacityPerUnit(), m.unitsNeeded(),
            m.monthly(), m.utilization(), p.currency(), m.describe(p)),
        d.monthlyProblem(),
        b == null ? null : new TradeoffsJson.BreakEven(b.reference(), b.payPerTokenPerRequest(), b.monthlyFixed(),
            b.requestsPerDay(), b.outputTokensPerMonth(), finite(b.capacityRequestsPerDay()), b.reachable(),
            b.describe(p)),
        d.breakEvenProblem(),
        d.dominated(),
        d.dominatedBy(),
        d.recommendation(),
        skipped == null ? null : skipped.stream().map(s -> new TradeoffsJson.Skipped(s.key().step(),
            s.key().load(), s.unit().label(), "skipped",
            s.brokenAt() == null ? null : new TradeoffsJson.BrokenAt(s.brokenAt(), s.brokenVerdict()),
            s.reason(), s.describe())).toList());
  }

  private static TradeoffsJson.StepRef stepRef(StepRow r) {
    return r == null ? null : new TradeoffsJson.StepRef(r.key().step(), r.key().load(), r.unit().label());
  }

  private static Map<String, TradeoffsJson.Lengths> lengths(Map<String, LengthSensitivity> lengths) {
    Map<String, TradeoffsJson.Lengths> out = new LinkedHashMap<>();
    lengths.forEach((deployment, l) -> out.put(deployment, new TradeoffsJson.Lengths(l.basis(),
        buckets(l.ttftByInput()), fit(l.ttftFit()), buckets(l.e2eByOutput()), fit(l.e2eFit()))));
    return out;
  }

  private static List<TradeoffsJson.Bucket> buckets(List<LengthSensitivity.Row> rows) {
    return rows.stream().map(r -> new TradeoffsJson.Bucket(r.fromTokens(), r.toTokens(), r.meanTokens(),
        bucketLatency(r.latency()))).toList();
  }

  private static TradeoffsJson.Fit fit(LinearFit f) {
    return f == null ? null : new TradeoffsJson.Fit(f.n(), f.intercept(), f.slope(), f.r2(),
        new TradeoffsJson.Ci(finite(f.slopeLow()), finite(f.slopeHigh())), f.meaningful());
  }

  private static TradeoffsJson.Gatling gatling(CrossCheck c, List<String> reports) {
    return new TradeoffsJson.Gatling(reports, c.agree(), c.problems(), c.rows().stream().map(r ->
        new TradeoffsJson.GatlingRow(r.name(),
            new TradeoffsJson.Counts(r.recordsTotal(), r.recordsOk(), r.recordsKo()),
            new TradeoffsJson.Counts(r.gatlingTotal(), r.gatlingOk(), r.gatlingKo()),
            r.percentiles().stream().map(p -> new TradeoffsJson.Percentile(p.path(), p.percentile(),
                finite(p.gatlingMs()), p.recordsLowMs(), p.recordsHighMs(), p.agree())).toList(),
            r.agree(), r.problems())).toList());
  }

  private static TradeoffsJson.Delta delta(Comparison.StepDelta d) {
    return new TradeoffsJson.Delta(d.deployment(), d.step(), d.load(),
        change(d, Metric.P95_TTFT), change(d, Metric.P95_E2E), change(d, Metric.ERROR_RATE),
        change(d, Metric.COST_PER_1M_OUTPUT_TOKENS), change(d, Metric.OUTPUT_TOKENS_PER_SECOND));
  }

  private static TradeoffsJson.Change change(Comparison.StepDelta d, Metric metric) {
    Comparison.Values v = d.values().get(metric);
    return new TradeoffsJson.Change(finite(v.baseline()), finite(v.current()), finite(d.change(metric)));
  }

  /** Not measured, or not a number JSON can hold: null. */
  private static Double finite(Double value) {
    return value == null || value.isNaN() || value.isInfinite() ? null : value;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
