package rightsize.telemetry;

import java.util.List;
import java.util.Optional;

/**
 * What telemetry.json holds: the server-side metrics of every deployment of a run, read from Azure
 * Monitor (or the emulator standing in for it) after the run.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param collectedAt when the last query was answered, ISO-8601 UTC
 * @param source the metrics service's base URL
 * @param grain the time grain asked for, ISO-8601 (PT1M)
 * @param deployments one entry per configured deployment, in configuration order
 */
public record Telemetry(int schemaVersion, String collectedAt, String source, String grain, List<DeploymentTelemetry> deployments) {
  public static final int SCHEMA_VERSION = 1;

  public Telemetry {
    deployments = List.copyOf(deployments);
  }

  /** The entry of {@code deployment}, if it has one. */
  public Optional<DeploymentTelemetry> deployment(String deployment) {
    return deployments.stream().filter(d -> d.deployment().equals(deployment)).findFirst();
  }
}
