package rightsize.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import rightsize.config.Slo;

/**
 * Whether one step met the {@link Slo}: met, broken or inconclusive, decided on each limit's 95%
 * confidence interval, with every limit's measured value and interval.
 *
 * <p>A limit is met when its interval's upper bound is within it, broken when its lower bound is
 * beyond it, and undecided otherwise. The step breaks the SLO when any limit is broken, meets it
 * when every limit is met, and is inconclusive otherwise: an inconclusive step is never met.
 *
 * @param checks one per limit (p95 ttft, p95 e2e, error rate); only the {@code requests} check for a
 *     step without any request
 */
public record SloVerdict(List<Check> checks) {

  public SloVerdict {
    checks = List.copyOf(checks);
  }

  /** The three outcomes of a step, or of one limit. */
  public enum Outcome {
    /** Within the limit with 95% confidence. */
    MET,
    /** Beyond the limit with 95% confidence. */
    BROKEN,
    /** The interval straddles the limit, or nothing was measured: more requests would decide. */
    INCONCLUSIVE;

    /** "met", "broken" or "inconclusive", as tradeoffs.json, capacity.json and the CSV write it. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Checks {@code step} against every limit of {@code slo}. A step with no request is inconclusive
   * (nothing was measured); an unmeasured latency (no successful request) is undecided, never met.
   * The one exception is ttft in a step whose successful answers all came as one JSON body
   * (aml-chat, or a server that does not stream): it cannot be measured there, so the ttft limit
   * is not checked and the report says so. Empty answers count as errors unless the SLO says
   * otherwise; they never count as successful requests.
   */
  public static SloVerdict of(Slo slo, StepSummary step) {
    List<Check> checks = new ArrayList<>();
    if (step.requests() == 0) {
      checks.add(new Check(Limit.REQUESTS, null, Interval.UNBOUNDED, 1));
      return new SloVerdict(checks);
    }
    if (!step.ttftNotMeasurable()) {
      checks.add(new Check(Limit.P95_TTFT, step.ttft().p95(), step.ttft().p95Ci(), slo.p95TtftMs()));
    }
    checks.add(new Check(Limit.P95_E2E, step.e2e().p95(), step.e2e().p95Ci(), slo.p95E2eMs()));
    long errors = slo.emptyAnswerIsError() ? step.ko() : step.ko() - step.emptyAnswers();
    checks.add(new Check(Limit.ERROR_RATE, (double) errors / step.requests(),
        ConfidenceIntervals.share(errors, step.requests()), slo.maxErrorRate()));
    return new SloVerdict(checks);
  }

  /** One limit of the SLO. */
  public enum Limit {
    P95_TTFT("p95 ttft"),
    P95_E2E("p95 e2e"),
    ERROR_RATE("error rate"),
    /** The step has no request at all, so nothing was shown either way. */
    REQUESTS("requests");

    private final String label;

    Limit(String label) {
      this.label = label;
    }

    /** The name used in reports and tradeoffs.json, e.g. "p95 ttft". */
    public String label() {
      return label;
    }
  }

  /**
   * One limit against the step's figure.
   *
   * @param measured the step's value (milliseconds, or a 0..1 share for the error rate), null when
   *     it could not be measured (no successful request, or no request)
   * @param interval its 95% confidence interval
   * @param limit the SLO's limit in the same unit
   */
  public record Check(Limit which, Double measured, Interval interval, double limit) {

    public Outcome outcome() {
      if (measured == null) {
        return Outcome.INCONCLUSIVE;
      }
      return interval.beyond(limit) ? Outcome.BROKEN : interval.within(limit) ? Outcome.MET : Outcome.INCONCLUSIVE;
    }

    /** "p95 ttft 2431 ms > 2000 ms", "error rate 3.2% > 1.0%", "p95 ttft 1900 ms <= 2000 ms": the value against the limit. */
    public String describe() {
      if (which == Limit.REQUESTS) {
        return "no requests in the step";
      }
      if (measured == null) {
        return which.label() + " not measured (no successful request)";
      }
      String sign = measured > limit ? " > " : " <= ";
      return which == Limit.ERROR_RATE
          ? String.format(Locale.ROOT, "error rate %.1f%%%s%.1f%%", measured * 100, sign, limit * 100)
          : String.format(Locale.ROOT, "%s %.0f ms%s%.0f ms", which.label(), measured, sign, limit);
    }

    /** "95% CI 410–530 ms", "95% CI 0.0%–3.6%", or "95% CI 410 ms – unbounded"; "" when nothing was measured. */
    public String describeInterval() {
      if (measured == null) {
        return "";
      }
      return "95% CI " + (which == Limit.ERROR_RATE ? interval.describePercent() : interval.describe(" ms"));
    }

    /** The value with its interval: "p95 ttft 462 ms (95% CI 410–530 ms)", "error rate 0.0% (95% CI 0.0%–0.9%)". */
    public String describeFigure() {
      if (measured == null) {
        return describe();
      }
      String value = which == Limit.ERROR_RATE ? String.format(Locale.ROOT, "%.1f%%", measured * 100)
          : String.format(Locale.ROOT, "%,.0f ms", measured);
      return which.label() + " " + value + " (" + describeInterval() + ")";
    }

    /** The value against the limit with its interval: "p95 ttft 462 ms <= 2000 ms (95% CI 410–530 ms)". */
    public String describeWithInterval() {
      String ci = describeInterval();
      return describe() + (ci.isEmpty() ? "" : " (" + ci + ")");
    }

    /**
     * How close the figure's upper bound comes to the limit, as a share of it (unbounded: infinite);
     * the largest one is the limit a met step rests on most.
     */
    double headroomUsed() {
      if (measured == null || interval.high() == null) {
        return Double.POSITIVE_INFINITY;
      }
      return limit == 0 ? (interval.high() > 0 ? Double.POSITIVE_INFINITY : 0) : interval.high() / limit;
    }
  }

  /** The step's outcome: broken when any limit is, met when every one is, inconclusive otherwise. */
  public Outcome outcome() {
    if (checks.stream().anyMatch(c -> c.outcome() == Outcome.BROKEN)) {
      return Outcome.BROKEN;
    }
    return checks.stream().allMatch(c -> c.outcome() == Outcome.MET) ? Outcome.MET : Outcome.INCONCLUSIVE;
  }

  /** True only when every limit is met with 95% confidence. */
  public boolean met() {
    return outcome() == Outcome.MET;
  }

  public boolean broken() {
    return outcome() == Outcome.BROKEN;
  }

  public boolean inconclusive() {
    return outcome() == Outcome.INCONCLUSIVE;
  }

  /** The limits broken with 95% confidence. */
  public List<Check> breaches() {
    return checks.stream().filter(c -> c.outcome() == Outcome.BROKEN).toList();
  }

  /** The limits neither met nor broken with 95% confidence. */
  public List<Check> undecided() {
    return checks.stream().filter(c -> c.outcome() == Outcome.INCONCLUSIVE).toList();
  }

  /** Whether {@code limit} is among the broken ones. */
  public boolean broke(Limit limit) {
    return breaches().stream().anyMatch(b -> b.which() == limit);
  }

  /**
   * The check a met step rests on most: the limit its figure's upper bound comes closest to; for a
   * broken step the first broken limit; for an inconclusive one the first undecided limit.
   */
  public Optional<Check> decisive() {
    return switch (outcome()) {
      case MET -> checks.stream().max(Comparator.comparingDouble(Check::headroomUsed));
      case BROKEN -> breaches().stream().findFirst();
      case INCONCLUSIVE -> undecided().stream().findFirst();
    };
  }

  /**
   * "met"; the broken limits joined by "; " (e.g. "p95 ttft 2500 ms > 2000 ms"); or "inconclusive: "
   * and each undecided limit with its interval.
   */
  public String describe() {
    return switch (outcome()) {
      case MET -> "met";
      case BROKEN -> breaches().stream().map(Check::describe).collect(Collectors.joining("; "));
      case INCONCLUSIVE -> "inconclusive: " + undecided().stream().map(Check::describeWithInterval)
          .collect(Collectors.joining("; "));
    };
  }
}
