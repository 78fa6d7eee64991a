package rightsize.monitor;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import rightsize.emulator.EmulatorServer;
import rightsize.emulator.EmulatorTestSupport;

/** An emulator with TLS, and the Azure Monitor client pointed at it, for the metrics tests. */
final class EmulatorMetrics {
  /** A managed deployment of 2 instances x 2 slots that queues quickly, and a pay-per-token one. */
  static final String DEPLOYMENTS = """
      rightsize.emulator.profiles.test-slow {
        prefill-tokens-per-second = 100000
        decode-tokens-per-second = 100
        saturated-decode-tokens-per-second = 200
        saturation-streams = 2
        first-token-overhead-ms = 0
      }
      rightsize.deployments = [
        { name = pool, vm-size = "Standard_F4s_v2", instance-count = 2,
          emulator { profile = test-slow, max-concurrent-requests-per-instance = 2, request-timeout-ms = 0 } }
        { name = ppt, emulator { profile = pay-per-token, decode-tokens-per-second = 400 } }
      ]
      """;

  private EmulatorMetrics() {}

  static EmulatorServer start() {
    return EmulatorServer.startWithTls(EmulatorTestSupport.setup(DEPLOYMENTS), 0);
  }

  /** The metrics client, trusting only the emulator's certificate, with a fixed token. */
  static AzureMonitorMetrics client(EmulatorServer server) {
    HttpClient.Builder jdk = HttpClient.newBuilder().sslContext(server.certificate().orElseThrow().clientContext());
    return new AzureMonitorMetrics(server.httpsUri(), new FixedTokenCredential("emulator-token"), AzureMonitorMetrics.SCOPE,
        new JdkHttpClientBuilder(jdk).connectionTimeout(Duration.ofSeconds(5)).build());
  }

  /** Sends {@code n} streamed requests to {@code deployment} at once and waits for all answers. */
  static void load(EmulatorServer server, String deployment, int n, int maxTokens) {
    List<CompletableFuture<EmulatorTestSupport.Answer>> answers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      answers.add(CompletableFuture.supplyAsync(() -> EmulatorTestSupport.post(server.uri(), "/score",
          EmulatorTestSupport.body("How big a VM do I need?", maxTokens, true, true), "azureml-model-deployment", deployment)));
    }
    answers.forEach(CompletableFuture::join);
  }
}
