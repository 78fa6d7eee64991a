package rightsize.emulator;

import com.typesafe.config.Config;
import java.net.URI;

/** The process-wide emulator the suite starts on loopback when a deployment's kind is {@code emulator}. */
public final class EmbeddedEmulator {
  private EmbeddedEmulator() {}

  /**
   * Starts the emulator once per JVM on a free loopback port, serving every deployment of kind
   * emulator in {@code rightsize} (the config at path "rightsize"), and returns its base URI. Each
   * deployment answers as an Azure ML online endpoint deployment: POST {base}/score with header
   * {@code azureml-model-deployment: <deployment name>}.
   */
  public static synchronized URI ensureStarted(Config rightsize) {
    throw new UnsupportedOperationException("TODO: emulator");
  }

  /** Stops the emulator if it was started. */
  public static synchronized void stop() {
    throw new UnsupportedOperationException("TODO: emulator");
  }
}
