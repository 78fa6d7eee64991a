package rightsize.report.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rightsize.analysis.LatencySummary;
import rightsize.analysis.StepSummary;
import rightsize.config.TrustThresholds;
import rightsize.injector.InjectorLoad;
import rightsize.injector.InjectorLog;
import rightsize.injector.LoopLag;
import rightsize.report.input.TokenSources;
import rightsize.report.model.Figure;
import rightsize.report.model.Fmt;
import rightsize.report.model.StepTrust;
import rightsize.report.model.TrustFlag;

/**
 * Decides which figures of a step cannot be trusted: percentiles resting on too few requests,
 * token figures from estimated or missing counts, latencies timed while the load generator's
 * client fell behind (its own event loops late), and ttft where answers were not streamed. It flags
 * and explains; it changes no figure and no SLO verdict. A busy machine is said apart, unflagged.
 */
public final class TrustCheck {
  private static final List<Figure> LATENCIES = List.of(Figure.TTFT_P50, Figure.TTFT_P95, Figure.TTFT_P99,
      Figure.TPOT_P50, Figure.TPOT_P95, Figure.TPOT_P99, Figure.E2E_P50, Figure.E2E_P95, Figure.E2E_P99);
  private static final List<Figure> NOT_STREAMED_FIGURES = List.of(Figure.TTFT_P50, Figure.TTFT_P95, Figure.TTFT_P99,
      Figure.TPOT_P50, Figure.TPOT_P95, Figure.TPOT_P99);
  private static final List<Figure> TOKEN_FIGURES = List.of(Figure.OUTPUT_TOKENS_PER_SECOND,
      Figure.TOTAL_TOKENS_PER_SECOND, Figure.COST_PER_1M_OUTPUT_TOKENS, Figure.COST_PER_1M_TOTAL_TOKENS);
  // Priced per token, every cost of the step is made of its token counts.
  private static final List<Figure> TOKEN_PRICED_COSTS = List.of(Figure.COST_PER_HOUR, Figure.COST_PER_REQUEST,
      Figure.COST_PER_1K_REQUESTS);

  private final TrustThresholds thresholds;
  private final InjectorLog injectors;

  public TrustCheck(TrustThresholds thresholds, InjectorLog injectors) {
    this.thresholds = thresholds;
    this.injectors = injectors;
  }

  /**
   * @param tokens where the step's token counts came from, or null when unknown
   * @param tokenPriced true when the deployment is priced per token, so that its costs are token figures too
   */
  public StepTrust check(StepSummary step, TokenSources tokens, boolean tokenPriced) {
    List<TrustFlag> flags = new ArrayList<>();
    fewRequests(step).ifPresent(flags::add);
    if (tokens != null) {
      flags.addAll(tokenCounts(tokens, tokenPriced));
    }
    InjectorLoad load = injectors.present() && step.requests() > 0
        ? injectors.during(step.firstStartEpochMicros(), step.lastEndEpochMicros())
        : null;
    overload(load).ifPresent(flags::add);
    notStreamed(step).ifPresent(flags::add);
    return new StepTrust(flags, load, load != null && machineBusy(load));
  }

  /** One latency metric of the step with the figures its p95 and p99 are. */
  private record Latency(String name, LatencySummary summary, Figure p95, Figure p99) {}

  /** The p95s and p99s of ttft, tpot and e2e that rest on fewer successful requests than they need. */
  private Optional<TrustFlag> fewRequests(StepSummary step) {
    List<Figure> figures = new ArrayList<>();
    // Metrics with the same flagged percentiles and count share one phrase: "ttft and e2e p95 and p99 from 3".
    Map<String, List<String>> groups = new LinkedHashMap<>();
    boolean p95 = false;
    boolean p99 = false;
    for (Latency m : List.of(new Latency("ttft", step.ttft(), Figure.TTFT_P95, Figure.TTFT_P99),
        new Latency("tpot", step.tpot(), Figure.TPOT_P95, Figure.TPOT_P99),
        new Latency("e2e", step.e2e(), Figure.E2E_P95, Figure.E2E_P99))) {
      long n = m.summary().count();
      boolean few95 = n > 0 && n < thresholds.minRequestsP95();
      boolean few99 = n > 0 && n < thresholds.minRequestsP99();
      if (!few95 && !few99) {
        continue;
      }
      if (few95) {
        figures.add(m.p95());
      }
      if (few99) {
        figures.add(m.p99());
      }
      p95 |= few95;
      p99 |= few99;
      String which = few95 && few99 ? "p95 and p99" : few95 ? "p95" : "p99";
      groups.computeIfAbsent(which + " from " + n + " successful request" + (n == 1 ? "" : "s"), k -> new ArrayList<>())
          .add(m.name());
    }
    if (figures.isEmpty()) {
      return Optional.empty();
    }
    List<String> phrases = new ArrayList<>();
    groups.forEach((tail, names) -> phrases.add(Fmt.and(names) + " " + tail));
    List<String> needs = new ArrayList<>();
    if (p95) {
      needs.add("a p95 needs " + thresholds.minRequestsP95());
    }
    if (p99) {
      needs.add((p95 ? "a p99 " : "a p99 needs ") + thresholds.minRequestsP99());
    }
    // No word on the verdict: its interval accounts for how few requests it rests on.
    return Optional.of(new TrustFlag(TrustFlag.Check.FEW_REQUESTS, figures,
        String.join("; ", phrases) + " (" + String.join(", ", needs) + ")", null));
  }

  /** The token figures, when the tokenizer counted some successful requests' tokens or nobody could. */
  private static List<TrustFlag> tokenCounts(TokenSources tokens, boolean tokenPriced) {
    List<Figure> figures = new ArrayList<>(TOKEN_FIGURES);
    if (tokenPriced) {
      figures.addAll(TOKEN_PRICED_COSTS);
    }
    String listed = "(" + String.join(", ", figures.stream().map(Figure::label).toList()) + ")";
    List<TrustFlag> flags = new ArrayList<>();
    if (tokens.tokenizer() > 0) {
      flags.add(new TrustFlag(TrustFlag.Check.ESTIMATED_TOKENS, figures, "the token figures are estimates " + listed
          + ": the tokenizer counted the tokens of " + tokens.tokenizer() + " of " + tokens.ok()
          + " successful requests (the server sent no usage)", tokens.tokenizer()));
    }
    if (tokens.none() > 0) {
      flags.add(new TrustFlag(TrustFlag.Check.UNCOUNTED_TOKENS, figures, "the token figures undercount " + listed + ": "
          + tokens.none() + " of " + tokens.ok() + " successful requests have no token count"
          + " (the server sent no usage and there was no text to count)", tokens.none()));
    }
    return flags;
  }

  /**
   * Flags ttft and tpot when successful answers came as one JSON body (a stream was asked for and
   * a JSON answer came, or the wire format never streams): their first content arrived with their
   * end, so they have no ttft, and the figures rest on the streamed answers alone, if any.
   */
  private static Optional<TrustFlag> notStreamed(StepSummary step) {
    if (step.notStreamed() == 0) {
      return Optional.empty();
    }
    String which = step.ttftNotMeasurable()
        ? "no successful answer was streamed (" + step.notStreamed() + " came as one JSON body): ttft and tpot are not"
            + " measurable, and the SLO's ttft limit does not apply"
        : step.notStreamed() + " of " + step.ok() + " successful answers came as one JSON body, not streamed: ttft and tpot"
            + " are from the other " + (step.ok() - step.notStreamed());
    return Optional.of(new TrustFlag(TrustFlag.Check.NOT_STREAMED, NOT_STREAMED_FIGURES, which, step.notStreamed()));
  }

  /**
   * Flags every latency when the client's own event loops were late long enough to move the step's
   * p99s by more than the limit. Runs older than that measurement (no loop lag in their samples)
   * are flagged as they were: on the sleeping probe's stall or the machine's CPU.
   */
  Optional<TrustFlag> overload(InjectorLoad load) {
    if (load == null) {
      return Optional.empty();
    }
    if (!load.loopsMeasured()) {
      return olderOverload(load);
    }
    LoopLag lag = load.clientLag();
    double p99 = lag.quantileMs(0.99);
    if (p99 <= thresholds.maxClientLagMs()) {
      return Optional.empty();
    }
    double p95 = lag.quantileMs(0.95);
    String gc = load.gcPauseMs() != null && load.gcPauseMs() > 0 ? "; GC paused the JVM " + load.gcPauseMs() + " ms in all" : "";
    String jit = load.jitMs() != null && load.jitMs() > 0 ? "; the JIT compiled for " + load.jitMs() + " ms" : "";
    return Optional.of(new TrustFlag(TrustFlag.Check.INJECTOR_OVERLOAD, LATENCIES,
        "the client's event loops ran more than " + Fmt.ms(p99) + " ms late during 1% of the step (p95 "
            + Fmt.ms(p95) + " ms, worst " + Fmt.ms(lag.maxMs()) + " ms; limit " + Fmt.ms(thresholds.maxClientLagMs())
            + " ms" + gc + jit + "): its p99 latencies may be up to " + Fmt.ms(p99) + " ms high from the load generator's own"
            + " delay, its p95s up to " + Fmt.ms(p95) + " ms", null));
  }

  /** The machine was busy: its CPU, or a sleeping thread woken late, past the limits. Not a verdict on the client. */
  boolean machineBusy(InjectorLoad load) {
    return load.worstStallMs() > thresholds.maxInjectorStallMs()
        || load.peakMachineCpu() != null && load.peakMachineCpu() > thresholds.maxInjectorCpu();
  }

  private Optional<TrustFlag> olderOverload(InjectorLoad load) {
    boolean stalled = load.worstStallMs() > thresholds.maxInjectorStallMs();
    boolean busy = load.peakMachineCpu() != null && load.peakMachineCpu() > thresholds.maxInjectorCpu();
    if (!stalled && !busy) {
      return Optional.empty();
    }
    List<String> what = new ArrayList<>();
    if (stalled) {
      what.add("load generator " + load.worstStallInjector() + " stalled " + Fmt.ms(load.worstStallMs()) + " ms at "
          + load.worstStallAt() + " (limit " + Fmt.ms(thresholds.maxInjectorStallMs()) + " ms)");
    }
    if (busy) {
      what.add("load generator machine CPU peaked at " + Fmt.pct(load.peakMachineCpu())
          + " (limit " + Fmt.pct(thresholds.maxInjectorCpu()) + ")");
    }
    return Optional.of(new TrustFlag(TrustFlag.Check.INJECTOR_OVERLOAD, LATENCIES,
        String.join(" and ", what) + ": latencies may include client-side delay", null));
  }
}
