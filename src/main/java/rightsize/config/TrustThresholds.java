package rightsize.config;

import java.time.Duration;

/**
 * When the report flags a step's figures as not to be trusted ({@code rightsize.report.trust}).
 *
 * @param minRequestsP95 a p95 resting on fewer successful requests than this is flagged
 * @param minRequestsP99 a p99 resting on fewer successful requests than this is flagged
 * @param maxInjectorStallMs a load generator's sleeping probe thread waking later than this during a
 *     step says its machine was busy (flagged only for runs older than the event loops' lag)
 * @param maxInjectorCpu a load generator's machine using more than this share (0..1) of its CPUs
 *     during a step says it was busy (flagged only for runs older than the event loops' lag)
 * @param maxClientLagMs a step during which the client's event loops were later than this for more
 *     than 1% of the time (their lag's p99) is flagged: its latency percentiles may hold that much
 *     client-side delay
 * @param failGate whether the nightly gate fails (exit 6) when a verdict or recommendation rests on
 *     an untrusted figure; written into tradeoffs.json, where the gate reads it
 */
public record TrustThresholds(long minRequestsP95, long minRequestsP99, double maxInjectorStallMs,
    double maxInjectorCpu, double maxClientLagMs, boolean failGate) {

  static TrustThresholds read(Section s) {
    int mark = s.mark();
    Long p95 = s.longValue("min-requests-p95", 1);
    Long p99 = s.longValue("min-requests-p99", 1);
    Duration stall = s.duration("max-injector-stall", false);
    Double cpu = s.number("max-injector-cpu", 0, 1);
    Duration lag = s.duration("max-client-lag", false);
    Boolean failGate = s.bool("fail-gate");
    return s.failedSince(mark) ? null
        : new TrustThresholds(p95, p99, stall.toNanos() / 1e6, cpu, lag.toNanos() / 1e6, failGate);
  }
}
