package rightsize.config;

import java.util.Arrays;
import java.util.List;

/** How a deployment is billed, by config name. */
public enum PricingMode {
  /** Instances x the VM's hourly price, paid idle or busy (Azure ML managed online endpoints). */
  MANAGED_COMPUTE("managed-compute"),
  /** Per token: input, cached input and output prices per 1M tokens (Azure OpenAI standard). */
  PAY_PER_TOKEN("pay-per-token"),
  /** Provisioned throughput units x the hourly unit price, paid idle or busy. */
  PROVISIONED("provisioned");

  private final String configName;

  PricingMode(String configName) {
    this.configName = configName;
  }

  /** The name used in config and reports, e.g. "managed-compute". */
  public String configName() {
    return configName;
  }

  /** Parses a {@code pricing.mode} value; null when unknown. */
  public static PricingMode fromConfigName(String name) {
    return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst().orElse(null);
  }

  /** All config names, for error messages. */
  static List<String> configNames() {
    return Arrays.stream(values()).map(PricingMode::configName).toList();
  }

  /** True for the modes billed by the hour whatever the traffic. */
  public boolean hourly() {
    return this != PAY_PER_TOKEN;
  }
}
