package rightsize.telemetry;

/** What a server-side metric measures, whatever Azure calls it for a kind of deployment. */
public enum Measure {
  CPU("CPU", true),
  MEMORY("memory", true),
  GPU("GPU", true),
  GPU_MEMORY("GPU memory", true),
  DISK("disk", true),
  /** Provisioned throughput units in use (Azure OpenAI PTU deployments). */
  PROVISIONED("provisioned throughput", true),
  INSTANCES("instances", false),
  REQUESTS_PER_MINUTE("requests per minute", false),
  REQUESTS("requests", false),
  /** The service's own request latency (first to last byte as the service sees it). */
  LATENCY("service latency", false),
  TIME_TO_RESPONSE("time to response", false),
  TIME_BETWEEN_TOKENS("time between tokens", false),
  TOKENS_PER_SECOND("tokens per second", false),
  PROMPT_TOKENS("prompt tokens", false),
  GENERATED_TOKENS("generated tokens", false),
  CONNECTIONS("active connections", false),
  /** A metric named in the configuration that the suite has no meaning for; kept, not interpreted. */
  OTHER("other", false);

  private final String label;
  private final boolean utilization;

  Measure(String label, boolean utilization) {
    this.label = label;
    this.utilization = utilization;
  }

  /** How the report names it ("CPU", "GPU memory"). */
  public String label() {
    return label;
  }

  /** Whether it is a resource's busy share in percent, the kind of figure that saturates at 100%. */
  public boolean utilization() {
    return utilization;
  }
}
