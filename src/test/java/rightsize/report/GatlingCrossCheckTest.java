package rightsize.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.record.RecordReader;
import rightsize.record.RecordWriter;
import rightsize.record.RequestRecord;
import rightsize.report.input.GatlingReport;
import rightsize.report.model.CrossCheck;
import rightsize.testing.GatlingFork;

/**
 * Runs a real Gatling 3.15 simulation (in its own JVM, as the Maven plugin does) against a loopback
 * server, then checks that the end-of-run hook copied Gatling's HTML report into the run folder and
 * that Gatling's numbers and the records agree; and that disagreements are caught.
 */
class GatlingCrossCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int REQUESTS = LoopbackGatlingSimulation.USERS * LoopbackGatlingSimulation.REQUESTS_PER_USER;
  private static final int KO = REQUESTS / 6;

  @TempDir static Path dir;
  static Path runDir;
  static Path gatlingCopy;

  @BeforeAll
  static void runGatling() throws Exception {
    AtomicInteger served = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/chat", exchange -> {
      int n = served.incrementAndGet();
      try {
        Thread.sleep(2 + (n % 10) * 9L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(n % 6 == 0 ? 500 : 200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    server.setExecutor(pool);
    server.start();
    runDir = dir.resolve("results").resolve("gatling-run");
    try {
      GatlingFork.Result gatling = new GatlingFork(LoopbackGatlingSimulation.class).workDir(dir)
          .property(LoopbackGatlingSimulation.PORT_PROPERTY, String.valueOf(server.getAddress().getPort()))
          .property(LoopbackGatlingSimulation.RUN_PROPERTY, runDir.toString())
          .property(LoopbackGatlingSimulation.RESULTS_PROPERTY, dir.resolve("gatling").toString())
          .run();
      assertThat(gatling.exitCode()).as("Gatling exit code; output:%n%s", gatling.tail()).isZero();
    } finally {
      server.stop(0);
      pool.shutdownNow();
    }
    try (Stream<Path> copies = Files.list(runDir.resolve("gatling"))) {
      gatlingCopy = copies.findFirst().orElseThrow();
    }
  }

  @Test
  void theEndOfRunHookCopiesGatlingsReportAndBothAgree() throws Exception {
    assertThat(gatlingCopy.resolve("index.html")).exists();
    assertThat(gatlingCopy.resolve("simulation.log")).exists();
    JsonNode json = JSON.readTree(runDir.resolve("tradeoffs.json").toFile());
    JsonNode g = json.path("gatling");
    assertThat(g.path("problems")).isEmpty();
    assertThat(g.path("agree").asBoolean()).isTrue();
    JsonNode chat = g.path("rows").get(0);
    assertThat(chat.path("name").asText()).isEqualTo("chat");
    assertThat(chat.path("gatling").path("total").asInt()).isEqualTo(REQUESTS);
    assertThat(chat.path("gatling").path("ko").asInt()).isEqualTo(KO);
    assertThat(chat.path("records")).isEqualTo(chat.path("gatling"));
    // p50, p75, p95, p99 and max were compared.
    assertThat(chat.path("percentiles")).hasSize(5);
    assertThat(Files.readString(runDir.resolve("tradeoffs.html")))
        .contains("href=\"gatling/" + gatlingCopy.getFileName() + "/index.html\"")
        .contains("The records agree with Gatling's report.");
    assertThat(Files.readString(runDir.resolve("tradeoffs.md"))).contains("The records agree with Gatling's report");
  }

  @Test
  void readsGatlingsStatisticsTable() {
    GatlingReport report = GatlingReport.read(gatlingCopy);
    assertThat(report.simulation()).isEqualTo("LoopbackGatlingSimulation");
    assertThat(report.version()).isEqualTo("3.15.1");
    assertThat(report.rows()).hasSize(1);
    GatlingReport.Row chat = report.rows().get(0);
    assertThat(chat.path()).isEqualTo("chat");
    assertThat(chat.group()).isFalse();
    assertThat(chat.total()).isEqualTo(REQUESTS);
    assertThat(chat.ok()).isEqualTo(REQUESTS - KO);
    assertThat(chat.ko()).isEqualTo(KO);
    assertThat(chat.percentiles()).containsOnlyKeys(50.0, 75.0, 95.0, 99.0);
    assertThat(chat.min()).isLessThanOrEqualTo(chat.percentiles().get(50.0));
    assertThat(chat.percentiles().get(99.0)).isLessThanOrEqualTo(chat.max());
  }

  @Test
  void missingRecordsAreFlagged() throws Exception {
    Path run = copyRun("missing", records -> records.subList(3, records.size()));
    CrossCheck check = Reports.generator().generate(run).tradeoffs().gatling();
    assertThat(check.agree()).isFalse();
    assertThat(check.problems()).contains("chat: requests: records " + (REQUESTS - 3) + ", Gatling " + REQUESTS);
    assertThat(Files.readString(run.resolve("tradeoffs.md"))).contains("**The records disagree with Gatling's report**");
  }

  @Test
  void slowerRecordsAreFlagged() throws Exception {
    Path run = copyRun("slower", records -> records.stream().map(r -> new RequestRecord(r.runId(), r.injector(),
        r.scenario(), r.deployment(), r.target(), r.vmSize(), r.step(), r.load(), r.loadUnit(), r.warmup(),
        r.request(), r.requestId(), r.startEpochMicros(), r.ttftMs(), r.e2eMs() * 1.2 + 20, r.itl(), r.tokens(),
        r.finishReason(), r.status(), r.httpStatus(), r.errorCode(), r.message(), r.rateLimit())).toList());
    CrossCheck check = Reports.generator().generate(run).tradeoffs().gatling();
    assertThat(check.agree()).isFalse();
    assertThat(check.problems()).anySatisfy(p -> assertThat(p).startsWith("chat: p50: Gatling"));
  }

  /** A copy of the Gatling run's folder whose records went through {@code change}. */
  private static Path copyRun(String name, java.util.function.UnaryOperator<List<RequestRecord>> change)
      throws IOException {
    Path run = dir.resolve("results").resolve(name);
    List<RequestRecord> records = new java.util.ArrayList<>();
    RecordReader.read(runDir.resolve("records.jsonl"), records::add);
    try (RecordWriter writer = new RecordWriter(run.resolve("records.jsonl"))) {
      change.apply(records).forEach(writer::write);
    }
    Path target = run.resolve("gatling").resolve(gatlingCopy.getFileName());
    Files.createDirectories(target);
    Files.copy(gatlingCopy.resolve("index.html"), target.resolve("index.html"));
    return run;
  }
}
