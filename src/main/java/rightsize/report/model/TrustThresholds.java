package rightsize.report.model;

import com.typesafe.config.Config;

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

  /** Reads the {@code report.trust} block of the rightsize config. */
  public static TrustThresholds fromConfig(Config rightsize) {
    Config t = rightsize.getConfig("report.trust");
    return new TrustThresholds(t.getLong("min-requests-p95"), t.getLong("min-requests-p99"),
        t.getDuration("max-injector-stall").toNanos() / 1e6, t.getDouble("max-injector-cpu"));
  }
}
