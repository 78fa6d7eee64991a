package rightsize.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import rightsize.config.RightsizeSettings;
import rightsize.injector.InjectorLoad;
import rightsize.injector.InjectorLog;
import rightsize.injector.InjectorSample;
import rightsize.injector.LoopLag;

/**
 * Side-by-side benchmark of streaming load generators (issue 14): the standalone emulator pinned to
 * CPU 0, one generator at a time pinned to CPU 1, at each concurrency; every request joined with the
 * emulator's ground truth by {@code x-ms-client-request-id}. Prints, per generator and concurrency,
 * the ttft error against ground truth (steady and whole step), the client-side share, the server's
 * own lateness, CPU per 1,000 requests, GC pauses and the load generator monitor's readings: its
 * event loops' lag, its verdict and the JIT's compile time. At 10, 100, 500 and 1,000 streams (rightsize only) this is the
 * fidelity benchmark of issue 13: the client-side share is the ttft error against the server's
 * send instants.
 *
 * <p>Run with {@code bench/side-by-side.sh} (docs/benchmarks.md, "Side by side"); not part of the
 * test run. Arguments: {@code --streams 100,500,1000,2000,3000}, {@code --generators
 * rightsize,locust,aiohttp}, {@code --warmup 10}, {@code --hold 40}, {@code --settle 12}, {@code
 * --jvm "<options>"} (rightsize's Gatling JVM instead of the pom's), {@code --wait-quiet 0} (seconds
 * to wait before each run for the machine to be idle), {@code --nice 0} (niceness of the emulator
 * and the generator), {@code --label text}, {@code --out target/side-by-side}.
 */
public final class SideBySideBenchmark {

  /** CPU of the emulator; the generator gets the other one. */
  private static final int EMULATOR_CPU = 0;
  private static final int GENERATOR_CPU = 1;

  /**
   * The options gatling-maven-plugin (4.21) gives the Gatling JVM before the pom's own {@code
   * jvmArgs} (io.gatling.plugin.GatlingConstants.DEFAULT_JVM_OPTIONS_GATLING).
   */
  private static final List<String> PLUGIN_JVM_DEFAULTS =
      List.of("-XX:+HeapDumpOnOutOfMemoryError", "-XX:MaxInlineLevel=20", "-XX:MaxTrivialSize=12");

  /** A second in which the client's loop ran later than this at worst counts as a late second. */
  private static final int LATE_SECOND_MS = 10;
  /** The report's limit on the client's loop lag (rightsize.report.trust.max-client-lag). */
  private static final double LAG_LIMIT_MS = RightsizeSettings.reference().trust().maxClientLagMs();

  private SideBySideBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> streams = List.of(100, 500, 1000, 2000, 3000);
    List<Generator> generators = List.of(Generator.values());
    int warmup = 10;
    int hold = 40;
    int settle = 12;
    int quietWait = 0;
    int nice = 0;
    List<String> jvm = null;
    String label = "";
    Path out = Path.of("target/side-by-side");
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--streams" -> streams = Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
        case "--generators" -> generators = Arrays.stream(value.split(",")).map(g -> Generator.valueOf(g.trim().toUpperCase(Locale.ROOT))).toList();
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--hold" -> hold = Integer.parseInt(value);
        case "--settle" -> settle = Integer.parseInt(value);
        case "--jvm" -> jvm = Arrays.stream(value.trim().split("\\s+")).filter(a -> !a.isEmpty()).toList();
        case "--label" -> label = value;
        case "--wait-quiet" -> quietWait = Integer.parseInt(value);
        case "--nice" -> nice = Integer.parseInt(value);
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "': see the class comment of " + SideBySideBenchmark.class.getName());
      }
      i++;
    }
    List<String> jvmArgs = new ArrayList<>(PLUGIN_JVM_DEFAULTS);
    jvmArgs.addAll(jvm != null ? jvm : pomJvmArgs());
    BenchSettings s = new BenchSettings(warmup, hold, settle, quietWait, nice, jvmArgs, System.getProperty("java.class.path"), out);
    Files.createDirectories(out);
    Path table = out.resolve("results.md");
    String header = "\n" + Instant.now() + " " + label + " | nproc " + Runtime.getRuntime().availableProcessors() + " | nice " + nice
        + " | rightsize JVM: " + String.join(" ", jvmArgs) + "\n\n"
        + "| generator | streams | requests (no truth) | steady ttft error p50 / p99 / max ms | whole step p50 / p99 / max ms"
        + " | client-side share steady p50 / p99 / max ms | write -> emulator read steady p50 / p99 ms | emulator late p99 ms"
        + " | CPU s per 1k req | CPU of its core"
        + " | GC pauses in step: n, total, max ms | emulator GC total, max ms | monitor: worst stall ms, machine CPU"
        + " | monitor, steady: client loop lag p50 / p99 / max ms, Gatling loop lag p99 ms, verdict at " + LAG_LIMIT_MS + " ms"
        + " | monitor, steady: JIT compiling ms; seconds with client loop lag > " + LATE_SECOND_MS + " ms, of them compiling"
        + " | emulator CPU of its core | others' CPU (of one core) | load avg before -> after |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
    System.out.println(header);
    Files.writeString(table, header + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    for (int n : streams) {
      for (Generator g : generators) {
        String row = run(g, n, s);
        System.out.println(row);
        Files.writeString(table, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      }
    }
  }

  private static String run(Generator g, int streams, BenchSettings s) throws Exception {
    Path dir = s.out().resolve(g.label() + "-" + streams + "-" + System.currentTimeMillis());
    Files.createDirectories(dir);
    waitForQuiet(s.quietWaitSeconds());
    String loadBefore = loadAverage();
    try (CpuSampler cpu = new CpuSampler(); BenchEmulator emulator = BenchEmulator.start(dir, s, EMULATOR_CPU)) {
      CpuSampler.Series machineCpu = cpu.watch(0);
      CpuSampler.Series emulatorCpu = cpu.watch(emulator.pid());
      ProcessBuilder pb = new ProcessBuilder(g.command(dir, s, streams, emulator.port, GENERATOR_CPU))
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("generator-output.txt").toFile());
      g.environment(pb, dir);
      Process p = pb.start();
      CpuSampler.Series generatorCpu = cpu.watch(p.pid());
      if (!p.waitFor(s.warmupSeconds() + s.holdSeconds() + 180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "| " + g.label() + " | " + streams + " | did not finish: see " + dir + " |";
      }
      String loadAfter = loadAverage();
      Map<String, BenchEmulator.Truth> truth = emulator.stopAndReadTruth();
      List<Generator.Request> step = g.requests(dir, s).stream().filter(Generator.Request::inStep).toList();
      if (step.isEmpty()) {
        return "| " + g.label() + " | " + streams + " | no request in the step: see " + dir + " |";
      }
      long stepStart = step.stream().mapToLong(Generator.Request::startMicros).min().orElseThrow();
      long stepEnd = step.stream().mapToLong(Generator.Request::endMicros).max().orElseThrow();
      long steadyFrom = stepStart + s.settleSeconds() * 1_000_000L;
      List<Double> steadyError = new ArrayList<>();
      List<Double> wholeError = new ArrayList<>();
      List<Double> steadyClient = new ArrayList<>();
      List<Double> steadyLate = new ArrayList<>();
      List<Double> steadyRead = new ArrayList<>();
      int noTruth = 0;
      for (Generator.Request q : step) {
        BenchEmulator.Truth t = truth.get(q.id());
        if (t == null) {
          noTruth++;
          continue;
        }
        if (q.ttftMs() == null) {
          continue;
        }
        double error = q.ttftMs() - (t.firstContentScheduled() - t.arrival()) / 1000.0;
        wholeError.add(error);
        if (q.startMicros() >= steadyFrom) {
          steadyError.add(error);
          steadyClient.add((q.startMicros() + q.ttftMs() * 1000 - t.firstContentSent()) / 1000.0);
          steadyLate.add((t.firstContentSent() - t.firstContentScheduled()) / 1000.0);
          steadyRead.add((t.arrival() - q.startMicros()) / 1000.0);
        }
      }
      double cpuSeconds = generatorCpu.cpuSeconds(stepStart, stepEnd);
      double windowSeconds = (stepEnd - stepStart) / 1e6;
      // What else ran on the machine meanwhile (other processes, this harness): the figure to judge the row by.
      double others = machineCpu.cpuSeconds(stepStart, stepEnd) - cpuSeconds - emulatorCpu.cpuSeconds(stepStart, stepEnd);
      GcLog gc = g.gcLog(dir) == null ? null : GcLog.read(g.gcLog(dir), stepStart, stepEnd);
      GcLog emulatorGc = GcLog.read(emulator.gcLog(), stepStart, stepEnd);
      InjectorLog monitorLog = InjectorLog.read(dir.resolve("results").resolve("bench"));
      return String.format(Locale.ROOT,
          "| %s | %,d | %,d (%d) | %s | %s | %s | %.1f / %.1f | %.1f | %.2f | %.0f%% | %s | %.0f, %.0f | %s | %s | %s | %.0f%% | %.0f%% | %s -> %s |",
          g.label(), streams, step.size(), noTruth, percentiles(steadyError), percentiles(wholeError),
          percentiles(steadyClient), percentile(steadyRead, 0.50), percentile(steadyRead, 0.99), percentile(steadyLate, 0.99),
          cpuSeconds / step.size() * 1000,
          100 * cpuSeconds / windowSeconds,
          gc == null ? "-" : String.format(Locale.ROOT, "%d, %.0f, %.0f", gc.pauses(), gc.totalMs(), gc.maxMs()),
          emulatorGc.totalMs(), emulatorGc.maxMs(), g == Generator.RIGHTSIZE ? monitor(dir, stepStart, stepEnd) : "-",
          g == Generator.RIGHTSIZE ? loops(monitorLog, steadyFrom, stepEnd) : "-",
          g == Generator.RIGHTSIZE ? compiling(monitorLog, steadyFrom, stepEnd) : "-",
          100 * emulatorCpu.cpuSeconds(stepStart, stepEnd) / windowSeconds, 100 * others / windowSeconds, loadBefore, loadAfter);
    }
  }

  private static String percentiles(List<Double> values) {
    if (values.isEmpty()) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f / %.1f / %.0f", percentile(values, 0.50), percentile(values, 0.99), percentile(values, 1.0));
  }

  /** Nearest rank. */
  private static double percentile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int rank = (int) Math.ceil(q * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }

  /** The worst stall and machine CPU the run's load generator monitor wrote for the step's seconds. */
  private static String monitor(Path dir, long fromMicros, long toMicros) throws IOException {
    Path file;
    try (Stream<Path> files = Files.walk(dir.resolve("results"))) {
      file = files.filter(f -> f.getFileName().toString().equals("injector.jsonl")).findFirst().orElse(null);
    }
    if (file == null) {
      return "-";
    }
    ObjectMapper json = new ObjectMapper();
    double stall = 0;
    double machine = 0;
    for (String line : Files.readAllLines(file)) {
      JsonNode n = json.readTree(line);
      long second = n.path("epoch_s").asLong() * 1_000_000;
      if (second >= fromMicros && second < toMicros) {
        stall = Math.max(stall, n.path("worst_stall_ms").asDouble());
        machine = Math.max(machine, n.path("machine_cpu").asDouble());
      }
    }
    return String.format(Locale.ROOT, "%.0f, %.0f%%", stall, 100 * machine);
  }

  /**
   * What the monitor measured of the client's and Gatling's event loops over the steady part of the
   * step, and whether the report would flag the step at {@link #LAG_LIMIT_MS}: the figures the
   * monitor's threshold is calibrated with (docs/benchmarks.md).
   */
  private static String loops(InjectorLog log, long fromMicros, long toMicros) {
    InjectorLoad load = log.during(fromMicros, toMicros);
    if (load == null || !load.loopsMeasured()) {
      return "-";
    }
    LoopLag client = load.clientLag();
    double p99 = client.quantileMs(0.99);
    return String.format(Locale.ROOT, "%.1f / %.1f / %.0f, %s, %s", client.quantileMs(0.5), p99, client.maxMs(),
        load.gatlingLag() == null ? "-" : String.format(Locale.ROOT, "%.1f", load.gatlingLag().quantileMs(0.99)),
        p99 > LAG_LIMIT_MS ? "flagged" : "ok");
  }

  /**
   * How long the generator's JIT compiled over the steady part of the step, and in how many of its
   * seconds the client's loop ran more than {@link #LATE_SECOND_MS} late, with how many of those the
   * JIT was compiling in: on one core a compiler thread takes the core from the I/O thread.
   */
  private static String compiling(InjectorLog log, long fromMicros, long toMicros) {
    long jitMs = 0;
    int late = 0;
    int lateCompiling = 0;
    for (InjectorSample s : log.samples()) {
      // Whole seconds of the window only: a second half outside it would count work that was not in it.
      if (s.startEpochMicros() < fromMicros || s.startEpochMicros() + 1_000_000 > toMicros || s.jitMs() == null) {
        continue;
      }
      jitMs += s.jitMs();
      if (s.clientLag() != null && s.clientLag().maxMs() > LATE_SECOND_MS) {
        late++;
        lateCompiling += s.jitMs() > 0 ? 1 : 0;
      }
    }
    return String.format(Locale.ROOT, "%,d; %d, %d", jitMs, late, lateCompiling);
  }

  /** The JVM options of the gatling-maven-plugin configuration in ./pom.xml. */
  private static List<String> pomJvmArgs() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    int plugin = pom.indexOf("<artifactId>gatling-maven-plugin</artifactId>");
    String section = pom.substring(plugin, pom.indexOf("</plugin>", plugin));
    List<String> args = new ArrayList<>();
    Matcher m = Pattern.compile("<jvmArg>([^<]+)</jvmArg>").matcher(section);
    while (m.find()) {
      args.add(m.group(1).trim());
    }
    return args;
  }

  /**
   * Waits (at most {@code maxSeconds}) until the machine has been nearly idle for 5 s: under a
   * tenth of one CPU busy. Other processes' CPU during a run shows in its row either way.
   */
  private static void waitForQuiet(int maxSeconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    double busy;
    while ((busy = CpuSampler.machineBusySeconds(5) / 5) > 0.10 && System.nanoTime() < deadline) {
      System.out.printf(Locale.ROOT, "(machine busy: %.0f%% of one CPU, load average %s; waiting)%n", 100 * busy, loadAverage());
      Thread.sleep(10_000);
    }
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  /** This JVM's java executable, for the forked JVMs. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
