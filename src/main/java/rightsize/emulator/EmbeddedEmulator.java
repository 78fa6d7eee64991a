package rightsize.emulator;

import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rightsize.config.DeploymentSettings;
import rightsize.config.EmulatorSettings;
import rightsize.emulator.settings.EmulatorSetup;

/** The process-wide emulator the suite starts on loopback when a deployment's kind is {@code emulator}. */
public final class EmbeddedEmulator {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEmulator.class);
  private static EmulatorServer server;
  private static boolean stopAtExit;

  private EmbeddedEmulator() {}

  /**
   * Starts the emulator once per JVM on a free loopback port, serving every deployment of kind
   * emulator among {@code deployments} as the {@code emulator} section says, and returns its base URI. Each
   * deployment answers as an Azure ML online endpoint deployment: POST {base}/score with header
   * {@code azureml-model-deployment: <deployment name>}. Later calls return the running emulator's
   * URI whatever settings they pass. It is stopped by {@link #stop()} or, at the latest, when the JVM exits.
   */
  public static synchronized URI ensureStarted(EmulatorSettings emulator, List<DeploymentSettings> deployments) {
    if (server == null) {
      // HTTPS too: the suite reads the emulator's Azure Monitor metrics with the Azure SDK, which sends tokens over HTTPS only.
      server = EmulatorServer.startWithTls(EmulatorSetup.of(emulator, deployments), 0);
      LOG.info("embedded emulator on {} (illustrative numbers: real decisions need real endpoints; ground truth at {})",
          server.uri(), server.uri().resolve("/_rightsize/ground-truth"));
      if (!stopAtExit) {
        // A Gatling run ends in System.exit without calling stop(); stopping at exit still writes
        // the configured ground-truth file and closes the port in order.
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedEmulator::stop, "rightsize-emulator-stop"));
        stopAtExit = true;
      }
    }
    return server.uri();
  }

  /** The running emulator (its ground truth, settings and URI). */
  public static synchronized EmulatorServer server() {
    if (server == null) {
      throw new IllegalStateException("the embedded emulator is not running: call EmbeddedEmulator.ensureStarted first");
    }
    return server;
  }

  /** Whether the emulator is running. */
  public static synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops the emulator if it was started (and writes its ground-truth file when configured). */
  public static synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
