package rightsize.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import rightsize.client.BackToBack;
import rightsize.client.ChatClient;
import rightsize.client.ChatRequest;
import rightsize.config.Timeouts;
import rightsize.config.WireFormatSettings;
import rightsize.record.Status;

/**
 * The standalone emulator ({@code rightsize.cli.EmulatorMain}) in its own JVM pinned to one CPU,
 * serving one pay-per-token deployment on a fixed schedule: 150 ms to the first token, then one
 * token per event every 50 ms, each answer exactly its {@code max_tokens} long, and limits too high
 * to throttle. Its ground truth (per request, no chunk kept: {@code ground-truth = requests}) is
 * written when it stops.
 */
final class BenchEmulator implements AutoCloseable {
  /** The deployment name, and so the path every client calls. */
  static final String PATH = "/openai/deployments/bench/chat/completions?api-version=2024-10-21";

  private static final int WARM_UP_REQUESTS = 20_000;

  /**
   * Its JVM: a young generation larger than what it allocates in a row at 3,000 streams (about 1.2 GB
   * a minute at 2,000 streams), so that no collection falls in the measured step: with 1.5 GB one
   * did at 2,000 streams, a 101 ms pause whose backlog every stream then received at once. Its
   * ground truth keeps no chunk, so the old generation holds little more than one fact per request.
   */
  private static final List<String> JVM = List.of("-Xms6g", "-Xmx6g", "-Xmn4500m", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch");

  private final Process process;
  private final Path truthFile;
  private final Path gcLog;
  final int port;

  private BenchEmulator(Process process, int port, Path truthFile, Path gcLog) {
    this.process = process;
    this.port = port;
    this.truthFile = truthFile;
    this.gcLog = gcLog;
  }

  /** Starts it on CPU {@code cpu}, with its files in {@code dir}, and waits until it listens. */
  static BenchEmulator start(Path dir, BenchSettings s, int cpu) throws IOException, InterruptedException {
    int port = freePort();
    Path truth = dir.resolve("ground-truth.jsonl");
    Path conf = dir.resolve("emulator.conf");
    Files.writeString(conf, """
        rightsize {
          deployments = [{
            name = bench, kind = emulator, deployment = bench
            emulator { profile = "pay-per-token", tokens-per-minute = 1000000000, requests-per-minute = 100000000,
                       prefill-tokens-per-second = 20000, decode-tokens-per-second = 20, first-token-overhead-ms = 150 }
          }]
          emulator {
            tokens-per-chunk = 1
            output-length { min-fraction = 1.0, max-fraction = 1.0 }
            ground-truth-file = "%s"
            ground-truth = requests
          }
        }
        """.formatted(truth.toAbsolutePath().toString().replace("\\", "/")));
    Path gcLog = dir.resolve("emulator-gc.log");
    List<String> cmd = new ArrayList<>(s.pinnedTo(cpu));
    cmd.add(SideBySideBenchmark.java());
    cmd.addAll(JVM);
    cmd.add(GcLog.option(gcLog));
    cmd.add("-Dlogback.configurationFile=" + Path.of("src/test/resources/logback-test.xml").toAbsolutePath());
    cmd.addAll(List.of("-cp", s.classpath(), "rightsize.cli.EmulatorMain", "--port", Integer.toString(port), "--config", conf.toString()));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    StringBuilder seen = new StringBuilder();
    while ((line = out.readLine()) != null && !line.contains("listening on")) {
      seen.append(line).append('\n');
    }
    if (line == null) {
      throw new IllegalStateException("the emulator did not start:\n" + seen);
    }
    // Keep draining its output so that it never blocks on a full pipe.
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // discarded: the emulator prints nothing useful after its start-up lines
        }
      } catch (IOException e) {
        // the emulator has gone
      }
    }, "emulator-output");
    drain.setDaemon(true);
    drain.start();
    BenchEmulator emulator = new BenchEmulator(p, port, truth, gcLog);
    try {
      emulator.warmUp();
    } catch (IOException | RuntimeException e) {
      emulator.close(); // else its JVM outlives the benchmark, holding its heap
      throw e;
    }
    return emulator;
  }

  /**
   * Sends it {@link #WARM_UP_REQUESTS} two-token streams, 1,000 at a time, before any generator
   * starts: the emulator is the reference, and a cold one compiled its per-request code during the
   * measured step, reading requests up to 8 ms late (docs/benchmarks.md, "The JIT warm-up"). Their
   * ground truth joins no generator's record.
   */
  private void warmUp() throws InterruptedException, IOException {
    URI uri = URI.create("http://127.0.0.1:" + port + PATH);
    byte[] body = "{\"messages\":[{\"role\":\"user\",\"content\":\"warm up\"}],\"max_tokens\":2,\"stream\":true}"
        .getBytes(StandardCharsets.UTF_8);
    Timeouts t = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10));
    ChatRequest request = new ChatRequest("bench-warm-up", uri, Map.of("content-type", "application/json"), body, true, t,
        new WireFormatSettings.OpenAiChat(), "");
    try (ChatClient client = new ChatClient(1)) {
      Map<Status, Integer> ended = BackToBack.send(client, request, WARM_UP_REQUESTS, 1_000, Duration.ofSeconds(120));
      System.out.println("emulator warm-up: " + WARM_UP_REQUESTS + " streams, ended " + ended);
    }
    // The warm-up filled much of its young generation: collect it now, or the collection falls in
    // the measured step (a 250-300 ms pause at 1,000-2,000 streams) and every stream is late after it.
    Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(process.pid()), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
      throw new IllegalStateException("jcmd GC.run on the emulator failed");
    }
  }

  long pid() {
    return process.pid();
  }

  /** Its GC log. */
  Path gcLog() {
    return gcLog;
  }

  /** Stops it (SIGTERM: its shutdown hook writes the ground truth) and reads what it did, by request id. */
  Map<String, Truth> stopAndReadTruth() throws IOException, InterruptedException {
    close();
    Map<String, Truth> byId = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader r = Files.newBufferedReader(truthFile, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode t = json.readTree(line);
        if (t.path("firstContentEpochMicros").isNull() || t.path("firstContentEpochMicros").isMissingNode()) {
          continue; // no content was sent: nothing to compare a ttft with
        }
        long sent = t.path("firstContentEpochMicros").asLong();
        long late = t.path("firstContentNanos").asLong() - t.path("firstContentScheduledNanos").asLong();
        byId.put(t.path("requestId").asText(), new Truth(t.path("arrivalEpochMicros").asLong(), sent - late / 1_000, sent));
      }
    }
    return byId;
  }

  /**
   * What the emulator did for one request, on the wall clock in epoch microseconds.
   *
   * @param arrival the whole request had been read
   * @param firstContentScheduled when its schedule wanted the first content event sent
   * @param firstContentSent when it handed the first content event to the socket
   */
  record Truth(long arrival, long firstContentScheduled, long firstContentSent) {}

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
