package rightsize.config;

import java.time.Duration;

/**
 * When the report flags a step's figures as not to be trusted ({@code rightsize.report.trust}).
 *
 * @param minRequestsP95 a p95 resting on fewer successful requests than this is flagged
 * @param minRequestsP99 a p99 resting on fewer successful requests than this is flagged
 * @param maxInjectorStallMs a step during which a load generator stalled longer than this is flagged
 * @param maxInjectorCpu a step during which a load generator's machine used more than this share
 *     (0..1) of its CPUs is flagged
 * @param failGate whether the nightly gate fails (exit 6) when a verdict or recommendation rests on
 *     an untrusted figure; written into tradeoffs.json, where the gate reads it
 */
public record TrustThresholds(long minRequestsP95, long minRequestsP99, double maxInjectorStallMs, double maxInjectorCpu,
    boolean failGate) {

  static TrustThresholds read(Section s) {
    int mark = s.mark();
    Long p95 = s.longValue("min-requests-p95");
    Long p99 = s.longValue("min-requests-p99");
    Duration stall = s.duration("max-injector-stall");
    Double cpu = s.number("max-injector-cpu");
    Boolean failGate = s.bool("fail-gate");
    return s.failedSince(mark) ? null : new TrustThresholds(p95, p99, stall.toNanos() / 1e6, cpu, failGate);
  }
}
