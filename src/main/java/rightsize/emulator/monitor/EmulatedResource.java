package rightsize.emulator.monitor;

import java.util.List;
import java.util.Locale;

/**
 * An Azure resource the emulator publishes metrics for, named as Azure names it: a managed online
 * deployment, the online endpoint in front of all of them, or the Azure OpenAI account that holds
 * the pay-per-token deployments. All live in one made-up subscription and resource group.
 *
 * @param type its resource type
 * @param deployment the deployment a deployment resource stands for, or null for the endpoint and the account
 */
public record EmulatedResource(Type type, String deployment) {
  /** The subscription every emulated resource is in; another one answers 403, as Azure does without a role. */
  public static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

  public static final String RESOURCE_GROUP = "rightsize-emulator";

  /** The name of the emulated workspace, online endpoint and Azure OpenAI account. */
  public static final String NAME = "emulator";

  /** What a managed deployment's monitor section reads from the emulator: the series it models. */
  public static final List<String> MANAGED_METRICS =
      List.of("CpuUtilizationPercentage", "DeploymentCapacity", "RequestsPerMinute", "RequestLatency");

  /** What a pay-per-token deployment's monitor section reads from the emulator: the series it models. */
  public static final List<String> OPENAI_METRICS = List.of("AzureOpenAIRequests", "AzureOpenAITimeToResponse",
      "AzureOpenAINormalizedTBTInMS", "AzureOpenAITokenPerSecond", "ProcessedPromptTokens", "GeneratedTokens");

  private static final String GROUP_PATH = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP;

  /** The kinds of resource, with their metric namespace (their ARM resource type). */
  public enum Type {
    ONLINE_DEPLOYMENT("Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments"),
    ONLINE_ENDPOINT("Microsoft.MachineLearningServices/workspaces/onlineEndpoints"),
    OPENAI_ACCOUNT("Microsoft.CognitiveServices/accounts");

    private final String namespace;

    Type(String namespace) {
      this.namespace = namespace;
    }

    /** The ARM resource type, which is also the metric namespace. */
    public String namespace() {
      return namespace;
    }

    /** The provider part, e.g. Microsoft.MachineLearningServices. */
    String provider() {
      return namespace.substring(0, namespace.indexOf('/'));
    }

    /** The type below the provider, e.g. workspaces/onlineEndpoints/deployments. */
    String typeBelowProvider() {
      return namespace.substring(namespace.indexOf('/') + 1);
    }
  }

  /** The resource ID of managed online deployment {@code name}. */
  public static String deploymentId(String name) {
    return endpointId() + "/deployments/" + name;
  }

  /** The resource ID of the online endpoint in front of every managed deployment. */
  public static String endpointId() {
    return GROUP_PATH + "/providers/Microsoft.MachineLearningServices/workspaces/" + NAME + "/onlineEndpoints/" + NAME;
  }

  /** The resource ID of the Azure OpenAI account holding the pay-per-token deployments. */
  public static String accountId() {
    return GROUP_PATH + "/providers/Microsoft.CognitiveServices/accounts/" + NAME;
  }

  /** This resource's ID. */
  public String id() {
    return switch (type) {
      case ONLINE_DEPLOYMENT -> deploymentId(deployment);
      case ONLINE_ENDPOINT -> endpointId();
      case OPENAI_ACCOUNT -> accountId();
    };
  }

  /**
   * The resource a resource ID names, whatever the deployment; null when it is none of the
   * emulator's shapes. Compared without regard to case, as ARM does.
   */
  static EmulatedResource parse(List<String> segments) {
    String id = "/" + String.join("/", segments);
    String lower = id.toLowerCase(Locale.ROOT);
    if (lower.equals(endpointId().toLowerCase(Locale.ROOT))) {
      return new EmulatedResource(Type.ONLINE_ENDPOINT, null);
    }
    if (lower.equals(accountId().toLowerCase(Locale.ROOT))) {
      return new EmulatedResource(Type.OPENAI_ACCOUNT, null);
    }
    String prefix = (endpointId() + "/deployments/").toLowerCase(Locale.ROOT);
    if (lower.startsWith(prefix) && lower.indexOf('/', prefix.length()) < 0 && lower.length() > prefix.length()) {
      return new EmulatedResource(Type.ONLINE_DEPLOYMENT, id.substring(prefix.length()));
    }
    return null;
  }
}
