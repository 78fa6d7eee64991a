package rightsize.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import rightsize.config.InvalidConfigException;
import rightsize.config.RightsizeSettings;
import rightsize.record.RecordReader;
import rightsize.record.RequestRecord;
import rightsize.report.ReportGenerator;
import rightsize.report.ReportRequest;

/**
 * The scale-out procedure of docs/scale-out.md on one machine: a standalone emulator is the shared
 * target, two JVMs are the injectors (each with its own id, results folder and index of two)
 * running SizingSimulation with the same total population, each injecting half of it, and their
 * record files, copied into one run folder, merge into one report that counts every request
 * exactly once. Three JVMs, talking only over loopback.
 */
class ScaleOutTest {
  private static final String DEPLOYMENT = "Standard_F4s_v2";
  private static final String RUN_ID = "scale-out";
  private static final int TOTAL_USERS = 4;
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

  /** Load generator {@code index} of {@code count}, told so through the environment as the procedure does. */
  private Process injector(String id, int index, int count, Path config) throws Exception {
    ProcessBuilder injector = new ProcessBuilder(java(
            "-Dconfig.file=" + config,
            "-Drightsize.run.id=" + RUN_ID,
            "-Drightsize.run.injector=" + id,
            "-Drightsize.run.results-dir=" + dir.resolve(id),
            "-Dgatling.data.enableAnalytics=false",
            "io.gatling.app.Gatling",
            "-s", "rightsize.simulations.SizingSimulation",
            "-rf", dir.resolve(id).resolve("gatling").toString()))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(id + ".log").toFile());
    injector.environment().put("RIGHTSIZE_INJECTORS", Integer.toString(count));
    injector.environment().put("RIGHTSIZE_INJECTOR_INDEX", Integer.toString(index));
    return injector.start();
  }

  /** Starts the standalone emulator on a free port and waits for its "listening on" line. */
  private static Process target(Path config, int port) throws Exception {
    Process emulator = new ProcessBuilder(java(
            "rightsize.cli.EmulatorMain", "--port", Integer.toString(port), "--config", config.toString()))
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

  private static JsonNode get(int port, String pathAndQuery) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  @Test
  void twoInjectorsShareATotalPopulationAndMergeIntoOneReportCountingEveryRequestOnce() throws Exception {
    assumeTrue(
        onClasspath("rightsize.cli.EmulatorMain") && onClasspath("rightsize.simulations.SizingSimulation"),
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
            population { model = closed, closed { steps = [%3$d], hold = 4s, think-time = 0s, warmup = 0s } }
            sizing.capacity-search = false
          }
          """
              .formatted(DEPLOYMENT, port, TOTAL_USERS));

      // An index beyond the count stops that generator before any load, with one line.
      Process misnumbered = injector("lg-3", 3, 2, config);
      assertThat(misnumbered.waitFor(2, TimeUnit.MINUTES)).as("misnumbered injector finished").isTrue();
      String misnumberedLog = Files.readString(dir.resolve("lg-3.log"));
      assertThat(misnumbered.exitValue()).as(misnumberedLog).isEqualTo(InvalidConfigException.EXIT_CODE);
      assertThat(misnumberedLog).contains("rightsize: the configuration is invalid, nothing was run:\n"
          + "  rightsize.run.injectors.index is 3 but injectors.count is 2: give each load generator its own index from 1 to 2"
          + " (or RIGHTSIZE_INJECTOR_INDEX)\n");

      // Steps 1-3: same run id and total population, one injector id and index each, started together.
      Process first = injector("lg-1", 1, 2, config);
      Process second = injector("lg-2", 2, 2, config);
      for (Process p : List.of(first, second)) {
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("injector finished").isTrue();
      }
      String firstLog = Files.readString(dir.resolve("lg-1.log"));
      assertThat(first.exitValue()).as(firstLog).isZero();
      assertThat(second.exitValue()).as(Files.readString(dir.resolve("lg-2.log"))).isZero();
      assertThat(firstLog).as("the plan's console line names this generator's share")
          .contains("closed: 4 users, 4 s each, think time 0 ms, warm-up 0 s, each step's users started over 2.0 s;"
              + " load generator 1 of 2 runs 2 of them");

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
      // Every generator labels the step with the total, so both files fall into one step of the report.
      for (List<RequestRecord> records : List.of(lg1, lg2)) {
        assertThat(records).allSatisfy(r -> {
          assertThat(r.step()).isEqualTo("4 users");
          assertThat(r.load()).isEqualTo(4.0);
        });
      }
      long total = lg1.size() + lg2.size();
      // Each generator starts its 2 users over the ramp; what they sent before both had started is warm-up.
      long ramp = Stream.concat(lg1.stream(), lg2.stream()).filter(RequestRecord::warmup).count();

      // Step 5: one report over every records*.jsonl of the run folder, with both Gatling reports
      // so that it cross-checks the merged records with Gatling's own counts summed over injectors.
      new ReportGenerator(RightsizeSettings.reference())
          .generate(ReportRequest.of(merged).withGatlingReports(gatlingRuns));
      JsonNode report = JSON.readTree(merged.resolve(TradeoffsFile.FILE_NAME).toFile());

      assertThat(report.path("injectors")).extracting(JsonNode::asText).containsExactlyInAnyOrder("lg-1", "lg-2");
      assertThat(report.path("warmup_requests").asLong()).isEqualTo(ramp);
      assertThat(report.path("steps")).singleElement().satisfies(step -> {
        assertThat(step.path("deployment").asText()).isEqualTo(DEPLOYMENT);
        assertThat(step.path("step").asText()).isEqualTo("4 users");
        assertThat(step.path("load").asDouble()).as("the row's load is the total").isEqualTo(4.0);
        assertThat(step.path("requests").asLong()).as("requests in the merged report").isEqualTo(total - ramp);
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
      Set<String> received = new HashSet<>();
      get(port, "/_rightsize/ground-truth?chunks=false").forEach(r -> received.add(r.path("requestId").asText()));
      assertThat(received).as("requests the target received").isEqualTo(ids);

      // The target held the total: 2 + 2 users without think time, never more (4 each would reach 8).
      int mostInFlight = 0;
      for (JsonNode sample : get(port, "/_rightsize/in-flight?deployment=" + DEPLOYMENT)) {
        mostInFlight = Math.max(mostInFlight, sample.path("inFlight").asInt());
      }
      assertThat(mostInFlight).as("most requests in flight at the target").isEqualTo(TOTAL_USERS);
    } finally {
      target.destroy();
      target.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
