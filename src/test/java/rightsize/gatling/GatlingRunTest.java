package rightsize.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static rightsize.testing.ScriptedChatServer.DONE;
import static rightsize.testing.ScriptedChatServer.contentChunk;
import static rightsize.testing.ScriptedChatServer.finishChunk;
import static rightsize.testing.ScriptedChatServer.roleChunk;
import static rightsize.testing.ScriptedChatServer.usageChunk;

import java.net.URLEncoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.cli.GateMain;
import rightsize.client.ChatClient;
import rightsize.client.ChatRequest;
import rightsize.config.InvalidConfigException;
import rightsize.config.RightsizeSettings;
import rightsize.config.Timeouts;
import rightsize.gate.CiEnvironment;
import rightsize.injector.InjectorLog;
import rightsize.injector.InjectorSample;
import rightsize.record.RecordReader;
import rightsize.record.RequestRecord;
import rightsize.record.Status;
import rightsize.report.ReportGenerator;
import rightsize.report.ReportRequest;
import rightsize.report.ReportResult;
import rightsize.report.input.GatlingReport;
import rightsize.report.model.CrossCheck;
import rightsize.testing.GatlingFork;
import rightsize.testing.SchedulingProbe;
import rightsize.testing.SecretPieces;
import rightsize.testing.ScriptedChatServer.Ending;
import rightsize.testing.ScriptedChatServer.Received;
import rightsize.testing.ScriptedChatServer.Reply;
import rightsize.testing.ScriptedChatServer;

/**
 * Runs {@link LoopbackSimulation} on the real Gatling engine in a forked JVM against a scripted
 * loopback server, then checks Gatling's report, the record file and the server's own log of what
 * it sent against each other.
 */
class GatlingRunTest {
  /** The key, with characters that URL encoding changes. */
  private static final String KEY = "CANARY-Zq7+Wx/9Lk=Pv3Rt8Jm2Hs5Qd";
  /** The forms an echoing server or proxy sends the key back in. */
  private static final String KEY_URL = URLEncoder.encode(KEY, StandardCharsets.UTF_8);
  private static final String KEY_BASE64 = Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));
  private static final String BASIC_BASE64 = Base64.getEncoder().encodeToString(("user:" + KEY).getBytes(StandardCharsets.UTF_8));
  /** Puts the raw key across the 200th character of the error message, where the client cuts it. */
  private static final String BEFORE_THE_CUT = "x".repeat(194 - KEY_URL.length() - KEY_BASE64.length() - BASIC_BASE64.length() - 3);
  /** Offsets (ms from the request's arrival) of the "stream" answer: role, three contents, finish, usage, [DONE]. */
  private static final List<Long> STREAM_OFFSETS = List.of(0L, 120L, 150L, 180L, 200L, 205L, 210L);

  @TempDir static Path dir;
  private static ScriptedChatServer server;
  private static GatlingFork.Result run;
  private static List<RequestRecord> records;
  private static SchedulingProbe probe;

  static Reply script(Received r) {
    if (!KEY.equals(r.header("api-key"))) {
      return Reply.status(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key.\"}}", Map.of());
    }
    switch (r.lastMessage()) {
      case "stream":
        return Reply.stream(STREAM_OFFSETS, List.of(roleChunk(), contentChunk("Hello"), contentChunk(" there"), contentChunk(" friend"),
            finishChunk("stop"), usageChunk(5, 3), DONE), Ending.END);
      case "throttle":
        return Reply.status(429, "{\"error\":{\"code\":\"429\",\"message\":\"Requests have exceeded token rate limit. Please retry after 2 seconds.\"}}",
            Map.of("retry-after", "2", "retry-after-ms", "1500", "x-ratelimit-remaining-tokens", "0"));
      case "error500":
        return Reply.status(500, "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"boom\"}}", Map.of());
      case "disconnect":
        return Reply.stream(List.of(20L, 40L), List.of(contentChunk("cut"), contentChunk(" off")), Ending.DISCONNECT);
      case "stall":
        return Reply.stream(List.of(0L), List.of(roleChunk()), Ending.STALL);
      case "slow":
        return Reply.stream(List.of(20L), List.of(contentChunk("and then nothing")), Ending.STALL);
      case "more":
        return Reply.stream(List.of(5L, 10L), List.of(contentChunk("More."), DONE), Ending.END);
      case "echo":
        // An echoing proxy: the key in error.code, in error.message (encoded, then raw across the cut), in a recorded header.
        return Reply.status(400, "{\"error\":{\"code\":\"" + KEY + "\",\"message\":\"" + echoed() + "\"}}",
            Map.of("azure-openai-deployment-utilization", KEY, "retry-after", KEY));
      case "echo-stream":
        // The same in a stream: the key in the text, in finish_reason, then in an error event's code and message.
        return Reply.stream(List.of(0L, 10L, 20L, 30L), List.of(roleChunk(), contentChunk("your key is " + KEY), finishChunk(KEY_URL),
                "data: {\"error\":{\"code\":\"" + KEY + "\",\"message\":\"" + echoed() + "\"}}\n\n"), Ending.END)
            .withHeaders(Map.of("azure-openai-deployment-utilization", KEY_BASE64));
      case "And then?":
        return Reply.stream(List.of(10L, 20L, 30L), List.of(contentChunk("Then"), contentChunk(" more"), DONE), Ending.END);
      default:
        return Reply.status(400, "{\"error\":{\"code\":\"unexpected\",\"message\":\"" + r.lastMessage() + "\"}}", Map.of());
    }
  }

  /** An error message whose 195th to 226th characters are the key, after its URL and Base64 encodings. */
  private static String echoed() {
    return KEY_URL + " " + KEY_BASE64 + " " + BASIC_BASE64 + " " + BEFORE_THE_CUT + KEY + " " + "y".repeat(200);
  }

  @BeforeAll
  static void runGatling() throws Exception {
    server = new ScriptedChatServer(GatlingRunTest::script);
    warmUp(server);
    Path conf = dir.resolve("loopback.conf");
    Files.writeString(conf, "rightsize {\n"
        + "  run { id = gatling-it, results-dir = \"" + dir.resolve("results") + "\" }\n"
        + "  request.timeouts { connect = 2s, first-token = 600ms, total = 1500ms }\n"
        + "  deployments = [ { name = loopback, kind = openai-compatible, endpoint = \"" + server.baseUri() + "\", deployment = test-model,\n"
        + "    vm-size = Standard_T1, auth { type = api-key, key-env = RIGHTSIZE_TEST_KEY } } ]\n"
        + "}\n");
    probe = new SchedulingProbe();
    run = new GatlingFork(LoopbackSimulation.class)
        .workDir(dir)
        .property("config.file", conf.toString())
        .property("logback.configurationFile", Path.of(GatlingRunTest.class.getResource("logback-fork.xml").toURI()).toString())
        .env("RIGHTSIZE_TEST_KEY", KEY)
        .run();
    probe.close();
    records = new ArrayList<>();
    RecordReader.read(dir.resolve("results/gatling-it/records.jsonl"), records::add);
  }

  /** Class loading in this JVM's server must not delay the first measured requests. */
  private static void warmUp(ScriptedChatServer server) throws Exception {
    try (ChatClient c = new ChatClient(1)) {
      for (String prompt : List.of("stream", "stream", "throttle")) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        String id = "warm-" + prompt + "-" + System.nanoTime();
        c.execute(new ChatRequest(id, server.baseUri().resolve("/v1/chat/completions"), Map.of("api-key", KEY, "x-ms-client-request-id", id),
            ("{\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}").getBytes(StandardCharsets.UTF_8), true,
            new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)), new rightsize.config.WireFormatSettings.OpenAiChat(), ""), f::complete);
        f.get(5, TimeUnit.SECONDS);
      }
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<Received> measured() {
    return server.received().stream().filter(r -> !r.requestId().startsWith("warm-")).collect(Collectors.toList());
  }

  private static List<RequestRecord> records(String request, String serverCase) {
    return records.stream()
        .filter(r -> r.request().equals(request) && server.byRequestId(r.requestId()).lastMessage().equals(serverCase))
        .collect(Collectors.toList());
  }

  @Test
  void theRunPassesItsGatlingAssertionsAndAccountsForEveryRequest() {
    assertThat(run.exitCode()).as(run.tail()).isZero();
    // 11 "chat", 4 "more" (only after a successful chat), 11 "followup".
    int total = 26;
    assertThat(run.output()).contains("rightsize-accounting started=" + total + " recorded=" + total);
    assertThat(records).hasSize(total);
    assertThat(measured()).as("the server received each request exactly once").hasSize(total);
    assertThat(records.stream().map(RequestRecord::requestId).collect(Collectors.toSet()))
        .isEqualTo(measured().stream().map(Received::requestId).collect(Collectors.toSet()));
  }

  @Test
  void gatlingsReportHasBothRowsForEveryRequest() throws Exception {
    GatlingReport report = GatlingReport.read(run.runFolder());
    int n = LoopbackSimulation.CASES.size();
    assertThat(report.rows()).filteredOn(r -> !r.group()).extracting(r -> List.of(r.path(), r.total(), r.ok(), r.ko()))
        .containsExactlyInAnyOrder(
            List.of("turn / chat", (long) n, 4L, 7L),
            // ttft succeeds whenever content arrived: the streams, the disconnect, the slow stall and the echoing stream.
            List.of("turn / chat · ttft", (long) n, 7L, 4L),
            List.of("turn / more", 4L, 4L, 0L),
            List.of("turn / more · ttft", 4L, 4L, 0L),
            List.of("followup", (long) n, (long) n, 0L),
            List.of("followup · ttft", (long) n, (long) n, 0L));
    assertThat(report.rows()).filteredOn(GatlingReport.Row::group).extracting(GatlingReport.Row::name).containsExactly("turn");
    assertThat(run.output()).contains("throttled 429 429", "http_error 500 InternalServerError", "connection_lost", "timeout_first_token", "timeout_total",
        "http_error 400 ***", "malformed_stream");
  }

  @Test
  void theReportOfTheRunAgreesWithGatlingsOwnRowsOfTheProtocol() throws Exception {
    // The report's cross-check on the genai protocol's own rows (the report's tests use the HTTP DSL):
    // counts and e2e percentiles of every request name, failures and timeouts included.
    ReportResult report = new ReportGenerator(RightsizeSettings.reference())
        .generate(ReportRequest.of(dir.resolve("results/gatling-it")).withGatlingReports(List.of(run.runFolder())));
    CrossCheck check = report.tradeoffs().gatling();
    assertThat(check.problems()).isEmpty();
    assertThat(check.agree()).isTrue();
    assertThat(check.rows()).extracting(r -> List.of(r.name(), r.gatlingTotal(), r.recordsTotal()))
        .containsExactlyInAnyOrder(List.of("chat", 11L, 11L), List.of("more", 4L, 4L), List.of("followup", 11L, 11L));
    // Each name is one row of Gatling's report, so its percentiles and max were compared too.
    assertThat(check.rows()).allSatisfy(r -> assertThat(r.percentiles()).isNotEmpty());
  }

  @Test
  void streamsAreMeasuredWithin5msOfWhatTheServerDid() {
    // Every successful stream (4 first turns, 4 "more", 11 follow-ups): ttft and e2e against the instants the
    // server wrote its first content and [DONE], on the wall clock both JVMs share (microseconds).
    List<InjectorSample> forkHealth = InjectorLog.read(dir.resolve("results/gatling-it")).samples();
    assertThat(forkHealth).as("the fork's injector.jsonl").isNotEmpty();
    List<Double> lags = new ArrayList<>();
    List<String> over = new ArrayList<>();
    for (RequestRecord r : records) {
      if (r.status() != Status.OK) {
        continue;
      }
      Received got = server.byRequestId(r.requestId());
      int first = got.lastMessage().equals("stream") ? 1 : 0;
      double firstContent = (got.sentEpochMicros.get(first) - r.startEpochMicros()) / 1000.0;
      double done = (got.sentEpochMicros.get(got.sentEpochMicros.size() - 1) - r.startEpochMicros()) / 1000.0;
      double bound = boundMs(forkHealth, r);
      for (double lag : List.of(r.ttftMs() - firstContent, r.e2eMs() - done)) {
        lags.add(lag);
        if (lag > bound) {
          over.add(String.format(Locale.ROOT, "%.1f ms (bound %.1f ms)", lag, bound));
        }
      }
    }
    assertThat(lags).hasSize(2 * 19);
    // Never earlier than the server's write (1 ms: wall-clock resolution across JVMs), and within the bound.
    // One outlier is tolerated up to 50 ms: a delay can fall between two ticks of the probes.
    assertThat(lags).allSatisfy(l -> assertThat(l).isBetween(-1.0, 50.0));
    assertThat(over).as("lags over their bound, of %s", lags).hasSizeLessThanOrEqualTo(1);

    List<RequestRecord> streams = records("chat", "stream");
    assertThat(streams).hasSize(4);
    for (RequestRecord r : streams) {
      Received got = server.byRequestId(r.requestId());
      // The schedule is the floor: nothing is measured before the server's planned offsets.
      assertThat(r.ttftMs()).isGreaterThanOrEqualTo(120.0);
      assertThat(r.e2eMs()).isGreaterThanOrEqualTo(210.0);
      assertThat(r.status()).isEqualTo(Status.OK);
      assertThat(r.itl().count()).isEqualTo(2);
      // Within the same bound of the server's spacing.
      assertThat(r.itl().meanMs()).isCloseTo((got.sentNanos.get(3) - got.sentNanos.get(1)) / 2e6, within(boundMs(forkHealth, r)));
      assertThat(r.tokens()).isEqualTo(new RequestRecord.Tokens(5, 3, null, null, RequestRecord.TokenSource.usage));
      assertThat(r.finishReason()).isEqualTo("stop");
    }
  }

  /**
   * 5 ms, plus the worst delay either JVM was seen to suffer while {@code r} ran: on the shared 2-core
   * build machine any thread, the client's included, is now and then run late, which no client can
   * avoid. This JVM's probe sees the server's side; the fork's own load generator monitor (injector.jsonl:
   * its sleeping thread and the client's event loops, in the seconds the request spanned) sees the
   * client's, as the run's report would cite it. A client that timed an event wrongly shows no such delay.
   */
  private static double boundMs(List<InjectorSample> forkHealth, RequestRecord r) {
    long from = r.startEpochMicros() / 1_000_000;
    // A late wake-up or tick is counted in the second it ended: one second past the request's end too.
    long to = (r.startEpochMicros() + (long) (r.e2eMs() * 1000)) / 1_000_000 + 1;
    double fork = forkHealth.stream()
        .filter(s -> s.epochSecond() >= from && s.epochSecond() <= to)
        .mapToDouble(s -> Math.max(s.worstStallMs(), s.clientLag() == null ? 0 : s.clientLag().maxMs()))
        .max().orElse(0);
    return 5.0 + Math.max(probe.worstMs(), fork);
  }

  @Test
  void failuresAreClassifiedRecordedAndTheRunContinues() {
    RequestRecord throttled = records("chat", "throttle").get(0);
    assertThat(throttled.status()).isEqualTo(Status.THROTTLED);
    assertThat(throttled.httpStatus()).isEqualTo(429);
    assertThat(throttled.rateLimit()).isEqualTo(new RequestRecord.RateLimit(1500L, null, 0L, null));
    assertThat(throttled.ttftMs()).isNull();

    RequestRecord error = records("chat", "error500").get(0);
    assertThat(error.status()).isEqualTo(Status.HTTP_ERROR);
    assertThat(error.httpStatus()).isEqualTo(500);
    assertThat(error.errorCode()).isEqualTo("InternalServerError");
    assertThat(error.message()).isEqualTo("HTTP 500: boom");

    RequestRecord lost = records("chat", "disconnect").get(0);
    assertThat(lost.status()).isEqualTo(Status.CONNECTION_LOST);
    assertThat(lost.ttftMs()).as("content arrived before the cut").isGreaterThanOrEqualTo(20.0);
    assertThat(lost.tokens().source()).isEqualTo(RequestRecord.TokenSource.tokenizer);

    RequestRecord stall = records("chat", "stall").get(0);
    assertThat(stall.status()).isEqualTo(Status.TIMEOUT_FIRST_TOKEN);
    assertThat(stall.ttftMs()).isNull();
    assertThat(stall.e2eMs()).isCloseTo(600.0, within(50.0));

    RequestRecord slow = records("chat", "slow").get(0);
    assertThat(slow.status()).isEqualTo(Status.TIMEOUT_TOTAL);
    assertThat(slow.e2eMs()).isCloseTo(1500.0, within(50.0));

    // Every user went on to its follow-up, which carried the first answer in its history.
    assertThat(records.stream().filter(r -> r.request().equals("followup"))).hasSize(11).allMatch(r -> r.status() == Status.OK);
    for (Received got : measured()) {
      if (got.lastMessage().equals("And then?")) {
        String firstCase = got.json().path("messages").get(0).path("content").asText();
        String answer = got.json().path("messages").get(1).path("content").asText();
        assertThat(answer).isEqualTo(Map.of("stream", "Hello there friend", "disconnect", "cut off", "slow", "and then nothing", "echo-stream", "your key is " + KEY)
            .getOrDefault(firstCase, ""));
      }
    }
  }

  @Test
  void recordsCarryTheirTags() {
    assertThat(records).allSatisfy(r -> {
      assertThat(r.runId()).isEqualTo("gatling-it");
      assertThat(r.injector()).isEqualTo("injector-1");
      assertThat(r.scenario()).isEqualTo("loopback");
      assertThat(r.deployment()).isEqualTo("loopback");
      assertThat(r.target()).isEqualTo("openai-compatible");
      assertThat(r.vmSize()).isEqualTo("Standard_T1");
      assertThat(r.step()).isEqualTo("11 users");
      assertThat(r.load()).isEqualTo(11.0);
      assertThat(r.startEpochMicros()).isGreaterThan(1_600_000_000_000_000L);
    });
    assertThat(new HashSet<>(records.stream().map(RequestRecord::request).collect(Collectors.toList())))
        .containsExactlyInAnyOrder("chat", "more", "followup");
  }

  @Test
  void anEchoedKeyIsRecordedMasked() {
    assertThat(measured()).allSatisfy(r -> assertThat(r.header("api-key")).isEqualTo(KEY));
    RequestRecord echo = records("chat", "echo").get(0);
    assertThat(echo.status()).isEqualTo(Status.HTTP_ERROR);
    assertThat(echo.errorCode()).isEqualTo("***");
    // The URL and Base64 encodings masked; of the Base64 of "user:<key>" only the 7 characters that
    // encode "user:" and the one that mixes the key's last bits with the padding are left; the raw
    // key that straddled the 200th character masked before the message was cut there.
    String scrubbed = "*** *** " + BASIC_BASE64.substring(0, 7) + "***" + BASIC_BASE64.substring(49) + " " + BEFORE_THE_CUT + "*** " + "y".repeat(200);
    assertThat(echo.message()).isEqualTo("HTTP 400: " + scrubbed.substring(0, 199) + "…");
    assertThat(echo.rateLimit()).isEqualTo(new RequestRecord.RateLimit(null, null, null, "***"));

    // The same text in a stream's error event; the key in the text itself reaches no file (the answer is not recorded).
    RequestRecord stream = records("chat", "echo-stream").get(0);
    assertThat(stream.status()).isEqualTo(Status.MALFORMED_STREAM);
    assertThat(stream.finishReason()).isEqualTo("***");
    assertThat(stream.message()).isEqualTo("stream carried an error ***: " + scrubbed.substring(0, 199) + "…");
    assertThat(stream.rateLimit().utilization()).isEqualTo("***");
  }

  @Test
  void theKeyLeavesNoPieceInAnyFileOfTheRunNorOnTheConsole() throws Exception {
    // Everything a run leaves: its records and injector file, the report and the gate's files written
    // from them, Gatling's simulation.log and HTML pages; then the console of the run and of the gate.
    Path runDir = dir.resolve("results/gatling-it");
    new ReportGenerator(RightsizeSettings.reference())
        .generate(ReportRequest.of(runDir).withGatlingReports(List.of(run.runFolder())));
    ByteArrayOutputStream gateConsole = new ByteArrayOutputStream();
    PrintStream gateOut = new PrintStream(gateConsole, true, StandardCharsets.UTF_8);
    GateMain.run(new String[] {"gate", "--run", runDir.toString()}, new CiEnvironment(Map.of(), gateOut), gateOut, gateOut);

    Map<String, List<String>> leaks = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Stream.concat(Files.walk(dir.resolve("results")), Files.walk(run.runFolder()))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      // Bytes as Latin-1: simulation.log is binary, and a key is ASCII whatever the file's encoding.
      List<String> found = SecretPieces.foundIn(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1), KEY);
      if (!found.isEmpty()) {
        leaks.put(dir.relativize(f).toString(), found);
      }
    }
    leaks.put("the run's console", SecretPieces.foundIn(run.output(), KEY));
    leaks.put("the gate's console", SecretPieces.foundIn(gateConsole.toString(StandardCharsets.UTF_8), KEY));
    leaks.values().removeIf(List::isEmpty);
    assertThat(leaks).isEmpty();

    assertThat(files.stream().map(f -> f.getFileName().toString()))
        .contains("records.jsonl", "injector.jsonl", "tradeoffs.html", "tradeoffs.md", "tradeoffs.csv", "tradeoffs.json",
            "summary.md", "gate-junit.xml", "index.html", "simulation.log");
    assertThat(run.output()).contains("rightsize run gatling-it", "http_error 400 ***");
  }

  @Test
  void anInvalidConfigStopsTheRunBeforeLoadWithOneLinePerProblem(@TempDir Path other) throws Exception {
    Path conf = other.resolve("bad.conf");
    // A key that no environment variable holds: only the configuration check can keep it off the console.
    String keyInUrl = "UrlKey-Hb6Tg3Ws9Qa2Ze5Xd8";
    Files.writeString(conf, "rightsize.deployments = [ { name = loopback, kind = openai-compatible, deployment = m, auth { type = api-key, key-env = NOT_SET_ANYWHERE } },\n"
        + "  { name = remote, kind = openai-compatible, endpoint = \"http://10.255.0.1:8000\", deployment = m, auth { type = api-key, key-env = RIGHTSIZE_TEST_KEY } },\n"
        + "  { name = inurl, kind = azure-openai, endpoint = \"https://res.openai.azure.com/?api-key=" + keyInUrl + "\", deployment = m } ]\n"
        + "rightsize.request.timeouts.first-token = 0s\n"
        + "rightsize.populaton.model = open\n");
    int before = server.received().size();
    GatlingFork.Result bad = new GatlingFork(LoopbackSimulation.class).workDir(other).property("config.file", conf.toString())
        .env("RIGHTSIZE_TEST_KEY", KEY).run();
    assertThat(bad.exitCode()).as(bad.tail()).isEqualTo(InvalidConfigException.EXIT_CODE);
    // The problems are the last lines the Gatling JVM prints: no stack trace, no shutdown noise after them.
    assertThat(bad.output()).endsWith(
        "rightsize: the configuration is invalid, nothing was run:\n"
            + "  rightsize.populaton is not a known setting: did you mean rightsize.population? rename or remove it in " + conf + ": 5\n"
            + "  rightsize.deployments[0].endpoint is missing: set endpoint (the base URL, e.g. https://myres.openai.azure.com) for deployment 'loopback' in " + conf + ": 1\n"
            + "  rightsize.deployments[0].auth.key-env names environment variable NOT_SET_ANYWHERE, which is not set: export NOT_SET_ANYWHERE with the key (auth.type = api-key) for deployment 'loopback'\n"
            + "  rightsize.deployments[1].endpoint is plain http to a host that is not loopback (http://10.255.0.1:8000), where the key of auth.type = api-key"
            + " can be read on the network: use https://, or set auth.allow-cleartext = true for deployment 'remote' in " + conf + ": 2\n"
            + "  rightsize.deployments[2].endpoint 'https://res.openai.azure.com/?api-key=***' has a query string: set only the base URL; api-version has its own key,"
            + " the key goes in auth for deployment 'inurl' in " + conf + ": 3\n"
            + "  rightsize.request.timeouts.first-token is 0s but timeouts are always on: set a duration > 0 such as 30s in " + conf + ": 4\n");
    assertThat(SecretPieces.foundIn(bad.output(), keyInUrl)).isEmpty();
    assertThat(SecretPieces.foundIn(bad.output(), KEY)).isEmpty();
    assertThat(bad.output()).doesNotContain("Run crashed").doesNotContain("Exception");
    // What CI reads to tell an invalid configuration from a broken SLO, both exit 1 through mvn gatling:test.
    assertThat(Files.readString(other.resolve("results").resolve(RightsizeSettings.STATUS_FILE)).trim())
        .isEqualTo(RightsizeSettings.STATUS_INVALID);
    assertThat(server.received()).hasSize(before);
  }
}
