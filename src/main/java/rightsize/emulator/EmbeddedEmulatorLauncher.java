package rightsize.emulator;

import com.typesafe.config.Config;
import java.net.URI;
import rightsize.endpoint.spi.EmulatorLauncher;

/**
 * Starts the {@link EmbeddedEmulator} for deployments of kind emulator; registered in {@code
 * META-INF/services/rightsize.endpoint.spi.EmulatorLauncher}.
 */
public final class EmbeddedEmulatorLauncher implements EmulatorLauncher {
  @Override
  public URI ensureStarted(Config rightsize) {
    return EmbeddedEmulator.ensureStarted(rightsize);
  }
}
