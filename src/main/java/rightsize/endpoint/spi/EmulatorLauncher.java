package rightsize.endpoint.spi;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import rightsize.config.DeploymentMonitor;
import rightsize.config.DeploymentSettings;
import rightsize.config.EmulatorSettings;

/**
 * Starts the server that answers for the deployments of kind {@code emulator}. The emulator
 * registers its implementation in {@code META-INF/services}, and {@code Endpoint} finds it with
 * {@link java.util.ServiceLoader}: endpoints serve real deployments and know no test double.
 */
public interface EmulatorLauncher {
  /**
   * Starts the emulator once per JVM, serving every deployment of kind emulator among {@code
   * deployments} as the {@code emulator} section says, and returns its base URI; later calls return
   * the running emulator's URI.
   */
  URI ensureStarted(EmulatorSettings emulator, List<DeploymentSettings> deployments);

  /**
   * Where the running emulator answers Azure Monitor's metrics API, or empty when it is not running.
   *
   * @param httpsUri its HTTPS base URI (the Azure SDK sends bearer tokens over HTTPS only)
   * @param trust a TLS context that trusts its self-signed certificate and nothing else
   */
  record MetricsService(URI httpsUri, SSLContext trust) {}

  /** The running emulator's metrics service, or empty when it has not been started. */
  Optional<MetricsService> metricsService();

  /**
   * The monitor section that points at the emulator's own metrics for {@code deployment} (an
   * emulated one): the resource it publishes them under and the metrics it publishes.
   */
  DeploymentMonitor monitor(DeploymentSettings deployment);
}
