package rightsize.emulator.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rightsize.emulator.monitor.EmulatedResource.Type;

/**
 * The platform metrics Azure Monitor has for the resource types the emulator stands in for, with
 * their REST names, units and dimensions as Azure's reference lists them (docs/monitoring.md), and
 * what the emulator publishes for each: a series from its ground truth, or no data where it models
 * nothing (memory, GPU, disk, connections, provisioned throughput).
 */
enum AzureMetric {
  // Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments
  CPU_MEMORY_UTILIZATION(Type.ONLINE_DEPLOYMENT, "CpuMemoryUtilizationPercentage", "CPU Memory Utilization Percentage", "Percent", Source.NONE, "instanceId"),
  CPU_UTILIZATION(Type.ONLINE_DEPLOYMENT, "CpuUtilizationPercentage", "CPU Utilization Percentage", "Percent", Source.BUSY_SLOTS, "instanceId"),
  DATA_COLLECTION_ERRORS(Type.ONLINE_DEPLOYMENT, "DataCollectionErrorsPerMinute", "Data Collection Errors Per Minute", "Count", Source.NONE, "instanceId", "reason", "type"),
  DATA_COLLECTION_EVENTS(Type.ONLINE_DEPLOYMENT, "DataCollectionEventsPerMinute", "Data Collection Events Per Minute", "Count", Source.NONE, "instanceId", "type"),
  DEPLOYMENT_CAPACITY(Type.ONLINE_DEPLOYMENT, "DeploymentCapacity", "Deployment Capacity", "Count", Source.INSTANCES, "instanceId", "State"),
  DISK_UTILIZATION(Type.ONLINE_DEPLOYMENT, "DiskUtilization", "Disk Utilization", "Percent", Source.NONE, "instanceId", "disk"),
  GPU_ENERGY(Type.ONLINE_DEPLOYMENT, "GpuEnergyJoules", "GPU Energy in Joules", "Count", Source.NONE, "instanceId"),
  GPU_MEMORY_UTILIZATION(Type.ONLINE_DEPLOYMENT, "GpuMemoryUtilizationPercentage", "GPU Memory Utilization Percentage", "Percent", Source.NONE, "instanceId"),
  GPU_UTILIZATION(Type.ONLINE_DEPLOYMENT, "GpuUtilizationPercentage", "GPU Utilization Percentage", "Percent", Source.NONE, "instanceId"),
  DEPLOYMENT_LATENCY_P50(Type.ONLINE_DEPLOYMENT, "RequestLatency_P50", "Request Latency P50", "MilliSeconds", Source.E2E_P50),
  DEPLOYMENT_LATENCY_P90(Type.ONLINE_DEPLOYMENT, "RequestLatency_P90", "Request Latency P90", "MilliSeconds", Source.E2E_P90),
  DEPLOYMENT_LATENCY_P95(Type.ONLINE_DEPLOYMENT, "RequestLatency_P95", "Request Latency P95", "MilliSeconds", Source.E2E_P95),
  DEPLOYMENT_LATENCY_P99(Type.ONLINE_DEPLOYMENT, "RequestLatency_P99", "Request Latency P99", "MilliSeconds", Source.E2E_P99),
  DEPLOYMENT_REQUESTS_PER_MINUTE(Type.ONLINE_DEPLOYMENT, "RequestsPerMinute", "Requests Per Minute", "Count", Source.REQUESTS_PER_MINUTE, "envoy_response_code"),

  // Microsoft.MachineLearningServices/workspaces/onlineEndpoints
  CONNECTIONS_ACTIVE(Type.ONLINE_ENDPOINT, "ConnectionsActive", "Connections Active", "Count", Source.NONE),
  ENDPOINT_DATA_COLLECTION_ERRORS(Type.ONLINE_ENDPOINT, "DataCollectionErrorsPerMinute", "Data Collection Errors Per Minute", "Count", Source.NONE, "deployment", "reason", "type"),
  ENDPOINT_DATA_COLLECTION_EVENTS(Type.ONLINE_ENDPOINT, "DataCollectionEventsPerMinute", "Data Collection Events Per Minute", "Count", Source.NONE, "deployment", "type"),
  NETWORK_BYTES(Type.ONLINE_ENDPOINT, "NetworkBytes", "Network Bytes", "BytesPerSecond", Source.NONE),
  NEW_CONNECTIONS(Type.ONLINE_ENDPOINT, "NewConnectionsPerSecond", "New Connections Per Second", "CountPerSecond", Source.NONE),
  REQUEST_LATENCY(Type.ONLINE_ENDPOINT, "RequestLatency", "Request Latency", "MilliSeconds", Source.E2E_MEAN, "deployment"),
  REQUEST_LATENCY_P50(Type.ONLINE_ENDPOINT, "RequestLatency_P50", "Request Latency P50", "MilliSeconds", Source.E2E_P50, "deployment"),
  REQUEST_LATENCY_P90(Type.ONLINE_ENDPOINT, "RequestLatency_P90", "Request Latency P90", "MilliSeconds", Source.E2E_P90, "deployment"),
  REQUEST_LATENCY_P95(Type.ONLINE_ENDPOINT, "RequestLatency_P95", "Request Latency P95", "MilliSeconds", Source.E2E_P95, "deployment"),
  REQUEST_LATENCY_P99(Type.ONLINE_ENDPOINT, "RequestLatency_P99", "Request Latency P99", "MilliSeconds", Source.E2E_P99, "deployment"),
  REQUESTS_PER_MINUTE(Type.ONLINE_ENDPOINT, "RequestsPerMinute", "Requests Per Minute", "Count", Source.REQUESTS_PER_MINUTE, "deployment", "statusCode", "statusCodeClass", "modelStatusCode"),

  // Microsoft.CognitiveServices/accounts: the Azure OpenAI metrics, and the Foundry models' ones
  AOAI_REQUESTS(Type.OPENAI_ACCOUNT, "AzureOpenAIRequests", "Azure OpenAI Requests", "Count", Source.REQUESTS, "ApiName", "OperationName", "Region", "StreamType", "ModelDeploymentName", "ModelName", "ModelVersion", "StatusCode"),
  AOAI_TIME_TO_RESPONSE(Type.OPENAI_ACCOUNT, "AzureOpenAITimeToResponse", "Time to Response", "MilliSeconds", Source.TTFT, "ApiName", "OperationName", "Region", "StreamType", "ModelDeploymentName", "ModelName", "ModelVersion", "StatusCode"),
  AOAI_TIME_TO_LAST_BYTE(Type.OPENAI_ACCOUNT, "AzureOpenAITTLTInMS", "Time to Last Byte", "MilliSeconds", Source.E2E_MEAN, "Region", "ModelDeploymentName", "ModelName", "ModelVersion"),
  AOAI_TIME_BETWEEN_TOKENS(Type.OPENAI_ACCOUNT, "AzureOpenAINormalizedTBTInMS", "Time Between Token", "MilliSeconds", Source.TIME_BETWEEN_TOKENS, "Region", "ModelDeploymentName", "ModelName", "ModelVersion"),
  AOAI_NORMALIZED_TTFT(Type.OPENAI_ACCOUNT, "AzureOpenAINormalizedTTFTInMS", "Normalized Time to First Byte", "MilliSeconds", Source.NONE, "Region", "ModelDeploymentName", "ModelName", "ModelVersion"),
  AOAI_TOKENS_PER_SECOND(Type.OPENAI_ACCOUNT, "AzureOpenAITokenPerSecond", "Tokens Per Second", "Count", Source.TOKENS_PER_SECOND, "Region", "ModelDeploymentName", "ModelName", "ModelVersion"),
  AOAI_PTU_UTILIZATION(Type.OPENAI_ACCOUNT, "AzureOpenAIProvisionedManagedUtilizationV2", "Provisioned-managed Utilization V2", "Percent", Source.NONE, "Region", "StreamType", "ModelDeploymentName", "ModelName", "ModelVersion"),
  ACTIVE_TOKENS(Type.OPENAI_ACCOUNT, "ActiveTokens", "Active Tokens", "Count", Source.NONE, "Region", "ModelDeploymentName", "ModelName", "ModelVersion"),
  GENERATED_TOKENS(Type.OPENAI_ACCOUNT, "GeneratedTokens", "Generated Completion Tokens", "Count", Source.COMPLETION_TOKENS, "ApiName", "ModelDeploymentName", "FeatureName", "UsageChannel", "Region", "ModelVersion"),
  PROCESSED_PROMPT_TOKENS(Type.OPENAI_ACCOUNT, "ProcessedPromptTokens", "Processed Prompt Tokens", "Count", Source.PROMPT_TOKENS, "ApiName", "ModelDeploymentName", "FeatureName", "UsageChannel", "Region", "ModelVersion"),
  TOKEN_TRANSACTION(Type.OPENAI_ACCOUNT, "TokenTransaction", "Processed Inference Tokens", "Count", Source.ALL_TOKENS, "ApiName", "ModelDeploymentName", "FeatureName", "UsageChannel", "Region", "ModelVersion"),
  MODEL_REQUESTS(Type.OPENAI_ACCOUNT, "ModelRequests", "Model Requests", "Count", Source.NONE, "ApiName", "OperationName", "Region", "StreamType", "ModelDeploymentName", "ModelName", "ModelVersion", "StatusCode"),
  TIME_TO_RESPONSE(Type.OPENAI_ACCOUNT, "TimeToResponse", "Time to Response", "MilliSeconds", Source.NONE, "ApiName", "OperationName", "Region", "StreamType", "ModelDeploymentName", "ModelName", "ModelVersion", "StatusCode"),
  NORMALIZED_TIME_BETWEEN_TOKENS(Type.OPENAI_ACCOUNT, "NormalizedTimeBetweenTokens", "Time Between Tokens", "MilliSeconds", Source.NONE, "ApiName", "OperationName", "Region", "StreamType", "ModelDeploymentName", "ModelName", "ModelVersion"),
  TOKENS_PER_SECOND(Type.OPENAI_ACCOUNT, "TokensPerSecond", "Tokens Per Second", "Count", Source.NONE, "ApiName", "OperationName", "Region", "StreamType", "ModelDeploymentName", "ModelName", "ModelVersion"),
  INPUT_TOKENS(Type.OPENAI_ACCOUNT, "InputTokens", "Input Tokens", "Count", Source.NONE, "ApiName", "Region", "ModelDeploymentName", "ModelName", "ModelVersion"),
  OUTPUT_TOKENS(Type.OPENAI_ACCOUNT, "OutputTokens", "Output Tokens", "Count", Source.NONE, "ApiName", "Region", "ModelDeploymentName", "ModelName", "ModelVersion"),
  PROVISIONED_UTILIZATION(Type.OPENAI_ACCOUNT, "ProvisionedUtilization", "Provisioned Utilization", "Percent", Source.NONE, "Region", "ModelDeploymentName", "ModelName", "ModelVersion");

  /** What the emulator computes a metric from. */
  enum Source {
    /** Slots taken on an instance as a share of its slots, time-weighted: the capacity model's CPU. */
    BUSY_SLOTS,
    /** The deployment's instance count. */
    INSTANCES,
    /** Per request, arrival to last byte, in ms: mean, or the percentile Azure averages. */
    E2E_MEAN,
    E2E_P50,
    E2E_P90,
    E2E_P95,
    E2E_P99,
    /** Requests answered in the time grain, scaled to one minute. */
    REQUESTS_PER_MINUTE,
    /** Requests answered in the time grain. */
    REQUESTS,
    /** Per request, arrival to first content, in ms. */
    TTFT,
    /** Per streamed request, the mean gap between content writes, in ms. */
    TIME_BETWEEN_TOKENS,
    /** Per request, output tokens over the time from first to last content, per second. */
    TOKENS_PER_SECOND,
    PROMPT_TOKENS,
    COMPLETION_TOKENS,
    ALL_TOKENS,
    /** Not modelled: Azure knows the metric, the emulator has no data for it. */
    NONE
  }

  final Type resource;
  final String restName;
  final String displayName;
  final String unit;
  final Source source;
  final List<String> dimensions;

  AzureMetric(Type resource, String restName, String displayName, String unit, Source source, String... dimensions) {
    this.resource = resource;
    this.restName = restName;
    this.displayName = displayName;
    this.unit = unit;
    this.source = source;
    this.dimensions = List.of(dimensions);
  }

  /** The metric {@code name} (any case) of resource type {@code type}, or null when Azure has none by that name. */
  static AzureMetric find(Type type, String name) {
    for (AzureMetric m : values()) {
      if (m.resource == type && m.restName.equalsIgnoreCase(name)) {
        return m;
      }
    }
    return null;
  }

  /** Every metric name of {@code type}, as Azure lists them when a name is wrong. */
  static List<String> names(Type type) {
    List<String> out = new ArrayList<>();
    for (AzureMetric m : values()) {
      if (m.resource == type) {
        out.add(m.restName);
      }
    }
    return out;
  }

  /** The dimension called {@code name} (any case), in Azure's spelling, or null. */
  String dimension(String name) {
    for (String d : dimensions) {
      if (d.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    return null;
  }
}
