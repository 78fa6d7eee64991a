package rightsize.monitor;

import java.util.ArrayList;
import java.util.List;
import rightsize.telemetry.Measure;

/**
 * The kinds of Azure resource the suite reads metrics of, with the metrics it reads by default and
 * how each is asked for (names, dimensions and aggregations from Azure's reference, docs/monitoring.md).
 */
public enum MonitoredKind {
  /** An Azure ML managed online deployment, and the online endpoint in front of it. */
  ONLINE_DEPLOYMENT,
  /** An Azure OpenAI deployment in a Cognitive Services account. */
  AZURE_OPENAI,
  /** A Foundry model deployment (not an OpenAI model) in a Cognitive Services account. */
  FOUNDRY_MODELS;

  /** Which of the target's resources a metric lives on, and the dimension filter it takes. */
  enum Level {
    /** The deployment resource itself, split by instance. */
    DEPLOYMENT,
    /** The deployment resource, not split (whole-deployment figures like its capacity). */
    DEPLOYMENT_WHOLE,
    /** The online endpoint, filtered to the deployment. */
    ENDPOINT,
    /** The online endpoint as a whole (no deployment dimension). */
    ENDPOINT_WHOLE,
    /** The Cognitive Services account, filtered to the model deployment. */
    ACCOUNT
  }

  /** A metric the suite knows the meaning of. */
  record Known(MonitoredKind kind, String name, Measure measure, Level level, List<String> aggregations) {}

  private static final List<String> MEAN_AND_PEAK = List.of("Average", "Maximum");
  private static final List<String> MEAN = List.of("Average");
  private static final List<String> SUM = List.of("Total");

  private static final List<Known> KNOWN = List.of(
      new Known(ONLINE_DEPLOYMENT, "CpuUtilizationPercentage", Measure.CPU, Level.DEPLOYMENT, MEAN_AND_PEAK),
      new Known(ONLINE_DEPLOYMENT, "CpuMemoryUtilizationPercentage", Measure.MEMORY, Level.DEPLOYMENT, MEAN_AND_PEAK),
      new Known(ONLINE_DEPLOYMENT, "GpuUtilizationPercentage", Measure.GPU, Level.DEPLOYMENT, MEAN_AND_PEAK),
      new Known(ONLINE_DEPLOYMENT, "GpuMemoryUtilizationPercentage", Measure.GPU_MEMORY, Level.DEPLOYMENT, MEAN_AND_PEAK),
      new Known(ONLINE_DEPLOYMENT, "DiskUtilization", Measure.DISK, Level.DEPLOYMENT, MEAN_AND_PEAK),
      new Known(ONLINE_DEPLOYMENT, "DeploymentCapacity", Measure.INSTANCES, Level.DEPLOYMENT_WHOLE, MEAN_AND_PEAK),
      new Known(ONLINE_DEPLOYMENT, "RequestsPerMinute", Measure.REQUESTS_PER_MINUTE, Level.ENDPOINT, MEAN),
      new Known(ONLINE_DEPLOYMENT, "RequestLatency", Measure.LATENCY, Level.ENDPOINT, MEAN),
      new Known(ONLINE_DEPLOYMENT, "ConnectionsActive", Measure.CONNECTIONS, Level.ENDPOINT_WHOLE, MEAN),
      new Known(AZURE_OPENAI, "AzureOpenAIRequests", Measure.REQUESTS, Level.ACCOUNT, SUM),
      new Known(AZURE_OPENAI, "AzureOpenAITimeToResponse", Measure.TIME_TO_RESPONSE, Level.ACCOUNT, MEAN_AND_PEAK),
      new Known(AZURE_OPENAI, "AzureOpenAINormalizedTBTInMS", Measure.TIME_BETWEEN_TOKENS, Level.ACCOUNT, MEAN_AND_PEAK),
      new Known(AZURE_OPENAI, "AzureOpenAITokenPerSecond", Measure.TOKENS_PER_SECOND, Level.ACCOUNT, MEAN_AND_PEAK),
      new Known(AZURE_OPENAI, "ProcessedPromptTokens", Measure.PROMPT_TOKENS, Level.ACCOUNT, SUM),
      new Known(AZURE_OPENAI, "GeneratedTokens", Measure.GENERATED_TOKENS, Level.ACCOUNT, SUM),
      new Known(AZURE_OPENAI, "AzureOpenAIProvisionedManagedUtilizationV2", Measure.PROVISIONED, Level.ACCOUNT, MEAN_AND_PEAK),
      new Known(FOUNDRY_MODELS, "ModelRequests", Measure.REQUESTS, Level.ACCOUNT, SUM),
      new Known(FOUNDRY_MODELS, "TimeToResponse", Measure.TIME_TO_RESPONSE, Level.ACCOUNT, MEAN_AND_PEAK),
      new Known(FOUNDRY_MODELS, "NormalizedTimeBetweenTokens", Measure.TIME_BETWEEN_TOKENS, Level.ACCOUNT, MEAN_AND_PEAK),
      new Known(FOUNDRY_MODELS, "TokensPerSecond", Measure.TOKENS_PER_SECOND, Level.ACCOUNT, MEAN_AND_PEAK),
      new Known(FOUNDRY_MODELS, "InputTokens", Measure.PROMPT_TOKENS, Level.ACCOUNT, SUM),
      new Known(FOUNDRY_MODELS, "OutputTokens", Measure.GENERATED_TOKENS, Level.ACCOUNT, SUM),
      new Known(FOUNDRY_MODELS, "ProvisionedUtilization", Measure.PROVISIONED, Level.ACCOUNT, MEAN_AND_PEAK));

  /** The metrics read when a monitor section names none: every metric the suite knows for this kind. */
  public List<String> defaultMetrics() {
    List<String> out = new ArrayList<>();
    for (Known k : KNOWN) {
      if (k.kind() == this) {
        out.add(k.name());
      }
    }
    return out;
  }

  /**
   * How {@code name} is read for this kind; a name the suite does not know is read as Azure names it,
   * from the deployment (or account) resource, its mean and peak, and kept uninterpreted.
   */
  Known known(String name) {
    for (Known k : KNOWN) {
      if (k.kind() == this && k.name().equalsIgnoreCase(name)) {
        return k;
      }
    }
    return new Known(this, name, Measure.OTHER, this == ONLINE_DEPLOYMENT ? Level.DEPLOYMENT_WHOLE : Level.ACCOUNT, MEAN_AND_PEAK);
  }
}
