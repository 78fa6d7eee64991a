package rightsize.monitor;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import rightsize.config.DeploymentSettings;
import rightsize.config.MonitorSettings;
import rightsize.config.TargetKind;
import rightsize.endpoint.spi.EmulatorLauncher;
import rightsize.telemetry.Telemetry;
import rightsize.telemetry.TelemetryFile;
import rightsize.secret.Secret;

/**
 * After a run: reads the server-side metrics of every deployment that was under load, from Azure
 * Monitor for those with a monitor section and from the embedded emulator for emulated ones, and
 * writes the run folder's telemetry.json. Problems are lines on the console, never an exception:
 * the run's results stand without the server side.
 */
public final class ServerTelemetry {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private ServerTelemetry() {}

  /**
   * Reads the metrics of {@code deployments} over their {@code windows} as {@code settings} say and
   * writes telemetry.json into {@code runFolder}; returns what it wrote, or empty when reading is
   * disabled, no deployment had a request, or the file could not be written.
   */
  public static Optional<Telemetry> afterRun(Path runFolder, List<DeploymentSettings> deployments, LoadWindows windows,
      MonitorSettings settings, Consumer<String> console) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    try {
      List<TelemetryCollector.Window> read = new ArrayList<>();
      AzureMonitorMetrics azure = null;
      AzureMonitorMetrics emulator = null;
      for (DeploymentSettings d : deployments) {
        Optional<LoadWindows.Window> w = windows.of(d.name());
        if (w.isEmpty()) {
          continue;
        }
        MonitorTarget target = null;
        AzureMonitorMetrics service = null;
        if (d.kind() == TargetKind.EMULATOR) {
          EmulatorLauncher launcher = ServiceLoader.load(EmulatorLauncher.class, ServerTelemetry.class.getClassLoader())
              .findFirst().orElse(null);
          Optional<EmulatorLauncher.MetricsService> running = launcher == null ? Optional.empty() : launcher.metricsService();
          if (running.isPresent()) {
            emulator = emulator != null ? emulator : emulatorService(running.get());
            target = MonitorTarget.of(d.name(), d.kind(), launcher.monitor(d));
            service = emulator;
          }
        } else if (d.monitor() != null) {
          azure = azure != null ? azure : new AzureMonitorMetrics(settings.endpoint(), azureCredential(),
              AzureMonitorMetrics.SCOPE, new JdkHttpClientBuilder().connectionTimeout(CONNECT_TIMEOUT).build());
          target = MonitorTarget.of(d.name(), d.kind(), d.monitor());
          service = azure;
        }
        read.add(new TelemetryCollector.Window(d.name(), target, service, w.get().start(), w.get().end()));
      }
      if (read.isEmpty()) {
        return Optional.empty();
      }
      Telemetry telemetry = new TelemetryCollector(settings.grain(), settings.publicationWait(), settings.pollInterval(), console)
          .collect(read);
      Path file = runFolder.resolve(TelemetryFile.NAME);
      TelemetryFile.write(file, telemetry);
      console.accept("telemetry: server-side metrics in " + file);
      return Optional.of(telemetry);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      console.accept("telemetry: interrupted while reading the server-side metrics: no telemetry.json");
      return Optional.empty();
    } catch (RuntimeException e) {
      console.accept("telemetry: the server-side metrics could not be read (" + e.getMessage() + "): no telemetry.json");
      return Optional.empty();
    }
  }

  /** The emulator's metrics endpoint, over HTTPS trusting its certificate, with a fixed token it accepts. */
  private static AzureMonitorMetrics emulatorService(EmulatorLauncher.MetricsService service) {
    HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(service.trust()))
        .connectionTimeout(CONNECT_TIMEOUT).build();
    return new AzureMonitorMetrics(service.httpsUri(), new FixedTokenCredential("rightsize-emulator"),
        AzureMonitorMetrics.SCOPE, http);
  }

  /** The same credential chain as Entra ID requests: az login, OIDC in CI, a managed identity. */
  private static TokenCredential azureCredential() {
    return registering(new DefaultAzureCredentialBuilder().build());
  }

  /** {@code credential}, each token registered as a secret as it is obtained, so that no text quoting it is written. */
  static TokenCredential registering(TokenCredential credential) {
    return context -> credential.getToken(context).doOnNext(t -> Secret.of(t.getToken(), "Entra ID token (Azure Monitor)"));
  }
}
