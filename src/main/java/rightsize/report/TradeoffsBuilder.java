package rightsize.report;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import rightsize.analysis.CapacityFile;
import rightsize.analysis.SloVerdict;
import rightsize.analysis.StepKey;
import rightsize.analysis.StepOutcome;
import rightsize.analysis.StepStats;
import rightsize.analysis.StepSummary;
import rightsize.config.PricingMode;
import rightsize.cost.BreakEven;
import rightsize.cost.DeploymentPricing;
import rightsize.cost.MonthlyEstimate;
import rightsize.cost.StepCost;
import rightsize.injector.InjectorLog;
import rightsize.record.LoadUnit;
import rightsize.report.analysis.Baseline;
import rightsize.report.analysis.BaselineComparison;
import rightsize.report.analysis.StepLengths;
import rightsize.report.analysis.TrustCheck;
import rightsize.report.input.RunScan;
import rightsize.report.model.Comparison;
import rightsize.report.model.CrossCheck;
import rightsize.report.model.DeploymentSummary;
import rightsize.report.model.Fmt;
import rightsize.report.model.InputFile;
import rightsize.report.model.LengthSensitivity;
import rightsize.report.model.ServerSide;
import rightsize.report.model.SkippedStep;
import rightsize.report.model.StepRow;
import rightsize.report.model.Tradeoffs;
import rightsize.telemetry.DeploymentTelemetry;
import rightsize.telemetry.MetricTelemetry;
import rightsize.telemetry.Telemetry;
import rightsize.telemetry.WindowFigures;

/** Turns a scanned run into the report model: verdicts, costs, conclusions and comparison. */
final class TradeoffsBuilder {
  private final ReportSettings settings;

  TradeoffsBuilder(ReportSettings settings) {
    this.settings = settings;
  }

  /**
   * @param capacity the run's capacity.json, or null when it has none (then skipped steps are unknown)
   * @param injectors the run's injector files (not {@link InjectorLog#present()} when it has none)
   * @param telemetry the run's telemetry.json, or null when it has none
   */
  Tradeoffs build(RunScan scan, StepLengths lengthsByStep, String fallbackRunId, CapacityFile.Contents capacity,
      CrossCheck gatling, List<String> gatlingLinks, Baseline baseline, InjectorLog injectors, Telemetry telemetry,
      List<String> warnings, Instant now) {
    TrustCheck trust = new TrustCheck(settings.trust(), injectors);
    List<StepRow> rows = new ArrayList<>();
    Map<String, List<StepRow>> byDeployment = new LinkedHashMap<>();
    Map<String, DeploymentPricing> pricing = new LinkedHashMap<>();
    for (Map.Entry<StepKey, StepStats> e : scan.steps().steps().entrySet()) {
      StepKey key = e.getKey();
      DeploymentPricing p = pricing.computeIfAbsent(key.deployment(),
          d -> settings.prices().forDeployment(d, key.vmSize()));
      StepSummary step = e.getValue().summary();
      StepRow row = new StepRow(step, SloVerdict.of(settings.slo(), step), StepCost.of(p, step),
          trust.check(step, scan.tokenSources(key), !p.mode().hourly()), server(telemetry, step));
      rows.add(row);
      byDeployment.computeIfAbsent(key.deployment(), d -> new ArrayList<>()).add(row);
    }
    List<DeploymentSummary> deployments = new ArrayList<>();
    byDeployment.forEach((name, steps) -> deployments.add(summarize(name, pricing.get(name), steps)));
    deployments.replaceAll(d -> withDominance(d, deployments));

    Map<String, LengthSensitivity> lengths = new TreeMap<>();
    deployments.forEach(d -> lengths.put(d.deployment(), lengths(d, lengthsByStep)));
    List<SkippedStep> skipped = capacity == null ? List.of() : skipped(capacity, byDeployment);
    List<String> allWarnings = new ArrayList<>(settings.prices().warnings());
    allWarnings.addAll(warnings);
    injectors.inputs().stream().filter(i -> i.error() != null || i.unreadableLines() > 0)
        .forEach(i -> allWarnings.add("load generator figures incomplete: " + i.describe()));
    if (capacity != null) {
      allWarnings.addAll(capacityDisagreements(capacity, deployments, skipped));
    }
    Comparison comparison = baseline == null ? null
        : BaselineComparison.compare(rows, baseline, settings.thresholds());
    return new Tradeoffs(
        scan.runIds().isEmpty() ? fallbackRunId : String.join(",", scan.runIds()),
        now,
        scan.startedAt(),
        scan.endedAt(),
        scan.targets(),
        scan.workloads(),
        scan.injectors(),
        settings.slo(),
        settings.targetLoad(),
        rows,
        capacity != null,
        skipped,
        deployments,
        interrupted(scan.inputs(), recommendation(deployments)),
        lengths,
        gatling,
        gatlingLinks,
        comparison,
        scan.inputs(),
        settings.trust(),
        injectors.inputs(),
        scan.warmupRequests(),
        allWarnings,
        telemetry == null ? null : new ServerSide(telemetry.source(), telemetry.grain(), serverNotes(telemetry)));
  }

  /** The deployment's server-side figures over the step's window, or null when telemetry has none for it. */
  private static WindowFigures server(Telemetry telemetry, StepSummary step) {
    if (telemetry == null) {
      return null;
    }
    return telemetry.deployment(step.key().deployment())
        .filter(d -> d.status() == DeploymentTelemetry.Status.COLLECTED)
        .map(d -> WindowFigures.of(d, instant(step.firstStartEpochMicros()), instant(step.lastEndEpochMicros()),
            Duration.parse(telemetry.grain())))
        .orElse(null);
  }

  /** One line per deployment that could not be read, and per metric that is missing, with the reason. */
  private static List<String> serverNotes(Telemetry telemetry) {
    List<String> notes = new ArrayList<>();
    for (DeploymentTelemetry d : telemetry.deployments()) {
      if (d.problem() != null) {
        notes.add(d.problem());
        continue;
      }
      for (MetricTelemetry m : d.metrics()) {
        if (m.missing() != null) {
          notes.add(d.deployment() + ": " + m.name() + " missing: " + m.missing());
        }
      }
    }
    return notes;
  }

  private static Instant instant(long epochMicros) {
    return Instant.ofEpochSecond(0, epochMicros * 1_000L);
  }

  /**
   * The steps capacity.json lists as skipped, for deployments with measured steps (the report has
   * nothing to attach the others to); a skipped step that has records after all is shown measured.
   */
  private static List<SkippedStep> skipped(CapacityFile.Contents capacity, Map<String, List<StepRow>> measured) {
    List<SkippedStep> out = new ArrayList<>();
    for (CapacityFile.Deployment d : capacity.deployments()) {
      List<StepRow> rows = measured.get(d.deployment());
      if (rows == null) {
        continue;
      }
      for (CapacityFile.PlannedStep s : d.steps()) {
        if (s.outcome() != StepOutcome.SKIPPED || rows.stream().anyMatch(r -> r.key().step().equals(s.step()))) {
          continue;
        }
        // The records' VM size, so the step sorts among its deployment's rows whatever capacity.json
        // says, and their load unit: one run sweeps a deployment with one population model.
        StepKey measuredKey = rows.get(0).key();
        StepKey key = new StepKey(d.deployment(), measuredKey.vmSize(), s.step(), s.load(), measuredKey.unit());
        Optional<CapacityFile.PlannedStep> broken = d.brokenBefore(s);
        out.add(new SkippedStep(key, broken.map(CapacityFile.PlannedStep::step).orElse(null),
            broken.map(CapacityFile.PlannedStep::verdict).orElse(null), s.reason()));
      }
    }
    return out;
  }

  /**
   * A note per deployment whose capacity the search found differently from this report, which
   * happens when the report's SLO is not the one the run was judged by: the search's verdict is then
   * shown, and steps it skipped were never measured under the report's SLO.
   */
  private static List<String> capacityDisagreements(CapacityFile.Contents capacity,
      List<DeploymentSummary> deployments, List<SkippedStep> skipped) {
    List<String> notes = new ArrayList<>();
    for (CapacityFile.Deployment d : capacity.deployments()) {
      DeploymentSummary summary = deployments.stream()
          .filter(s -> s.deployment().equals(d.deployment())).findFirst().orElse(null);
      if (summary == null) {
        continue;
      }
      String here = summary.capacity() == null ? null : summary.capacity().key().step();
      if (Objects.equals(here, d.capacityStep())) {
        continue;
      }
      boolean anySkipped = skipped.stream().anyMatch(s -> s.key().deployment().equals(d.deployment()));
      notes.add(d.deployment() + ": the capacity search during the run (SLO " + Fmt.slo(capacity.slo().asSlo())
          + ") " + (d.capacity() == null ? "found no step within it"
              : "put the largest step within it at " + d.capacityStep())
          + "; by this report's SLO it is " + (summary.capacity() == null ? "none" : summary.capacity().loadLabel())
          + (anySkipped ? "; the steps the search skipped were never measured" : ""));
    }
    return notes;
  }

  /**
   * Pools the length figures of the steps that met the SLO (the operating range, where load
   * varies least), or of every step when none did, so the fitted lines are about length, not load.
   */
  private static LengthSensitivity lengths(DeploymentSummary d, StepLengths lengthsByStep) {
    List<StepRow> meeting = d.steps().stream().filter(r -> r.slo().met()).toList();
    List<StepRow> pooled = meeting.isEmpty() ? d.steps() : meeting;
    String steps = pooled.stream().map(StepRow::loadLabel).collect(Collectors.joining(", "));
    return lengthsByStep.pooled(pooled.stream().map(StepRow::key).toList(),
        meeting.isEmpty() ? "every step (none met the SLO): " + steps : "steps within the SLO: " + steps);
  }

  private DeploymentSummary summarize(String name, DeploymentPricing pricing, List<StepRow> steps) {
    List<StepRow> meeting = steps.stream().filter(r -> r.slo().met()).toList();
    StepRow capacity = meeting.isEmpty() ? null : meeting.get(meeting.size() - 1);
    StepRow cheapest = meeting.stream()
        .filter(r -> r.cost().per1mOutputTokens() != null)
        .min(Comparator.comparing(r -> r.cost().per1mOutputTokens()))
        .orElse(null);
    // An inconclusive step is neither capacity nor a break: it showed neither.
    StepRow firstBreak = steps.stream().filter(r -> r.slo().broken()).findFirst().orElse(null);

    MonthlyEstimate monthly = null;
    String monthlyProblem = null;
    if (capacity == null) {
      monthlyProblem = "no step met the SLO";
    } else {
      try {
        monthly = MonthlyEstimate.of(pricing, capacity.step(), capacity.unit() == LoadUnit.USERS,
            settings.targetLoad());
      } catch (IllegalArgumentException e) {
        monthlyProblem = e.getMessage();
      }
    }

    BreakEven breakEven = null;
    String breakEvenProblem = null;
    DeploymentPricing reference = pricing.mode().hourly()
        ? settings.prices().payPerTokenReference(pricing).orElse(null)
        : null;
    if (reference != null) {
      StepRow mix = capacity != null ? capacity : steps.stream().filter(r -> r.step().ok() > 0)
          .reduce((a, b) -> b).orElse(null);
      if (mix == null) {
        breakEvenProblem = "no successful request to take the token mix from";
      } else {
        try {
          breakEven = BreakEven.of(pricing, reference, mix.step(), capacity == null ? null : capacity.step());
        } catch (IllegalArgumentException e) {
          breakEvenProblem = e.getMessage();
        }
      }
    }
    DeploymentSummary summary = new DeploymentSummary(name, steps.get(0).step().key().vmSize(), pricing,
        steps, capacity, cheapest, firstBreak, monthly, monthlyProblem, breakEven, breakEvenProblem,
        List.of(), null);
    return withRecommendation(summary);
  }

  private DeploymentSummary withRecommendation(DeploymentSummary d) {
    StringBuilder s = new StringBuilder();
    if (d.monthly() != null) {
      s.append("For ").append(settings.targetLoad().describe()).append(" within the SLO: ")
          .append(d.monthly().describe(d.pricing()));
      s.append("; it holds ").append(d.capacity().loadLabel());
      if (d.pricing().mode() != PricingMode.PAY_PER_TOKEN && d.pricing().units() > 1) {
        s.append(" on ").append(d.pricing().units(d.pricing().units()));
      }
      s.append(": ").append(restsOn(d.capacity()));
    } else if (d.capacity() == null) {
      s.append(d.deployment()).append(" met the SLO at no measured step");
    } else {
      s.append(d.deployment()).append(" holds ").append(d.capacity().loadLabel()).append(": ")
          .append(restsOn(d.capacity())).append(", but has no monthly estimate: ").append(d.monthlyProblem());
    }
    if (d.breakPhrase() != null) {
      s.append("; it ").append(d.breakPhrase());
    }
    s.append(inconclusivePhrase(d)).append('.');
    return copy(d, d.dominatedBy(), s.toString());
  }

  /**
   * A deployment is dominated when none of its SLO-meeting steps is on the Pareto frontier of
   * (cost per 1M output tokens, p95 ttft) over every deployment's SLO-meeting steps in the same
   * currency; one that never met the SLO is dominated by every deployment that did.
   */
  private static DeploymentSummary withDominance(DeploymentSummary d, List<DeploymentSummary> all) {
    List<StepRow> own = paretoPoints(d);
    List<String> by = new ArrayList<>();
    for (DeploymentSummary other : all) {
      if (other == d || !other.pricing().currency().equals(d.pricing().currency())) {
        continue;
      }
      List<StepRow> theirs = paretoPoints(other);
      if (theirs.isEmpty()) {
        continue;
      }
      boolean dominated = own.isEmpty()
          ? d.capacity() == null && other.capacity() != null
          : own.stream().allMatch(mine -> theirs.stream().anyMatch(t -> dominates(t, mine)));
      if (dominated) {
        by.add(other.deployment());
      }
    }
    return copy(d, by, d.recommendation());
  }

  private static List<StepRow> paretoPoints(DeploymentSummary d) {
    return d.steps().stream()
        .filter(r -> r.slo().met() && r.cost().per1mOutputTokens() != null && r.step().ttft().p95() != null)
        .toList();
  }

  private static boolean dominates(StepRow a, StepRow b) {
    double ca = a.cost().per1mOutputTokens();
    double cb = b.cost().per1mOutputTokens();
    double la = a.step().ttft().p95();
    double lb = b.step().ttft().p95();
    return ca <= cb && la <= lb && (ca < cb || la < lb);
  }

  /**
   * {@code recommendation}, said to come from a run that did not end when a record file's run was
   * cut short: its last step is incomplete and later steps or deployments never ran.
   */
  private static String interrupted(List<InputFile> inputs, String recommendation) {
    return inputs.stream().map(InputFile::interruptedAt).filter(Objects::nonNull).max(Comparator.naturalOrder())
        .map(at -> "Run interrupted at " + at.truncatedTo(ChronoUnit.SECONDS) + ", last step incomplete: not a recommendation"
            + " until the sweep runs to its end. From the steps measured so far: " + recommendation)
        .orElse(recommendation);
  }

  private String recommendation(List<DeploymentSummary> deployments) {
    String target = settings.targetLoad().describe();
    Map<String, List<DeploymentSummary>> byCurrency = deployments.stream()
        .filter(d -> d.monthly() != null)
        .collect(Collectors.groupingBy(d -> d.pricing().currency(), LinkedHashMap::new, Collectors.toList()));
    DeploymentSummary best = byCurrency.values().stream()
        .max(Comparator.comparingInt(List::size))
        .flatMap(list -> list.stream().min(Comparator.comparingDouble(d -> d.monthly().monthly())))
        .orElse(null);
    List<String> others = deployments.stream()
        .filter(d -> d != best)
        .map(d -> d.breakPhrase() != null ? d.deployment() + " " + d.breakPhrase()
            : d.monthly() == null ? d.deployment() + ": " + d.monthlyProblem() : null)
        .filter(Objects::nonNull)
        .toList();
    if (deployments.isEmpty()) {
      return "No measured step: nothing to recommend.";
    }
    String tail = others.isEmpty() ? "" : "; " + String.join("; ", others);
    if (best == null) {
      return "No deployment can be sized for " + target + " within the SLO from what was measured" + tail + ".";
    }
    return "For " + target + " within the SLO: " + best.monthly().describe(best.pricing()) + "; "
        + best.deployment() + " holds " + best.capacity().loadLabel() + ": " + restsOn(best.capacity()) + tail + ".";
  }

  /**
   * The figures a step's "met" rests on, with their intervals: the latency whose upper bound comes
   * closest to its limit, and the error rate: "p95 ttft 462 ms (95% CI 410–530 ms), error rate 0.0%
   * (95% CI 0.0%–0.9%)".
   */
  private static String restsOn(StepRow step) {
    List<SloVerdict.Check> checks = step.slo().checks();
    SloVerdict.Check latency = checks.stream().filter(c -> c.which() != SloVerdict.Limit.ERROR_RATE)
        .max(Comparator.comparingDouble(c -> c.interval().high() == null ? Double.POSITIVE_INFINITY
            : c.interval().high() / c.limit())).orElseThrow();
    return checks.stream().filter(c -> c == latency || c.which() == SloVerdict.Limit.ERROR_RATE)
        .map(SloVerdict.Check::describeFigure).collect(Collectors.joining(", "));
  }

  /** "; inconclusive at 1 user, 100 users" for the steps that showed neither, or "". */
  private static String inconclusivePhrase(DeploymentSummary d) {
    List<String> steps = d.steps().stream().filter(r -> r.slo().inconclusive()).map(StepRow::loadLabel).toList();
    return steps.isEmpty() ? "" : "; inconclusive at " + String.join(", ", steps);
  }

  private static DeploymentSummary copy(DeploymentSummary d, List<String> dominatedBy, String recommendation) {
    return new DeploymentSummary(d.deployment(), d.vmSize(), d.pricing(), d.steps(), d.capacity(),
        d.cheapest(), d.firstBreak(), d.monthly(), d.monthlyProblem(), d.breakEven(), d.breakEvenProblem(),
        List.copyOf(dominatedBy), recommendation);
  }
}
