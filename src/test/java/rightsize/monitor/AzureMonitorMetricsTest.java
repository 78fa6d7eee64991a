package rightsize.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rightsize.emulator.EmulatorServer;
import rightsize.emulator.monitor.EmulatedResource;
import rightsize.emulator.truth.RequestTruth;
import rightsize.telemetry.Measure;
import rightsize.telemetry.TelemetryPoint;
import rightsize.telemetry.TelemetrySeries;

/**
 * The Azure SDK pipeline reads the emulator's Azure Monitor endpoint over HTTPS with a bearer token:
 * the window and the time grain it asks for, the dimensions it splits or filters by, and Azure's
 * answers to an unknown metric, a resource in another subscription and an unknown resource.
 */
class AzureMonitorMetricsTest {
  private static EmulatorServer server;
  private static AzureMonitorMetrics metrics;
  private static Instant start;
  private static Instant end;

  @BeforeAll
  static void startAndLoad() throws InterruptedException {
    server = EmulatorMetrics.start();
    metrics = EmulatorMetrics.client(server);
    start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    EmulatorMetrics.load(server, "pool", 6, 20);
    EmulatorMetrics.load(server, "ppt", 3, 30);
    // At least two whole grains of a second, however fast the load ran.
    Instant afterLoad = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    end = afterLoad.isBefore(start.plusSeconds(2)) ? start.plusSeconds(2) : afterLoad;
    // Every grain of the window over, so that no query sees one still filling.
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), end).toMillis() + 20));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static MetricQuery cpu(String filter) {
    return new MetricQuery("CpuUtilizationPercentage", Measure.CPU, EmulatedResource.deploymentId("pool"), filter,
        List.of("Average", "Maximum"));
  }

  private static AzureMonitorMetrics.Data data(AzureMonitorMetrics.Answer answer) {
    assertThat(answer).isInstanceOf(AzureMonitorMetrics.Data.class);
    return (AzureMonitorMetrics.Data) answer;
  }

  @Test
  void oneAlignedPointPerGrainOfTheWindow() {
    AzureMonitorMetrics.Data oneSecond = data(metrics.read(cpu(""), start, end, Duration.ofSeconds(1)));
    assertThat(oneSecond.unit()).isEqualTo("Percent");
    assertThat(oneSecond.series()).hasSize(1);
    List<TelemetryPoint> points = oneSecond.series().get(0).points();
    assertThat(points).hasSize((int) Duration.between(start, end).toSeconds());
    assertThat(points.get(0).time()).isEqualTo(start.toString());
    assertThat(points.get(1).time()).isEqualTo(start.plusSeconds(1).toString());
    assertThat(points).allSatisfy(p -> assertThat(p.average()).isBetween(0.0, 100.0));
    // Six streams on four slots: some second had every slot busy.
    assertThat(points).anySatisfy(p -> assertThat(p.maximum()).isEqualTo(100.0));

    // A grain of a minute, asked over a window that does not start on one, starts on the minute.
    Instant minute = start.truncatedTo(ChronoUnit.MINUTES);
    AzureMonitorMetrics.Data perMinute = data(metrics.read(cpu(""), minute.plusSeconds(10), minute.plusSeconds(130), Duration.ofMinutes(1)));
    assertThat(perMinute.series().get(0).points()).extracting(TelemetryPoint::time)
        .containsExactly(minute.toString(), minute.plusSeconds(60).toString(), minute.plusSeconds(120).toString());
  }

  @Test
  void splitsByInstanceOrFiltersToOne() {
    List<TelemetrySeries> split = data(metrics.read(cpu("instanceId eq '*'"), start, end, Duration.ofSeconds(1))).series();
    assertThat(split).extracting(TelemetrySeries::dimensions)
        .containsExactlyInAnyOrder(Map.of("instanceId", "pool-0"), Map.of("instanceId", "pool-1"));
    List<TelemetrySeries> one = data(metrics.read(cpu("instanceId eq 'pool-1'"), start, end, Duration.ofSeconds(1))).series();
    assertThat(one).hasSize(1);
    assertThat(one.get(0).dimensions()).isEmpty();
    // The unsplit mean is the mean of the two instances' means, grain by grain.
    List<TelemetryPoint> whole = data(metrics.read(cpu(""), start, end, Duration.ofSeconds(1))).series().get(0).points();
    for (int i = 0; i < whole.size(); i++) {
      double a = split.get(0).points().get(i).average();
      double b = split.get(1).points().get(i).average();
      assertThat(whole.get(i).average()).isCloseTo((a + b) / 2, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void openAiTokensAndRequestsMatchTheGroundTruth() {
    List<RequestTruth> ppt = server.groundTruth().requests().stream().filter(r -> "ppt".equals(r.deployment())).toList();
    MetricQuery generated = new MetricQuery("GeneratedTokens", Measure.GENERATED_TOKENS, EmulatedResource.accountId(),
        "ModelDeploymentName eq 'ppt'", List.of("Total"));
    List<TelemetryPoint> points = data(metrics.read(generated, start, end, Duration.ofSeconds(1))).series().get(0).points();
    double total = points.stream().mapToDouble(p -> p.total() == null ? 0 : p.total()).sum();
    assertThat(total).isEqualTo(ppt.stream().mapToInt(RequestTruth::sentCompletionTokens).sum()).isPositive();

    MetricQuery requests = new MetricQuery("AzureOpenAIRequests", Measure.REQUESTS, EmulatedResource.accountId(),
        "ModelDeploymentName eq '*' and StatusCode eq '*'", List.of("Total"));
    List<TelemetrySeries> byDeploymentAndStatus = data(metrics.read(requests, start, end, Duration.ofSeconds(1))).series();
    assertThat(byDeploymentAndStatus).hasSize(1);
    assertThat(byDeploymentAndStatus.get(0).dimensions()).containsExactlyInAnyOrderEntriesOf(
        Map.of("ModelDeploymentName", "ppt", "StatusCode", "200"));
    assertThat(byDeploymentAndStatus.get(0).points().stream().mapToDouble(p -> p.total() == null ? 0 : p.total()).sum())
        .isEqualTo(3.0);
  }

  @Test
  void unknownMetricIsAzuresBadRequestNamingTheValidOnes() {
    MetricQuery nope = new MetricQuery("CpuUtilisation", Measure.OTHER, EmulatedResource.deploymentId("pool"), "", List.of("Average"));
    AzureMonitorMetrics.Answer answer = metrics.read(nope, start, end, Duration.ofSeconds(1));
    assertThat(answer).isInstanceOf(AzureMonitorMetrics.Refused.class);
    AzureMonitorMetrics.Refused refused = (AzureMonitorMetrics.Refused) answer;
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.code()).isEqualTo("BadRequest");
    assertThat(refused.message()).contains("metric: CpuUtilisation").contains("Valid metrics: ").contains("CpuUtilizationPercentage");
    assertThat(refused.permanent()).isTrue();
  }

  @Test
  void anotherSubscriptionIsForbiddenAndAnUnknownResourceNotFound() {
    String elsewhere = EmulatedResource.deploymentId("pool").replace(EmulatedResource.SUBSCRIPTION, "11111111-1111-1111-1111-111111111111");
    AzureMonitorMetrics.Refused forbidden = (AzureMonitorMetrics.Refused) metrics.read(
        new MetricQuery("CpuUtilizationPercentage", Measure.CPU, elsewhere, "", List.of("Average")), start, end, Duration.ofSeconds(1));
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.code()).isEqualTo("AuthorizationFailed");
    assertThat(forbidden.message()).contains("microsoft.insights/metrics/read");

    AzureMonitorMetrics.Refused notFound = (AzureMonitorMetrics.Refused) metrics.read(
        new MetricQuery("CpuUtilizationPercentage", Measure.CPU, EmulatedResource.deploymentId("no-such"), "", List.of("Average")),
        start, end, Duration.ofSeconds(1));
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.code()).isEqualTo("ResourceNotFound");
  }
}
