package rightsize.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.record.RecordReader;
import rightsize.record.RequestRecord;
import rightsize.report.ReportGenerator;
import rightsize.report.ReportRequest;

/**
 * The scale-out procedure of docs/scale-out.md on one machine: a standalone emulator is the shared
 * target, two JVMs are the injectors (each with its own id and results folder) running
 * SizingSimulation at half the load, and their record files, copied into one run folder, merge into
 * one report that counts every request exactly once. Three JVMs, talking only over loopback.
 */
class ScaleOutTest {
  private static final String DEPLOYMENT = "Standard_F4s_v2";
  private static final String RUN_ID = "scale-out";
  private static final int USERS_PER_INJECTOR = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, ScaleOutTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static List<String> java(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // What the Gatling Maven plugin passes to its forked JVM; Gatling's log writer needs it.
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "-Xmx512m",
        "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(args));
    return command;
  }

  private Process injector(String id, Path config) throws Exception {
    return new ProcessBuilder(java(
            "-Dconfig.file=" + config,
            "-Drightsize.run.id=" + RUN_ID,
            "-Drightsize.run.injector=" + id,
            "-Drightsize.run.results-dir=" + dir.resolve(id),
            "-Dgatling.data.enableAnalytics=false",
            "io.gatling.app.Gatling",
            "-s", "rightsize.simulations.SizingSimulation",
            "-rf", dir.resolve(id).resolve("gatling").toString()))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(id + ".log").toFile())
        .start();
  }

  /** Starts the standalone emulator on a free port and waits for its "listening on" line. */
  private static Process target(Path config, int port) throws Exception {
    Process emulator = new ProcessBuilder(java(
            "rightsize.emulator.EmulatorMain", "--port", Integer.toString(port), "--config", config.toString()))
        .redirectErrorStream(true)
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Boolean> listening = CompletableFuture.supplyAsync(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.contains("listening on")) {
            // Keep draining, so a full pipe never blocks the emulator.
            Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "emulator-output");
            drain.setDaemon(true);
            drain.start();
            return true;
          }
        }
        return false;
      } catch (java.io.IOException e) {
        return false;
      }
    });
    assertThat(listening.get(60, TimeUnit.SECONDS)).as("emulator started").isTrue();
    return emulator;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<RequestRecord> read(Path file) {
    List<RequestRecord> records = new ArrayList<>();
    RecordReader.ReadSummary summary = RecordReader.read(file, records::add);
    assertThat(summary.partial()).as("%s readable", file).isFalse();
    return records;
  }

  @Test
  void twoInjectorsAtHalfLoadMergeIntoOneReportCountingEveryRequestOnce() throws Exception {
    assumeTrue(
        onClasspath("rightsize.emulator.EmulatorMain") && onClasspath("rightsize.simulations.SizingSimulation"),
        "needs the standalone emulator and SizingSimulation");
    Path targetConfig = dir.resolve("target.conf");
    Files.writeString(
        targetConfig,
        "rightsize.deployments = [{ name = \"" + DEPLOYMENT + "\", kind = emulator, vm-size = \"" + DEPLOYMENT
            + "\", emulator.profile = cpu-large }]\n");
    int port = freePort();
    Process target = target(targetConfig, port);
    try {
      // What every machine of the procedure shares: the simulation's config, aimed at one target.
      Path config = dir.resolve("scale-out.conf");
      Files.writeString(
          config,
          """
          rightsize {
            deployments = [{
              name = "%1$s", kind = aml-online-endpoint, endpoint = "http://127.0.0.1:%2$d", deployment = "%1$s",
              vm-size = "%1$s", auth.type = none
            }]
            workload { kind = synthetic, synthetic { input-tokens = 64, max-tokens = 16, prompts = 20 } }
            population { model = closed, closed { steps = [%3$d], hold = 4s, think-time = 100ms, warmup = 0s } }
            sizing.capacity-search = false
          }
          """
              .formatted(DEPLOYMENT, port, USERS_PER_INJECTOR));

      // Steps 1-3: same run id, one injector id each, started together.
      Process first = injector("lg-1", config);
      Process second = injector("lg-2", config);
      for (Process p : List.of(first, second)) {
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("injector finished").isTrue();
      }
      assertThat(first.exitValue()).as(Files.readString(dir.resolve("lg-1.log"))).isZero();
      assertThat(second.exitValue()).as(Files.readString(dir.resolve("lg-2.log"))).isZero();

      // Step 4: one folder, one record file per machine.
      Path merged = dir.resolve("merged").resolve(RUN_ID);
      Files.createDirectories(merged);
      List<Path> gatlingRuns = new ArrayList<>();
      for (String id : List.of("lg-1", "lg-2")) {
        Files.copy(dir.resolve(id).resolve(RUN_ID).resolve("records.jsonl"), merged.resolve("records-" + id + ".jsonl"));
        try (Stream<Path> runs = Files.list(dir.resolve(id).resolve("gatling"))) {
          gatlingRuns.add(runs.filter(Files::isDirectory).findFirst().orElseThrow());
        }
      }
      List<RequestRecord> lg1 = read(merged.resolve("records-lg-1.jsonl"));
      List<RequestRecord> lg2 = read(merged.resolve("records-lg-2.jsonl"));
      assertThat(lg1).isNotEmpty().allSatisfy(r -> assertThat(r.injector()).isEqualTo("lg-1"));
      assertThat(lg2).isNotEmpty().allSatisfy(r -> assertThat(r.injector()).isEqualTo("lg-2"));
      long total = lg1.size() + lg2.size();

      // Step 5: one report over every records*.jsonl of the run folder, with both Gatling reports
      // so that it cross-checks the merged records with Gatling's own counts summed over injectors.
      new ReportGenerator(ConfigFactory.defaultReference().resolve().getConfig("rightsize"))
          .generate(ReportRequest.of(merged).withGatlingReports(gatlingRuns));
      JsonNode report = JSON.readTree(merged.resolve(TradeoffsFile.FILE_NAME).toFile());

      assertThat(report.path("injectors")).extracting(JsonNode::asText).containsExactlyInAnyOrder("lg-1", "lg-2");
      assertThat(report.path("warmup_requests").asLong()).isZero();
      assertThat(report.path("steps")).singleElement().satisfies(step -> {
        assertThat(step.path("deployment").asText()).isEqualTo(DEPLOYMENT);
        assertThat(step.path("requests").asLong()).as("requests in the merged report").isEqualTo(total);
      });
      JsonNode gatling = report.path("gatling");
      assertThat(gatling.path("reports")).hasSize(2);
      assertThat(gatling.path("agree").asBoolean()).as("records agree with Gatling: %s", gatling).isTrue();
      assertThat(gatling.path("rows")).singleElement()
          .satisfies(row -> assertThat(row.path("gatling").path("total").asLong()).isEqualTo(total));

      // Once: no request id twice across injectors, and the target received exactly these requests.
      Set<String> ids = new HashSet<>();
      lg1.forEach(r -> ids.add(r.requestId()));
      lg2.forEach(r -> ids.add(r.requestId()));
      assertThat(ids).hasSize((int) total);
      HttpResponse<String> truth = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_rightsize/ground-truth?chunks=false")).build(),
          HttpResponse.BodyHandlers.ofString());
      Set<String> received = new HashSet<>();
      JSON.readTree(truth.body()).forEach(r -> received.add(r.path("requestId").asText()));
      assertThat(received).as("requests the target received").isEqualTo(ids);
    } finally {
      target.destroy();
      target.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
