package rightsize.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A load generator the side-by-side benchmark runs: rightsize itself (the real {@code
 * SizingSimulation} in a Gatling JVM, as {@code mvn gatling:test} runs it) or a Python peer from
 * {@code bench/}. Each holds {@code streams} concurrent streams, back to back, for a warm-up and then
 * the measured step, and leaves one record per request.
 */
enum Generator {
  RIGHTSIZE,
  LOCUST,
  AIOHTTP;

  /** Debian's interpreter, where python3-aiohttp and python3-locust install. */
  private static final String PYTHON = "/usr/bin/python3";

  /** One request as the generator recorded it. */
  record Request(String id, long startMicros, Double ttftMs, double e2eMs, boolean ok, boolean inStep) {

    long endMicros() {
      return startMicros + (long) (e2eMs * 1000);
    }
  }

  String label() {
    return name().toLowerCase();
  }

  /** The command that runs it, pinned to CPU {@code cpu}, with its files in {@code dir}. */
  List<String> command(Path dir, BenchSettings s, int streams, int port, int cpu) throws IOException {
    List<String> cmd = new ArrayList<>(s.pinnedTo(cpu));
    String base = "http://127.0.0.1:" + port;
    switch (this) {
      case RIGHTSIZE -> {
        Path conf = dir.resolve("rightsize.conf");
        Files.writeString(conf, """
            rightsize {
              run { id = "bench", results-dir = "%s" }
              deployments = [{ name = bench, kind = azure-openai, endpoint = "%s", deployment = bench,
                               pricing { mode = pay-per-token } }]
              workload { kind = synthetic, seed = 42,
                         synthetic { input-tokens = 100, max-tokens = { distribution = uniform, min = 40, max = 200 } } }
              population { model = closed, closed { steps = [%d], hold = %ds, think-time = 0s, warmup = %ds } }
            }
            """.formatted(dir.resolve("results").toAbsolutePath().toString().replace("\\", "/"), base, streams,
            s.holdSeconds(), s.warmupSeconds()));
        cmd.add(SideBySideBenchmark.java());
        cmd.addAll(s.jvmArgs());
        cmd.add(GcLog.option(dir.resolve("gc.log")));
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        cmd.add("-Dconfig.file=" + conf);
        cmd.add("-Dlogback.configurationFile=" + Path.of("src/test/resources/logback-test.xml").toAbsolutePath());
        cmd.addAll(List.of("-cp", s.classpath(), "io.gatling.app.Gatling", "--simulation",
            "rightsize.simulations.SizingSimulation", "--results-folder", dir.resolve("gatling").toString(), "--no-reports"));
      }
      case LOCUST -> cmd.addAll(List.of(PYTHON, "-m", "locust", "-f", Path.of("bench/locustfile.py").toAbsolutePath().toString(),
          "--headless", "--only-summary", "-u", Integer.toString(streams), "-r", Integer.toString(streams),
          "-t", (s.warmupSeconds() + s.holdSeconds()) + "s", "--stop-timeout", "15", "--host", base));
      case AIOHTTP -> cmd.addAll(List.of(PYTHON, Path.of("bench/aiohttp_client.py").toAbsolutePath().toString(),
          "--url", base + BenchEmulator.PATH, "--users", Integer.toString(streams),
          "--seconds", Integer.toString(s.warmupSeconds() + s.holdSeconds()), "--records", records(dir).toString()));
    }
    return cmd;
  }

  /** Environment for the command. */
  void environment(ProcessBuilder pb, Path dir) {
    if (this == LOCUST) {
      pb.environment().put("RIGHTSIZE_BENCH_PATH", BenchEmulator.PATH);
      pb.environment().put("RIGHTSIZE_BENCH_RECORDS", records(dir).toString());
    }
  }

  /** Its JVM's GC log, or null for a Python peer. */
  Path gcLog(Path dir) {
    return this == RIGHTSIZE ? dir.resolve("gc.log") : null;
  }

  /**
   * What it recorded. A request is in the step when rightsize labelled it so (not {@code warmup});
   * for a peer, when it started at least the warm-up after the first request and before the end of
   * the hold.
   */
  List<Request> requests(Path dir, BenchSettings s) throws IOException {
    List<Request> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader r = Files.newBufferedReader(records(dir), StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        if (n.has("run_event")) {
          continue; // the run's start and end markers (docs/records.md), not requests
        }
        JsonNode ttft = n.get("ttft_ms");
        out.add(new Request(n.path("request_id").asText(), n.path("start_epoch_micros").asLong(),
            ttft == null || ttft.isNull() ? null : ttft.asDouble(), n.path("e2e_ms").asDouble(), "ok".equals(n.path("status").asText()),
            this == RIGHTSIZE && !"warmup".equals(n.path("step").asText())));
      }
    }
    if (this != RIGHTSIZE && !out.isEmpty()) {
      long first = out.stream().mapToLong(Request::startMicros).min().orElseThrow();
      long from = first + s.warmupSeconds() * 1_000_000L;
      long to = from + s.holdSeconds() * 1_000_000L;
      out.replaceAll(q -> new Request(q.id(), q.startMicros(), q.ttftMs(), q.e2eMs(), q.ok(), q.startMicros() >= from && q.startMicros() < to));
    }
    return out;
  }

  private Path records(Path dir) {
    if (this != RIGHTSIZE) {
      return dir.resolve("records.jsonl");
    }
    try (Stream<Path> runs = Files.walk(dir.resolve("results"))) {
      return runs.filter(p -> p.getFileName().toString().equals("records.jsonl")).findFirst()
          .orElse(dir.resolve("results/bench/records.jsonl"));
    } catch (IOException e) {
      return dir.resolve("results/bench/records.jsonl");
    }
  }
}
