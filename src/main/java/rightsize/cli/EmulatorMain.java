package rightsize.cli;

import rightsize.emulator.EmulatorServer;
import rightsize.emulator.settings.DeploymentSpec;
import rightsize.emulator.settings.EmulatorSettings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own: {@code EmulatorMain [--port 8080] [--config file.conf]}. Prints its
 * URL and serves until interrupted.
 */
public final class EmulatorMain {
  private EmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 8080;
    Config config = ConfigFactory.load();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--config" -> {
          File file = new File(value(args, ++i, "--config"));
          if (!file.isFile()) {
            fail("--config " + file + " does not exist: give the path of a HOCON file");
          }
          config = ConfigFactory.parseFile(file).withFallback(ConfigFactory.load()).resolve();
        }
        case "--help", "-h" -> {
          System.out.println("usage: EmulatorMain [--port 8080] [--config application.conf]");
          return;
        }
        default -> fail("unknown argument '" + args[i] + "': use --port N and/or --config FILE");
      }
    }
    EmulatorServer server;
    try {
      server = EmulatorServer.start(EmulatorSettings.fromConfig(config.getConfig("rightsize")), port);
    } catch (IllegalArgumentException | IllegalStateException e) {
      fail(e.getMessage());
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    System.out.println("rightsize emulator listening on " + server.uri());
    for (DeploymentSpec d : server.settings().deployments()) {
      System.out.println("  deployment " + d.name() + " (" + d.profile().name() + ", " + d.instanceCount()
          + " instance(s), max " + d.maxConcurrentPerInstance() + " concurrent per instance)");
    }
    String first = server.settings().deployments().isEmpty() ? "NAME" : server.settings().deployments().get(0).name();
    System.out.println("try: curl -N " + server.uri() + "/score -H 'azureml-model-deployment: " + first + "'"
        + " -H 'content-type: application/json'"
        + " -d '{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":20,\"stream\":true}'");
    System.out.println("ground truth: " + server.uri() + "/_rightsize/ground-truth   (Ctrl-C stops)");
    stopped.await();
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      fail(flag + " needs a value");
    }
    return args[i];
  }

  private static void fail(String message) {
    System.err.println("emulator: " + message);
    System.exit(2);
  }
}
