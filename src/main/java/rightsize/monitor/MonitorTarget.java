package rightsize.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rightsize.config.DeploymentMonitor;
import rightsize.config.TargetKind;

/**
 * One deployment's Azure resources and the metrics to read from them. Built from the deployment's
 * monitor section: a managed online deployment's resource ID (which names its workspace and
 * endpoint too), or a Cognitive Services account's resource ID and the model deployment's name.
 *
 * @param deployment the deployment's configured name
 * @param kind what kind of resource it is
 * @param queries the metrics to read, in order
 */
public record MonitorTarget(String deployment, MonitoredKind kind, List<MetricQuery> queries) {
  private static final String DEPLOYMENTS = "/deployments/";

  public MonitorTarget {
    queries = List.copyOf(queries);
  }

  /**
   * The target a monitor section describes for deployment {@code deployment} of {@code kind}: an online
   * deployment's metrics, or a model deployment's in its account (Foundry models' own metrics for
   * kind foundry-models, Azure OpenAI's otherwise).
   */
  public static MonitorTarget of(String deployment, TargetKind kind, DeploymentMonitor monitor) {
    if (monitor.onlineDeployment()) {
      return onlineDeployment(deployment, monitor.resourceId(), monitor.metrics());
    }
    MonitoredKind accountKind = kind == TargetKind.FOUNDRY_MODELS ? MonitoredKind.FOUNDRY_MODELS : MonitoredKind.AZURE_OPENAI;
    return accountDeployment(deployment, accountKind, monitor.resourceId(), monitor.deployment(), monitor.metrics());
  }

  /**
   * A managed online deployment: {@code resourceId} is
   * {@code /subscriptions/S/resourceGroups/G/providers/Microsoft.MachineLearningServices/workspaces/W/onlineEndpoints/E/deployments/D};
   * endpoint metrics come from its parent, filtered to D.
   */
  public static MonitorTarget onlineDeployment(String deployment, String resourceId, List<String> metrics) {
    int at = resourceId.toLowerCase(Locale.ROOT).lastIndexOf(DEPLOYMENTS);
    if (at < 0 || !resourceId.toLowerCase(Locale.ROOT).contains("/onlineendpoints/")) {
      throw new IllegalArgumentException("'" + resourceId + "' is not the resource ID of a managed online deployment"
          + " (.../workspaces/W/onlineEndpoints/E/deployments/D)");
    }
    String endpointId = resourceId.substring(0, at);
    String name = resourceId.substring(at + DEPLOYMENTS.length());
    List<MetricQuery> queries = new ArrayList<>();
    for (String metric : metrics.isEmpty() ? MonitoredKind.ONLINE_DEPLOYMENT.defaultMetrics() : metrics) {
      MonitoredKind.Known k = MonitoredKind.ONLINE_DEPLOYMENT.known(metric);
      String id = switch (k.level()) {
        case ENDPOINT, ENDPOINT_WHOLE -> endpointId;
        default -> resourceId;
      };
      String filter = switch (k.level()) {
        case DEPLOYMENT -> "instanceId eq '*'";
        case ENDPOINT -> "deployment eq '" + name + "'";
        default -> "";
      };
      queries.add(new MetricQuery(k.name(), k.measure(), id, filter, k.aggregations()));
    }
    return new MonitorTarget(deployment, MonitoredKind.ONLINE_DEPLOYMENT, queries);
  }

  /**
   * A model deployment {@code modelDeployment} in the Cognitive Services account {@code accountId}
   * ({@code /subscriptions/S/resourceGroups/G/providers/Microsoft.CognitiveServices/accounts/A}),
   * of {@code kind} AZURE_OPENAI or FOUNDRY_MODELS.
   */
  public static MonitorTarget accountDeployment(
      String deployment, MonitoredKind kind, String accountId, String modelDeployment, List<String> metrics) {
    if (kind == MonitoredKind.ONLINE_DEPLOYMENT || !accountId.toLowerCase(Locale.ROOT).contains("/providers/microsoft.cognitiveservices/accounts/")) {
      throw new IllegalArgumentException("'" + accountId + "' is not the resource ID of a Cognitive Services account"
          + " (.../providers/Microsoft.CognitiveServices/accounts/A)");
    }
    List<MetricQuery> queries = new ArrayList<>();
    for (String metric : metrics.isEmpty() ? kind.defaultMetrics() : metrics) {
      MonitoredKind.Known k = kind.known(metric);
      queries.add(new MetricQuery(k.name(), k.measure(), accountId, "ModelDeploymentName eq '" + modelDeployment + "'", k.aggregations()));
    }
    return new MonitorTarget(deployment, kind, queries);
  }
}
