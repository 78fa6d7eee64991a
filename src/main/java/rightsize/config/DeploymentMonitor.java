package rightsize.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A deployment's {@code monitor} section: the Azure resource whose Azure Monitor metrics describe it
 * (docs/monitoring.md).
 *
 * @param resourceId a managed online deployment's resource ID (which names its workspace and
 *     endpoint too), or a Cognitive Services account's
 * @param deployment the model deployment within the account (the {@code ModelDeploymentName}
 *     dimension); the deployment's own name for an online deployment
 * @param metrics the metrics to read by Azure's REST names; empty means every one the suite knows
 *     for the resource's kind
 */
public record DeploymentMonitor(String resourceId, String deployment, List<String> metrics) {
  private static final Pattern ONLINE_DEPLOYMENT = Pattern.compile(
      "(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.MachineLearningServices"
          + "/workspaces/[^/]+/onlineEndpoints/[^/]+/deployments/([^/]+)");
  private static final Pattern ACCOUNT = Pattern.compile(
      "(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.CognitiveServices/accounts/[^/]+");

  public DeploymentMonitor {
    metrics = List.copyOf(metrics);
  }

  /** Whether the resource is an Azure ML managed online deployment (else a Cognitive Services account). */
  public boolean onlineDeployment() {
    return ONLINE_DEPLOYMENT.matcher(resourceId).matches();
  }

  /**
   * Reads the {@code monitor} block of a deployment of {@code kind} whose {@code deployment} value is
   * {@code modelDeployment}: the resource ID must name the kind of resource the kind is served from.
   */
  static DeploymentMonitor read(Section s, TargetKind kind, String modelDeployment) {
    int mark = s.mark();
    String id = s.required("resource-id");
    List<String> metrics = s.has("metrics") ? s.names("metrics") : List.of();
    String deployment = s.has("deployment") ? s.string("deployment") : modelDeployment;
    if (s.failedSince(mark) || kind == null) {
      return null;
    }
    String where = s.where("resource-id");
    String trimmed = id.trim().replaceAll("/+$", "");
    boolean online = ONLINE_DEPLOYMENT.matcher(trimmed).matches();
    boolean account = ACCOUNT.matcher(trimmed).matches();
    switch (kind) {
      case EMULATOR -> s.problem("resource-id", "is set for an emulated deployment",
          "remove the monitor section: the emulator publishes its own metrics " + where);
      case OPENAI_COMPATIBLE -> s.problem("resource-id", "is set for an openai-compatible server",
          "remove the monitor section: it reads Azure ML deployments and Cognitive Services accounts only " + where);
      case AML_ONLINE_ENDPOINT -> {
        if (!online) {
          s.problem("resource-id", "'" + id + "' is not a managed online deployment's resource ID",
              "set /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/workspaces/<ws>"
                  + "/onlineEndpoints/<endpoint>/deployments/<deployment> (az ml online-deployment show --query id) " + where);
        }
      }
      default -> {
        if (!account) {
          s.problem("resource-id", "'" + id + "' is not a Cognitive Services account's resource ID",
              "set /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.CognitiveServices/accounts/<account>"
                  + " (az cognitiveservices account show --query id) " + where);
        }
      }
    }
    if (deployment != null && deployment.isBlank()) {
      s.problem("deployment", "is empty", "name the model deployment, or remove the key to use the deployment's own " + s.where("deployment"));
    }
    if (s.failedSince(mark)) {
      return null;
    }
    if (online) {
      var m = ONLINE_DEPLOYMENT.matcher(trimmed);
      m.matches();
      deployment = m.group(1);
    }
    return new DeploymentMonitor(trimmed, deployment, metrics);
  }
}
