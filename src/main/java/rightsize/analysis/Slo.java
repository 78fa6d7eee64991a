package rightsize.analysis;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * The service-level objective a step must meet to count as capacity: p95 ttft, p95 e2e and the
 * share of failed requests, each at most its limit.
 *
 * @param p95TtftMs the largest acceptable p95 time to first token, in milliseconds
 * @param p95E2eMs the largest acceptable p95 end-to-end time, in milliseconds
 * @param maxErrorRate the largest acceptable share (0..1) of requests not ending ok, 429s included
 */
public record Slo(double p95TtftMs, double p95E2eMs, double maxErrorRate) {

  /** Reads {@code slo.p95-ttft}, {@code slo.p95-e2e} and {@code slo.max-error-rate} of the rightsize block. */
  public static Slo fromConfig(Config rightsize) {
    Config slo = rightsize.getConfig("slo");
    return new Slo(
        slo.getDuration("p95-ttft").toNanos() / 1e6,
        slo.getDuration("p95-e2e").toNanos() / 1e6,
        slo.getDouble("max-error-rate"));
  }

  /** Checks the step's current figures against every limit. */
  public SloVerdict check(StepStats stats) {
    return check(stats.summary());
  }

  /**
   * Checks {@code step} against every limit. A step with no successful request breaks the latency
   * limits too: an unmeasured latency is never taken as a met one.
   */
  public SloVerdict check(StepSummary step) {
    List<SloVerdict.Breach> breaches = new ArrayList<>();
    if (step.requests() == 0) {
      breaches.add(new SloVerdict.Breach(SloVerdict.Limit.REQUESTS, 0.0, 1));
      return new SloVerdict(breaches);
    }
    checkAtMost(SloVerdict.Limit.P95_TTFT, step.ttft().p95(), p95TtftMs, breaches);
    checkAtMost(SloVerdict.Limit.P95_E2E, step.e2e().p95(), p95E2eMs, breaches);
    checkAtMost(SloVerdict.Limit.ERROR_RATE, step.errorRate(), maxErrorRate, breaches);
    return new SloVerdict(breaches);
  }

  private static void checkAtMost(
      SloVerdict.Limit limit, Double measured, double max, List<SloVerdict.Breach> breaches) {
    if (measured == null || measured > max) {
      breaches.add(new SloVerdict.Breach(limit, measured, max));
    }
  }
}
