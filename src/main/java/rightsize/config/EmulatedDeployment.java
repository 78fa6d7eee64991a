package rightsize.config;

import java.util.stream.Stream;

/**
 * How the embedded emulator serves one deployment of kind emulator (its {@code emulator} block,
 * merged over {@code deployment-defaults}), with its serving profile resolved.
 *
 * @param profile the profile name: one of {@code rightsize.emulator.profiles}, or "pay-per-token"
 * @param maxConcurrentRequestsPerInstance Azure ML max_concurrent_requests_per_instance
 * @param requestTimeoutMs Azure ML request_timeout_ms (0 = none)
 * @param managed how fast one instance serves, or null for a pay-per-token deployment
 * @param payPerToken the pay-per-token rates and quotas (the global ones with this block's
 *     overrides), or null for a managed deployment
 */
public record EmulatedDeployment(
    String profile,
    int maxConcurrentRequestsPerInstance,
    long requestTimeoutMs,
    EmulatorSettings.Profile managed,
    EmulatorSettings.PayPerToken payPerToken) {

  /** Whether it acts as Azure OpenAI pay-per-token rather than Azure ML managed compute. */
  public boolean isPayPerToken() {
    return payPerToken != null;
  }

  /**
   * Reads a deployment's emulator block {@code s}; {@code emulator} is the emulator section (null
   * when it had problems of its own) and {@code payPerTokenDefaults} its pay-per-token block.
   */
  static EmulatedDeployment read(Section s, EmulatorSettings emulator, Section payPerTokenDefaults) {
    int mark = s.mark();
    String profile = s.required("profile");
    Integer maxConcurrent = s.integer("max-concurrent-requests-per-instance", 1);
    // 0 means no timeout.
    Long timeout = s.longValue("request-timeout-ms", 0);
    if (s.failedSince(mark) || emulator == null) {
      return null;
    }
    if (EmulatorSettings.PAY_PER_TOKEN.equals(profile)) {
      EmulatorSettings.PayPerToken rates = EmulatorSettings.payPerToken(s.over(payPerTokenDefaults));
      return rates == null ? null : new EmulatedDeployment(profile, maxConcurrent, timeout, null, rates);
    }
    EmulatorSettings.Profile managed = emulator.profiles().get(profile);
    if (managed == null) {
      s.problem("profile", "'" + profile + "' is not defined",
          "use " + String.join(", ", Stream.concat(Stream.of(EmulatorSettings.PAY_PER_TOKEN), emulator.profiles().keySet().stream()).toList())
              + " (or define it under rightsize.emulator.profiles) " + s.where("profile"));
      return null;
    }
    return new EmulatedDeployment(profile, maxConcurrent, timeout, managed, null);
  }
}
