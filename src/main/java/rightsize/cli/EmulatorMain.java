package rightsize.cli;

import rightsize.config.RightsizeSettings;
import rightsize.config.WireFormat;
import rightsize.emulator.EmulatorCertificate;
import rightsize.emulator.EmulatorServer;
import rightsize.emulator.settings.DeploymentSpec;
import rightsize.emulator.settings.EmulatorSetup;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the emulator on its own: {@code EmulatorMain [--port 8080] [--config file.conf] [--https]}.
 * Prints its URL and serves until interrupted.
 */
@Command(
    name = "EmulatorMain",
    mixinStandardHelpOptions = true,
    description = "Serves the deployments of kind emulator of the rightsize config on 127.0.0.1: prints its URL,"
        + " its deployments and a curl line to try, and serves until Ctrl-C.")
public final class EmulatorMain implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
      description = "The port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
  private int port;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A HOCON file with deployments, profiles and faults, read like -Dconfig.file.")
  private Path config;

  @Option(names = "--https",
      description = "Also answer HTTPS on the same port, with a self-signed certificate made at start and written"
          + " to --tls-dir for clients to trust (docs/emulator.md).")
  private boolean https;

  @Option(names = "--tls-dir", defaultValue = "target/emulator-tls", paramLabel = "DIR",
      description = "Where --https writes " + EmulatorCertificate.PEM_FILE + " and " + EmulatorCertificate.TRUST_STORE_FILE
          + " (default ${DEFAULT-VALUE}).")
  private Path tlsDir;

  @Spec private CommandSpec spec;

  EmulatorMain() {}

  public static void main(String[] args) {
    CommandRunner.exitWith(new EmulatorMain(), args);
  }

  @Override
  public Integer call() throws InterruptedException {
    EmulatorServer server = start(setup());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    PrintWriter out = spec.commandLine().getOut();
    URI base = https ? server.httpsUri() : server.uri();
    out.println("rightsize emulator listening on " + base + (https ? " (and " + server.uri() + ")" : ""));
    for (DeploymentSpec d : server.setup().deployments()) {
      // A pay-per-token deployment has no instances or queue: only its quotas bound it.
      out.println("  deployment " + d.name() + " (" + d.profile().name() + ", " + (d.isPayPerToken()
          ? d.payPerToken().tokensPerMinute() + " tokens and " + d.payPerToken().requestsPerMinute() + " requests per minute, "
          : d.instanceCount() + " instance(s), max " + d.maxConcurrentPerInstance() + " concurrent per instance, ")
          + d.wireFormat().configName() + ")");
    }
    DeploymentSpec firstSpec = server.setup().deployments().isEmpty() ? null : server.setup().deployments().get(0);
    String first = firstSpec == null ? "NAME" : firstSpec.name();
    String trust = "";
    if (https) {
      EmulatorCertificate certificate = server.certificate().orElseThrow();
      certificate.writeTrustFiles(tlsDir);
      Path pem = tlsDir.resolve(EmulatorCertificate.PEM_FILE);
      Path store = tlsDir.resolve(EmulatorCertificate.TRUST_STORE_FILE);
      out.println("self-signed certificate: " + pem + "; JVM clients: -Djavax.net.ssl.trustStore=" + store
          + " -Djavax.net.ssl.trustStorePassword=" + EmulatorCertificate.TRUST_STORE_PASSWORD);
      trust = " --cacert " + pem;
    }
    out.println("try: curl -N" + trust + " " + base + "/score -H 'azureml-model-deployment: " + first + "'"
        + " -H 'content-type: application/json'" + sampleRequest(firstSpec));
    out.println("ground truth: " + base + "/_rightsize/ground-truth   (Ctrl-C stops)");
    out.flush();
    stopped.await();
    return 0;
  }

  /** The headers and body of a streamed request in the wire format of {@code d} (null: OpenAI chat). */
  private static String sampleRequest(DeploymentSpec d) {
    WireFormat format = d == null ? WireFormat.OPENAI_CHAT : d.wireFormat();
    return switch (format) {
      case OPENAI_CHAT -> " -d '{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":20,\"stream\":true}'";
      case PROMPTFLOW -> " -H 'accept: text/event-stream' -d '{\"" + d.flow().inputField() + "\":\"hi\",\""
          + d.flow().historyField() + "\":[]}'";
      case AML_CHAT -> " -d '{\"input_data\":{\"input_string\":[{\"role\":\"user\",\"content\":\"hi\"}],"
          + "\"parameters\":{\"max_new_tokens\":20}}}'";
      case CUSTOM -> " -d '{\"message\":\"hi\",\"history\":[],\"max_tokens\":20,\"stream\":true}'";
    };
  }

  /**
   * The configured emulator deployments and emulator section, the whole configuration checked; only
   * the emulator's own key is read (it serves, it sends no request).
   */
  private EmulatorSetup setup() {
    if (config != null && !Files.isRegularFile(config)) {
      throw new ParameterException(
          spec.commandLine(), "--config " + config + " does not exist: give the path of a HOCON file");
    }
    return EmulatorSetup.of(RightsizeSettings.load(config, RightsizeSettings.Secrets.EMULATOR));
  }

  /** Starts the server; a port it cannot listen on is a wrong {@code --port}. */
  private EmulatorServer start(EmulatorSetup setup) {
    try {
      return https ? EmulatorServer.startWithTls(setup, port) : EmulatorServer.start(setup, port);
    } catch (IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
