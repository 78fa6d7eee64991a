package rightsize.config;

/** How a deployment is billed, by config name. */
public enum PricingMode implements ConfigNamed {
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
  @Override
  public String configName() {
    return configName;
  }

  /** True for the modes billed by the hour whatever the traffic. */
  public boolean hourly() {
    return this != PAY_PER_TOKEN;
  }
}
