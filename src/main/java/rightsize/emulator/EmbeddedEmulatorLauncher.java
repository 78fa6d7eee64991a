package rightsize.emulator;

import java.net.URI;
import java.util.List;
import rightsize.config.DeploymentSettings;
import rightsize.config.EmulatorSettings;
import rightsize.endpoint.spi.EmulatorLauncher;

/**
 * Starts the {@link EmbeddedEmulator} for deployments of kind emulator; registered in {@code
 * META-INF/services/rightsize.endpoint.spi.EmulatorLauncher}.
 */
public final class EmbeddedEmulatorLauncher implements EmulatorLauncher {
  @Override
  public URI ensureStarted(EmulatorSettings emulator, List<DeploymentSettings> deployments) {
    return EmbeddedEmulator.ensureStarted(emulator, deployments);
  }
}
