package rightsize.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.emulator.EmulatorServer;
import rightsize.emulator.monitor.EmulatedResource;
import rightsize.telemetry.DeploymentTelemetry;
import rightsize.telemetry.DeploymentTelemetry.Status;
import rightsize.telemetry.Measure;
import rightsize.telemetry.MetricTelemetry;
import rightsize.telemetry.Telemetry;
import rightsize.telemetry.TelemetryFile;
import rightsize.telemetry.WindowFigures;

/**
 * After a run: every deployment's metrics read, missing ones recorded with the reason, a refused or
 * wrong resource one line, a wait bounded and shown, and telemetry.json read back as written.
 */
class TelemetryCollectorTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static EmulatorServer server;
  private static AzureMonitorMetrics metrics;
  private static Instant start;
  private static Instant end;

  @BeforeAll
  static void startAndLoad() {
    server = EmulatorMetrics.start();
    metrics = EmulatorMetrics.client(server);
    start = Instant.now();
    EmulatorMetrics.load(server, "pool", 6, 20);
    end = Instant.now();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static TelemetryCollector collector(Duration wait, List<String> console) {
    return new TelemetryCollector(SECOND, wait, Duration.ofMillis(100), console::add);
  }

  @Test
  void readsEveryMetricAndRecordsTheMissingOnesWithTheirReason(@TempDir Path dir) throws Exception {
    MonitorTarget pool = MonitorTarget.onlineDeployment("pool", EmulatedResource.deploymentId("pool"),
        List.of("CpuUtilizationPercentage", "GpuUtilizationPercentage", "RequestLatency", "DeploymentCapacity", "CpuUtilisation"));
    List<String> console = new ArrayList<>();
    Telemetry t = collector(Duration.ofSeconds(10), console).collect(List.of(
        new TelemetryCollector.Window("pool", pool, metrics, start, end),
        new TelemetryCollector.Window("unmonitored", null, null, start, end)));

    DeploymentTelemetry d = t.deployment("pool").orElseThrow();
    assertThat(d.status()).isEqualTo(Status.COLLECTED);
    assertThat(d.metrics()).extracting(MetricTelemetry::name).containsExactly(
        "CpuUtilizationPercentage", "GpuUtilizationPercentage", "RequestLatency", "DeploymentCapacity", "CpuUtilisation");
    assertThat(d.metrics().get(0).missing()).isNull();
    assertThat(d.metrics().get(0).filter()).isEqualTo("instanceId eq '*'");
    assertThat(d.metrics().get(0).series()).hasSize(2);
    assertThat(d.metrics().get(1).missing()).isEqualTo("no data in the window");
    assertThat(d.metrics().get(2).resourceId()).isEqualTo(EmulatedResource.endpointId());
    assertThat(d.metrics().get(2).filter()).isEqualTo("deployment eq 'pool'");
    assertThat(d.metrics().get(2).missing()).isNull();
    assertThat(d.metrics().get(4).measure()).isEqualTo(Measure.OTHER);
    assertThat(d.metrics().get(4).missing()).startsWith("400 BadRequest: Failed to find metric configuration").contains("CpuUtilisation");
    assertThat(console).anySatisfy(l -> assertThat(l).startsWith("telemetry: pool: missing GpuUtilizationPercentage (no data in the window); CpuUtilisation (400 BadRequest"));

    DeploymentTelemetry none = t.deployment("unmonitored").orElseThrow();
    assertThat(none.status()).isEqualTo(Status.NOT_MONITORED);
    assertThat(console).contains("telemetry: unmonitored: no monitor section, so no server-side figures: add one (docs/monitoring.md)");

    // The whole load ran at one instance count, and some second had both instances' slots full.
    WindowFigures whole = WindowFigures.of(d, Instant.parse(d.start()), Instant.parse(d.end()), SECOND);
    assertThat(whole.figure(Measure.INSTANCES).orElseThrow().peak()).isEqualTo(2.0);
    assertThat(whole.figure(Measure.CPU).orElseThrow().peak()).isEqualTo(100.0);
    assertThat(whole.hottest()).contains(Measure.CPU);

    Path file = dir.resolve(TelemetryFile.NAME);
    TelemetryFile.write(file, t);
    assertThat(TelemetryFile.read(file)).isEqualTo(t);
  }

  @Test
  void aForbiddenResourceIsOneLineAndTheRunGoesOn() throws Exception {
    String elsewhere = EmulatedResource.deploymentId("pool").replace(EmulatedResource.SUBSCRIPTION, "11111111-1111-1111-1111-111111111111");
    List<String> console = new ArrayList<>();
    Telemetry t = collector(Duration.ofSeconds(10), console).collect(List.of(
        new TelemetryCollector.Window("pool", MonitorTarget.onlineDeployment("pool", elsewhere, List.of("CpuUtilizationPercentage")), metrics, start, end),
        new TelemetryCollector.Window("typo", MonitorTarget.onlineDeployment("typo", EmulatedResource.deploymentId("pooll"), List.of("CpuUtilizationPercentage")), metrics, start, end)));
    DeploymentTelemetry forbidden = t.deployment("pool").orElseThrow();
    assertThat(forbidden.status()).isEqualTo(Status.NO_ACCESS);
    assertThat(forbidden.problem()).startsWith("pool: no access to its Azure Monitor metrics (403 AuthorizationFailed: ")
        .endsWith("sign in and grant the Monitoring Reader role on " + elsewhere + " (docs/monitoring.md)");
    DeploymentTelemetry typo = t.deployment("typo").orElseThrow();
    assertThat(typo.status()).isEqualTo(Status.NOT_FOUND);
    assertThat(typo.problem()).contains("check the resource ID in its monitor section");
    assertThat(console).filteredOn(l -> l.startsWith("telemetry: pool: ") || l.startsWith("telemetry: typo: ")).hasSize(2);
  }

  @Test
  void waitsNoLongerThanItsBoundAndSaysWhatWasNotPublished() throws Exception {
    // A window that ends in the future: its last grain cannot have been published yet.
    Instant future = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(30);
    MonitorTarget pool = MonitorTarget.onlineDeployment("pool", EmulatedResource.deploymentId("pool"),
        List.of("CpuUtilizationPercentage", "GpuUtilizationPercentage"));
    List<String> console = new ArrayList<>();
    long before = System.nanoTime();
    Telemetry t = collector(Duration.ofMillis(400), console).collect(List.of(new TelemetryCollector.Window("pool", pool, metrics, start, future)));
    long tookMs = (System.nanoTime() - before) / 1_000_000;

    assertThat(tookMs).isGreaterThanOrEqualTo(400).isLessThan(10_000);
    DeploymentTelemetry d = t.deployment("pool").orElseThrow();
    assertThat(d.metrics().get(0).missing()).isNull(); // what was published is kept
    assertThat(d.metrics().get(1).missing()).isEqualTo("not published within 400 ms");
    assertThat(console.get(0)).startsWith("telemetry: reading 2 server-side metrics from https://127.0.0.1:")
        .endsWith("waiting at most 400 ms)");
    assertThat(console).anySatisfy(l -> assertThat(l).matches("telemetry: 0 of 2 metrics published; asking again in 100 ms \\(\\d+ ms of at most 400 ms\\)"));
  }
}
