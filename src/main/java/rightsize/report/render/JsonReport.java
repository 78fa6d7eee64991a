package rightsize.report.render;

import rightsize.config.TrustThresholds;
import rightsize.report.DeploymentSummary;
import rightsize.report.Figure;
import rightsize.report.Metric;
import rightsize.report.SkippedStep;
import rightsize.report.StepRow;
import rightsize.report.Tradeoffs;
import rightsize.report.analysis.Baseline;
import rightsize.report.analysis.Comparison;
import rightsize.report.analysis.CrossCheck;
import rightsize.report.analysis.LengthSensitivity;
import rightsize.report.analysis.LinearFit;
import rightsize.report.analysis.StepTrust;
import rightsize.report.analysis.TrustFlag;
import rightsize.report.input.InputFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import rightsize.analysis.LatencySummary;
import rightsize.analysis.SloVerdict;
import rightsize.cost.StepCost;
import rightsize.injector.InjectorLoad;
import rightsize.injector.InjectorLog;

/** Writes tradeoffs.json (schema in docs/report.md) and reads a baseline's back. */
public final class JsonReport {
  static final String SCHEMA = "rightsize.tradeoffs/1";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static void write(Tradeoffs t, Path file) {
    try {
      JSON.writeValue(file.toFile(), toJson(t));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static ObjectNode toJson(Tradeoffs t) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("run_id", t.runId());
    root.put("generated_at", t.generatedAt().toString());
    put(root, "started_at", t.startedAt());
    put(root, "ended_at", t.endedAt());
    strings(root.putArray("targets"), t.targets());
    strings(root.putArray("workloads"), t.workloads());
    strings(root.putArray("injectors"), t.injectors());
    root.put("partial", t.partial());
    root.put("unreadable_lines", t.unreadableLines());
    ArrayNode inputs = root.putArray("inputs");
    for (InputFile f : t.inputs()) {
      ObjectNode n = inputs.addObject();
      n.put("file", f.file().toString());
      n.put("records", f.records());
      n.put("unreadable_lines", f.unreadableLines());
      n.put("missing", f.missing());
      n.put("error", f.error());
    }
    root.put("warmup_requests", t.warmupRequests());
    ArrayNode injectorInputs = root.putArray("injector_inputs");
    for (InjectorLog.Input f : t.injectorInputs()) {
      ObjectNode n = injectorInputs.addObject();
      n.put("file", f.file().toString());
      n.put("samples", f.samples());
      n.put("unreadable_lines", f.unreadableLines());
      n.put("error", f.error());
    }
    TrustThresholds th = t.trustThresholds();
    ObjectNode thresholds = root.putObject("trust_thresholds");
    thresholds.put("min_requests_p95", th.minRequestsP95());
    thresholds.put("min_requests_p99", th.minRequestsP99());
    thresholds.put("max_injector_stall_ms", th.maxInjectorStallMs());
    thresholds.put("max_injector_cpu", th.maxInjectorCpu());
    strings(root.putArray("warnings"), t.warnings());

    ObjectNode slo = root.putObject("slo");
    slo.put("p95_ttft_ms", t.slo().p95TtftMs());
    slo.put("p95_e2e_ms", t.slo().p95E2eMs());
    slo.put("max_error_rate", t.slo().maxErrorRate());
    ObjectNode target = root.putObject("target_load");
    target.put("concurrent_users", t.targetLoad().concurrentUsers());
    target.put("requests_per_day", t.targetLoad().requestsPerDay());
    target.put("description", t.targetLoad().describe());
    root.put("recommendation", t.recommendation());

    ArrayNode steps = root.putArray("steps");
    t.steps().forEach(r -> step(steps.addObject(), r, t.injectorMonitored()));
    ArrayNode deployments = root.putArray("deployments");
    t.deployments().forEach(d -> {
      ObjectNode n = deployments.addObject();
      deployment(n, d);
      if (t.capacitySearch()) {
        skipped(n.putArray("skipped_steps"), t.skippedSteps(d.deployment()));
      }
    });
    ObjectNode lengths = root.putObject("length_sensitivity");
    t.lengths().forEach((d, table) -> lengths(lengths.putObject(d), table));

    ArrayNode sloResults = root.putArray("slo_results");
    for (StepRow r : t.steps()) {
      ObjectNode n = sloResults.addObject();
      key(n, r);
      verdict(n, r.slo());
    }
    gatling(root, t);
    comparison(root, t.comparison());

    ObjectNode gate = root.putObject("gate");
    gate.put("slo_met_at_every_step", t.steps().stream().allMatch(r -> r.slo().met()));
    gate.put("deployments_meeting_slo", t.deployments().stream().filter(d -> d.capacity() != null).count());
    gate.put("regressions", t.regressions().size());
    gate.put("partial", t.partial());
    gate.put("untrusted_steps", t.untrustedSteps().size());
    if (t.gatling() == null) {
      gate.putNull("gatling_agrees");
    } else {
      gate.put("gatling_agrees", t.gatling().agree());
    }
    return root;
  }

  private static void step(ObjectNode n, StepRow r, boolean injectorMonitored) {
    var s = r.step();
    key(n, r);
    n.put("requests", s.requests());
    n.put("ok", s.ok());
    n.put("ko", s.ko());
    n.put("throttled", s.throttled());
    ObjectNode statuses = n.putObject("status_counts");
    s.statusCounts().forEach((status, count) -> statuses.put(status.wireName(), count));
    n.put("error_rate", s.errorRate());
    n.put("throttled_rate", s.throttledRate());
    n.put("window_s", s.windowSeconds());
    put(n, "requests_per_s", s.requestsPerSecond());
    put(n, "ok_requests_per_s", s.okRequestsPerSecond());
    put(n, "output_tokens_per_s", s.outputTokensPerSecond());
    put(n, "total_tokens_per_s", s.totalTokensPerSecond());
    n.put("prompt_tokens", s.promptTokens());
    n.put("cached_tokens", s.cachedTokens());
    n.put("completion_tokens", s.completionTokens());
    latency(n.putObject("ttft_ms"), s.ttft());
    latency(n.putObject("tpot_ms"), s.tpot());
    latency(n.putObject("e2e_ms"), s.e2e());
    verdict(n.putObject("slo"), r.slo());
    cost(n.putObject("cost"), r.cost());
    trust(n.putObject("trust"), r.trust());
    if (injectorMonitored) {
      injector(n, r.trust().injector());
    }
  }

  private static void trust(ObjectNode n, StepTrust t) {
    n.put("trusted", t.trusted());
    ArrayNode flags = n.putArray("flags");
    for (TrustFlag f : t.flags()) {
      ObjectNode o = flags.addObject();
      o.put("check", f.check().jsonName());
      strings(o.putArray("figures"), f.figures().stream().map(Figure::stepPointer).toList());
      if (f.requests() != null) {
        o.put("requests", f.requests());
      }
      o.put("note", f.note());
    }
  }

  private static void injector(ObjectNode n, InjectorLoad l) {
    if (l == null) {
      n.putNull("injector");
      return;
    }
    ObjectNode o = n.putObject("injector");
    o.put("seconds", l.seconds());
    o.put("worst_stall_ms", l.worstStallMs());
    o.put("worst_stall_injector", l.worstStallInjector());
    put(o, "worst_stall_at", l.worstStallAt());
    put(o, "peak_process_cpu", l.peakProcessCpu());
    put(o, "peak_machine_cpu", l.peakMachineCpu());
  }

  private static void key(ObjectNode n, StepRow r) {
    n.put("deployment", r.step().key().deployment());
    n.put("vm_size", r.step().key().vmSize());
    n.put("step", r.step().key().step());
    n.put("load", r.step().key().load());
    n.put("load_unit", r.unit().label());
  }

  private static void latency(ObjectNode n, LatencySummary l) {
    n.put("count", l.count());
    put(n, "p50", l.p50());
    put(n, "p95", l.p95());
    put(n, "p99", l.p99());
    put(n, "mean", l.mean());
  }

  private static void verdict(ObjectNode n, SloVerdict v) {
    n.put("met", v.met());
    ArrayNode breaches = n.putArray("breaches");
    for (SloVerdict.Breach b : v.breaches()) {
      ObjectNode e = breaches.addObject();
      e.put("limit", b.which().label());
      put(e, "measured", b.measured());
      e.put("max", b.limit());
      e.put("description", b.describe());
    }
  }

  private static void cost(ObjectNode n, StepCost c) {
    n.put("currency", c.currency());
    put(n, "per_hour", c.perHour());
    put(n, "per_request", c.perRequest());
    put(n, "per_1k_requests", c.per1kRequests());
    put(n, "per_1m_output_tokens", c.per1mOutputTokens());
    put(n, "per_1m_total_tokens", c.per1mTotalTokens());
  }

  private static void deployment(ObjectNode n, DeploymentSummary d) {
    n.put("deployment", d.deployment());
    n.put("vm_size", d.vmSize());
    var p = d.pricing();
    ObjectNode pricing = n.putObject("pricing");
    pricing.put("mode", p.mode().configName());
    pricing.put("units", p.units());
    pricing.put("unit_name", p.unitName());
    put(pricing, "unit_price_per_hour", p.unitPricePerHour());
    put(pricing, "hourly", p.hourly());
    pricing.put("currency", p.currency());
    pricing.put("region", p.region());
    pricing.put("source", p.priceSource());
    pricing.put("input_per_1m", p.inputPer1m());
    pricing.put("cached_input_per_1m", p.cachedInputPer1m());
    pricing.put("output_per_1m", p.outputPer1m());
    pricing.put("description", p.describe());
    strings(pricing.putArray("notes"), p.notes());
    n.put("meets_slo", d.capacity() != null);
    stepRef(n, "capacity", d.capacity());
    if (d.cheapest() == null) {
      n.putNull("cost_at_capacity");
    } else {
      ObjectNode c = n.putObject("cost_at_capacity");
      c.put("step", d.cheapest().step().key().step());
      c.put("load", d.cheapest().step().key().load());
      cost(c, d.cheapest().cost());
    }
    stepRef(n, "first_break", d.firstBreak());
    if (d.firstBreak() != null) {
      verdict((ObjectNode) n.get("first_break"), d.firstBreak().slo());
    }
    if (d.monthly() == null) {
      n.putNull("monthly");
    } else {
      ObjectNode m = n.putObject("monthly");
      m.put("target", d.monthly().target().describe());
      m.put("capacity_per_unit", d.monthly().capacityPerUnit());
      if (d.monthly().unitsNeeded() == null) {
        m.putNull("units_needed");
      } else {
        m.put("units_needed", d.monthly().unitsNeeded());
      }
      m.put("cost", d.monthly().monthly());
      m.put("utilization", d.monthly().utilization());
      m.put("currency", p.currency());
      m.put("description", d.monthly().describe(p));
    }
    n.put("monthly_problem", d.monthlyProblem());
    if (d.breakEven() == null) {
      n.putNull("break_even");
    } else {
      var b = d.breakEven();
      ObjectNode e = n.putObject("break_even");
      e.put("reference", b.reference());
      e.put("pay_per_token_per_request", b.payPerTokenPerRequest());
      e.put("monthly_fixed", b.monthlyFixed());
      e.put("requests_per_day", b.requestsPerDay());
      e.put("output_tokens_per_month", b.outputTokensPerMonth());
      put(e, "capacity_requests_per_day", b.capacityRequestsPerDay());
      e.put("reachable", b.reachable());
      e.put("description", b.describe(p));
    }
    n.put("break_even_problem", d.breakEvenProblem());
    n.put("dominated", d.dominated());
    strings(n.putArray("dominated_by"), d.dominatedBy());
    n.put("recommendation", d.recommendation());
  }

  private static void skipped(ArrayNode a, List<SkippedStep> steps) {
    for (SkippedStep s : steps) {
      ObjectNode n = a.addObject();
      n.put("step", s.key().step());
      n.put("load", s.key().load());
      n.put("load_unit", s.unit().label());
      n.put("outcome", "skipped");
      if (s.brokenAt() == null) {
        n.putNull("broken_at");
      } else {
        n.putObject("broken_at").put("step", s.brokenAt()).put("verdict", s.brokenVerdict());
      }
      n.put("reason", s.reason());
      n.put("description", s.describe());
    }
  }

  private static void stepRef(ObjectNode n, String field, StepRow r) {
    if (r == null) {
      n.putNull(field);
      return;
    }
    ObjectNode s = n.putObject(field);
    s.put("step", r.step().key().step());
    s.put("load", r.step().key().load());
    s.put("load_unit", r.unit().label());
  }

  private static void lengths(ObjectNode n, LengthSensitivity.Table table) {
    n.put("basis", table.basis());
    buckets(n.putArray("ttft_by_input_tokens"), table.ttftByInput());
    fit(n, "ttft_fit", table.ttftFit());
    buckets(n.putArray("e2e_by_output_tokens"), table.e2eByOutput());
    fit(n, "e2e_fit", table.e2eFit());
  }

  private static void buckets(ArrayNode a, List<LengthSensitivity.Row> rows) {
    for (LengthSensitivity.Row r : rows) {
      ObjectNode n = a.addObject();
      n.put("from_tokens", r.fromTokens());
      if (r.toTokens() == null) {
        n.putNull("to_tokens");
      } else {
        n.put("to_tokens", r.toTokens());
      }
      n.put("mean_tokens", r.meanTokens());
      latency(n.putObject("latency_ms"), r.latency());
    }
  }

  private static void fit(ObjectNode n, String field, LinearFit f) {
    if (f == null) {
      n.putNull(field);
      return;
    }
    ObjectNode o = n.putObject(field);
    o.put("n", f.n());
    o.put("intercept_ms", f.intercept());
    o.put("slope_ms_per_token", f.slope());
    o.put("r2", f.r2());
  }

  private static void gatling(ObjectNode root, Tradeoffs t) {
    CrossCheck c = t.gatling();
    if (c == null) {
      root.putNull("gatling");
      return;
    }
    ObjectNode g = root.putObject("gatling");
    strings(g.putArray("reports"), t.gatlingReports());
    g.put("agree", c.agree());
    strings(g.putArray("problems"), c.problems());
    ArrayNode rows = g.putArray("rows");
    for (CrossCheck.NameCheck r : c.rows()) {
      ObjectNode n = rows.addObject();
      n.put("name", r.name());
      ObjectNode rec = n.putObject("records");
      rec.put("total", r.recordsTotal());
      rec.put("ok", r.recordsOk());
      rec.put("ko", r.recordsKo());
      ObjectNode gat = n.putObject("gatling");
      gat.put("total", r.gatlingTotal());
      gat.put("ok", r.gatlingOk());
      gat.put("ko", r.gatlingKo());
      ArrayNode ps = n.putArray("percentiles");
      for (CrossCheck.PercentileCheck p : r.percentiles()) {
        ObjectNode e = ps.addObject();
        e.put("path", p.path());
        e.put("percentile", p.percentile());
        put(e, "gatling_ms", p.gatlingMs());
        e.put("records_low_ms", p.recordsLowMs());
        e.put("records_high_ms", p.recordsHighMs());
        e.put("agree", p.agree());
      }
      n.put("agree", r.agree());
      strings(n.putArray("problems"), r.problems());
    }
  }

  private static void comparison(ObjectNode root, Comparison c) {
    if (c == null) {
      root.putNull("baseline");
      root.putArray("deltas");
      root.putArray("regressions");
      return;
    }
    ObjectNode b = root.putObject("baseline");
    b.put("run_id", c.baselineRunId());
    b.put("folder", c.baselineFolder());
    strings(b.putArray("notes"), c.notes());
    ArrayNode deltas = root.putArray("deltas");
    for (Comparison.StepDelta d : c.deltas()) {
      ObjectNode n = deltas.addObject();
      n.put("deployment", d.deployment());
      n.put("step", d.step());
      n.put("load", d.load());
      d.values().forEach((metric, v) -> {
        ObjectNode m = n.putObject(metric.jsonName());
        put(m, "baseline", v.baseline());
        put(m, "current", v.current());
        put(m, "change", d.change(metric));
      });
    }
    ArrayNode regressions = root.putArray("regressions");
    for (Comparison.Regression r : c.regressions()) {
      ObjectNode n = regressions.addObject();
      n.put("deployment", r.deployment());
      n.put("step", r.step());
      n.put("metric", r.metric().jsonName());
      n.put("baseline", r.baseline());
      n.put("current", r.current());
      n.put("change", r.change());
      n.put("threshold", r.threshold());
      n.put("description", r.describe());
    }
  }

  /** Reads the steps of the baseline run folder's tradeoffs.json; problems are returned, not thrown. */
  public static Baseline readBaseline(Path folder) {
    Path file = folder.resolve("tradeoffs.json");
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      return new Baseline("", folder, List.of(), List.of("baseline " + file + " is unreadable ("
          + e.getMessage().lines().findFirst().orElse("") + "): regenerate it with ReportMain --run " + folder));
    }
    if (root == null || !SCHEMA.equals(root.path("schema").asText())) {
      return new Baseline("", folder, List.of(), List.of("baseline " + file + " is not a " + SCHEMA + " file"));
    }
    List<Baseline.Step> steps = new ArrayList<>();
    for (JsonNode s : root.path("steps")) {
      Map<Metric, Double> values = new EnumMap<>(Metric.class);
      for (Metric m : Metric.values()) {
        JsonNode v = s.at(m.stepPointer());
        values.put(m, v.isNumber() ? v.asDouble() : null);
      }
      steps.add(new Baseline.Step(s.path("deployment").asText(), s.path("step").asText(),
          s.path("load").asDouble(), values));
    }
    return new Baseline(root.path("run_id").asText(), folder, steps, List.of());
  }

  private static void put(ObjectNode n, String field, Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      n.putNull(field);
    } else {
      n.put(field, value);
    }
  }

  private static void put(ObjectNode n, String field, Instant value) {
    if (value == null) {
      n.putNull(field);
    } else {
      n.put(field, value.toString());
    }
  }

  private static void strings(ArrayNode a, Collection<String> values) {
    values.forEach(a::add);
  }
}
