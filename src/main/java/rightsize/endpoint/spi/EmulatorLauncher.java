package rightsize.endpoint.spi;

import java.net.URI;
import java.util.List;
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
}
