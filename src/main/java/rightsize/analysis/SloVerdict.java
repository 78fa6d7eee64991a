package rightsize.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import rightsize.config.Slo;

/** Whether one step met the {@link Slo}, and if not, which limits it broke by how much. */
public record SloVerdict(List<Breach> breaches) {

  public SloVerdict {
    breaches = List.copyOf(breaches);
  }

  /**
   * Checks {@code step} against every limit of {@code slo}. A step with no successful request
   * breaks the latency limits too: an unmeasured latency is never taken as a met one. The one
   * exception is ttft in a step whose successful answers all came as one JSON body (aml-chat, or a
   * server that does not stream): it cannot be measured there, so the ttft limit does not apply and
   * the report says so. Empty answers count as errors unless the SLO says otherwise; they never
   * count as successful requests.
   */
  public static SloVerdict of(Slo slo, StepSummary step) {
    List<Breach> breaches = new ArrayList<>();
    if (step.requests() == 0) {
      breaches.add(new Breach(Limit.REQUESTS, 0.0, 1));
      return new SloVerdict(breaches);
    }
    if (!step.ttftNotMeasurable()) {
      checkAtMost(Limit.P95_TTFT, step.ttft().p95(), slo.p95TtftMs(), breaches);
    }
    checkAtMost(Limit.P95_E2E, step.e2e().p95(), slo.p95E2eMs(), breaches);
    double errorRate = slo.emptyAnswerIsError() ? step.errorRate() : step.errorRateWithoutEmptyAnswers();
    checkAtMost(Limit.ERROR_RATE, errorRate, slo.maxErrorRate(), breaches);
    return new SloVerdict(breaches);
  }

  private static void checkAtMost(Limit limit, Double measured, double max, List<Breach> breaches) {
    if (measured == null || measured > max) {
      breaches.add(new Breach(limit, measured, max));
    }
  }

  /** One limit of the SLO. */
  public enum Limit {
    P95_TTFT("p95 ttft"),
    P95_E2E("p95 e2e"),
    ERROR_RATE("error rate"),
    /** The step has no request at all, so nothing was shown to hold. */
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
   * One broken limit.
   *
   * @param measured the step's value (milliseconds, or a 0..1 share for the error rate), null when
   *     it could not be measured (no successful request)
   * @param limit the SLO's limit in the same unit
   */
  public record Breach(Limit which, Double measured, double limit) {

    /** One line such as "p95 ttft 2431 ms > 2000 ms" or "error rate 3.2% > 1.0%". */
    public String describe() {
      return switch (which) {
        case REQUESTS -> "no requests in the step";
        case ERROR_RATE ->
            String.format(Locale.ROOT, "error rate %.1f%% > %.1f%%", measured * 100, limit * 100);
        case P95_TTFT, P95_E2E ->
            measured == null
                ? which.label() + " not measured (no successful request)"
                : String.format(
                    Locale.ROOT, "%s %.0f ms > %.0f ms", which.label(), measured, limit);
      };
    }
  }

  public boolean met() {
    return breaches.isEmpty();
  }

  /** Whether {@code limit} is among the broken ones. */
  public boolean broke(Limit limit) {
    return breaches.stream().anyMatch(b -> b.which() == limit);
  }

  /** "met", or the broken limits joined by "; ". */
  public String describe() {
    return met()
        ? "met"
        : breaches.stream().map(Breach::describe).collect(Collectors.joining("; "));
  }
}
