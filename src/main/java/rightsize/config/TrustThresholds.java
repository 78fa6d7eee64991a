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
 */
public record TrustThresholds(long minRequestsP95, long minRequestsP99, double maxInjectorStallMs, double maxInjectorCpu) {

  static TrustThresholds read(Section s) {
    int mark = s.mark();
    Long p95 = s.longValue("min-requests-p95", 1);
    Long p99 = s.longValue("min-requests-p99", 1);
    Duration stall = s.duration("max-injector-stall", false);
    Double cpu = s.number("max-injector-cpu", 0, 1);
    return s.failedSince(mark) ? null : new TrustThresholds(p95, p99, stall.toNanos() / 1e6, cpu);
  }
}
