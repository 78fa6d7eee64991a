package rightsize.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.record.RequestRecord;
import rightsize.telemetry.DeploymentTelemetry;
import rightsize.telemetry.DeploymentTelemetry.Status;
import rightsize.telemetry.Measure;
import rightsize.telemetry.MetricTelemetry;
import rightsize.telemetry.Telemetry;
import rightsize.telemetry.TelemetryFile;
import rightsize.telemetry.TelemetryPoint;
import rightsize.telemetry.TelemetrySeries;

/**
 * A run folder with a telemetry.json beside its records: the report shows each step's server-side
 * figures from the grains wholly inside it, a chart of utilization against load, the saturating
 * resource where a deployment breaks the SLO, and one line per deployment or metric it could not read.
 */
class ServerSideReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration GRAIN = Duration.ofSeconds(10);
  private static final String F2 = "Standard_F2s_v2";
  private static final String F4 = "Standard_F4s_v2";
  private static final String F8 = "Standard_F8s_v2";
  /** CPU mean per step (users to percent): F2 breaks at 10 users with CPU at 75%, F4 at 50 users with 97%. */
  private static final Map<String, Map<Integer, Double>> CPU = Map.of(
      F2, Map.of(1, 20.0, 10, 75.0, 50, 100.0, 100, 100.0),
      F4, Map.of(1, 5.0, 10, 40.0, 50, 97.0, 100, 100.0));

  @TempDir Path results;

  @Test
  void stepsCarryTheServerSideAndTheRecommendationNamesTheSaturatedResource() throws Exception {
    Path run = results.resolve("run");
    Files.createDirectories(run);
    SyntheticRun synthetic = new SyntheticRun().stepSeconds(60);
    synthetic.write(run.resolve("records.jsonl"));
    TelemetryFile.write(run.resolve(TelemetryFile.NAME), telemetry(synthetic.records()));

    ReportResult r = Reports.generator().generate(run);

    String md = Files.readString(r.markdown());
    assertThat(md).contains("## Server side");
    assertThat(md).contains("| " + F4 + " | 50 users | 7 | CPU | 100.0% | 97.0% | 500 | – | 2 |");
    assertThat(md).contains("| " + F2 + " | 10 users | 6 | CPU | 78.0% | 75.0% | 100 | – | 2 |");
    assertThat(md).contains("| " + F8 + " | 10 users | – | not read | – | – | – | – | – |");
    assertThat(md).contains("- " + F8 + ": no access to its Azure Monitor metrics (403 AuthorizationFailed: no role)");
    assertThat(md).contains("- " + F4 + ": GpuUtilizationPercentage missing: no data in the window");

    var f4 = r.tradeoffs().deployments().stream().filter(d -> d.deployment().equals(F4)).findFirst().orElseThrow();
    assertThat(f4.breakPhrase()).isEqualTo("breaks p95 ttft at 50 users with CPU at 97%");
    var f2 = r.tradeoffs().deployments().stream().filter(d -> d.deployment().equals(F2)).findFirst().orElseThrow();
    assertThat(f2.breakPhrase()).isEqualTo("breaks p95 ttft at 10 users"); // 75%: nothing saturated
    assertThat(r.tradeoffs().recommendation()).contains(F4 + " breaks p95 ttft at 50 users with CPU at 97%");

    JsonNode json = JSON.readTree(r.json().toFile());
    JsonNode step = stepOf(json, F4, "50 users");
    assertThat(step.path("server").path("grains").asInt()).isEqualTo(7);
    assertThat(step.path("server").path("hottest").asText()).isEqualTo("cpu");
    assertThat(step.path("server").path("saturated").asBoolean()).isTrue();
    assertThat(step.path("server").path("figures").path("cpu").path("mean").asDouble()).isEqualTo(97.0);
    assertThat(step.path("server").path("figures").path("cpu").path("peak").asDouble()).isEqualTo(100.0);
    assertThat(step.path("server").path("figures").path("latency").path("mean").asDouble()).isEqualTo(500.0);
    assertThat(stepOf(json, F8, "10 users").has("server")).isFalse();
    assertThat(json.path("server_side").path("grain").asText()).isEqualTo("PT10S");
    assertThat(json.path("server_side").path("notes")).hasSize(2);

    String html = Files.readString(r.html());
    assertThat(html).contains("<svg id=\"chart-utilization\"");
    assertThat(html).contains("<table id=\"server\">");
    assertThat(html).contains("<ul id=\"server-notes\"><li>" + F4 + ": GpuUtilizationPercentage missing");
  }

  @Test
  void aRunWithoutTelemetrySaysNothingAboutTheServerSide() throws Exception {
    Path run = results.resolve("plain");
    Files.createDirectories(run);
    new SyntheticRun().write(run.resolve("records.jsonl"));
    ReportResult r = Reports.generator().generate(run);
    assertThat(Files.readString(r.markdown())).doesNotContain("Server side");
    assertThat(Files.readString(r.html())).doesNotContain("chart-utilization");
    JsonNode json = JSON.readTree(r.json().toFile());
    assertThat(json.has("server_side")).isFalse();
    assertThat(json.path("steps").get(0).has("server")).isFalse();
  }

  private static JsonNode stepOf(JsonNode json, String deployment, String step) {
    for (JsonNode s : json.path("steps")) {
      if (s.path("deployment").asText().equals(deployment) && s.path("step").asText().equals(step)) {
        return s;
      }
    }
    throw new AssertionError("no step " + deployment + " · " + step);
  }

  /**
   * What the collector would have written for the synthetic run: per 10 s grain, each instance's CPU
   * (mean of the two = the step's table value, peak 3 points above it), the endpoint's latency (10 ms
   * per user) and two instances; grains that straddle two steps read 55%, which the report must leave
   * out. F8's metrics were refused.
   */
  private static Telemetry telemetry(List<RequestRecord> records) {
    Map<String, Map<Integer, Instant[]>> windows = new LinkedHashMap<>();
    for (RequestRecord r : records) {
      if (r.warmup()) {
        continue;
      }
      Instant start = Instant.ofEpochSecond(0, r.startEpochMicros() * 1000);
      Instant end = start.plusNanos((long) (r.e2eMs() * 1e6));
      Instant[] w = windows.computeIfAbsent(r.deployment(), d -> new LinkedHashMap<>())
          .computeIfAbsent((int) r.load(), l -> new Instant[] {start, end});
      w[0] = start.isBefore(w[0]) ? start : w[0];
      w[1] = end.isAfter(w[1]) ? end : w[1];
    }
    List<DeploymentTelemetry> deployments = new ArrayList<>();
    for (String d : List.of(F2, F4)) {
      Map<Integer, Instant[]> steps = windows.get(d);
      Instant from = floor(steps.values().stream().map(w -> w[0]).min(Instant::compareTo).orElseThrow());
      Instant to = steps.values().stream().map(w -> w[1]).max(Instant::compareTo).orElseThrow();
      List<TelemetryPoint> a = new ArrayList<>();
      List<TelemetryPoint> b = new ArrayList<>();
      List<TelemetryPoint> latency = new ArrayList<>();
      List<TelemetryPoint> capacity = new ArrayList<>();
      for (Instant t = from; t.isBefore(to); t = t.plus(GRAIN)) {
        Integer users = stepHolding(steps, t);
        double v = users == null ? 55 : CPU.get(d).get(users);
        a.add(new TelemetryPoint(t.toString(), v + 2, v, Math.min(100, v + 3), null));
        b.add(new TelemetryPoint(t.toString(), v - 2, v - 4, v, null));
        latency.add(new TelemetryPoint(t.toString(), users == null ? 1.0 : users * 10.0, null, null, null));
        capacity.add(new TelemetryPoint(t.toString(), 2.0, 2.0, 2.0, null));
      }
      deployments.add(new DeploymentTelemetry(d, Status.COLLECTED, null, from.toString(), to.toString(), List.of(
          new MetricTelemetry("CpuUtilizationPercentage", Measure.CPU, "/x/" + d, "Percent", "instanceId eq '*'", List.of(
              new TelemetrySeries(Map.of("instanceId", "0"), a), new TelemetrySeries(Map.of("instanceId", "1"), b)), null),
          new MetricTelemetry("GpuUtilizationPercentage", Measure.GPU, "/x/" + d, null, "instanceId eq '*'", List.of(),
              d.equals(F4) ? "no data in the window" : null),
          new MetricTelemetry("RequestLatency", Measure.LATENCY, "/x", "MilliSeconds", "deployment eq '" + d + "'",
              List.of(new TelemetrySeries(Map.of(), latency)), null),
          new MetricTelemetry("DeploymentCapacity", Measure.INSTANCES, "/x/" + d, "Count", "",
              List.of(new TelemetrySeries(Map.of(), capacity)), null))));
    }
    deployments.add(new DeploymentTelemetry(F8, Status.NO_ACCESS,
        F8 + ": no access to its Azure Monitor metrics (403 AuthorizationFailed: no role): sign in and grant the"
            + " Monitoring Reader role on /x/" + F8 + " (docs/monitoring.md)", "", "", List.of()));
    return new Telemetry(Telemetry.SCHEMA_VERSION, "2026-12-02T00:00:00Z", "https://management.azure.com", GRAIN.toString(),
        deployments);
  }

  /** The step whose window holds the whole grain from {@code t}, or null when none does. */
  private static Integer stepHolding(Map<Integer, Instant[]> steps, Instant t) {
    for (Map.Entry<Integer, Instant[]> e : steps.entrySet()) {
      if (!t.isBefore(e.getValue()[0]) && !t.plus(GRAIN).isAfter(e.getValue()[1])) {
        return e.getKey();
      }
    }
    return null;
  }

  private static Instant floor(Instant t) {
    long g = GRAIN.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), g) * g);
  }
}
