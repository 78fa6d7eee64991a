package rightsize.emulator;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import rightsize.config.DeploymentMonitor;
import rightsize.config.DeploymentSettings;
import rightsize.config.EmulatorSettings;
import rightsize.emulator.monitor.EmulatedResource;
import rightsize.endpoint.spi.EmulatorLauncher;

/**
 * Starts the {@link EmbeddedEmulator} for deployments of kind emulator, and says where it publishes
 * their metrics; registered in {@code META-INF/services/rightsize.endpoint.spi.EmulatorLauncher}.
 */
public final class EmbeddedEmulatorLauncher implements EmulatorLauncher {
  @Override
  public URI ensureStarted(EmulatorSettings emulator, List<DeploymentSettings> deployments) {
    return EmbeddedEmulator.ensureStarted(emulator, deployments);
  }

  @Override
  public Optional<MetricsService> metricsService() {
    if (!EmbeddedEmulator.isRunning()) {
      return Optional.empty();
    }
    EmulatorServer server = EmbeddedEmulator.server();
    return Optional.of(new MetricsService(server.httpsUri(), server.certificate().orElseThrow().clientContext()));
  }

  @Override
  public DeploymentMonitor monitor(DeploymentSettings deployment) {
    boolean payPerToken = deployment.emulator() != null && deployment.emulator().isPayPerToken();
    return payPerToken
        ? new DeploymentMonitor(EmulatedResource.accountId(), deployment.name(), EmulatedResource.OPENAI_METRICS)
        : new DeploymentMonitor(EmulatedResource.deploymentId(deployment.name()), deployment.name(),
            EmulatedResource.MANAGED_METRICS);
  }
}
