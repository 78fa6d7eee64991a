package rightsize.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a real Gatling 3.15 engine (io.gatling.app.Gatling) in a forked JVM on the test classpath,
 * the way the Maven plugin does, and keeps its console output, exit code and report folder.
 */
public final class GatlingFork {
  private final Class<?> simulation;
  private final Map<String, String> systemProperties = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Path workDir;

  public GatlingFork(Class<?> simulation) {
    this.simulation = simulation;
  }

  public GatlingFork property(String key, String value) {
    systemProperties.put(key, value);
    return this;
  }

  public GatlingFork env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  /** The fork's working directory (so no ./application.conf of the project is read). */
  public GatlingFork workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  /** What one fork produced. */
  public record Result(int exitCode, String output, Path resultsFolder) {
    /** The run folder Gatling wrote (one per run), holding index.html. */
    public Path runFolder() throws IOException {
      try (Stream<Path> s = Files.list(resultsFolder)) {
        return s.filter(Files::isDirectory).findFirst()
            .orElseThrow(() -> new AssertionError("no Gatling run folder in " + resultsFolder + "; output:\n" + tail()));
      }
    }

    /** The last lines of the output, for assertion messages. */
    public String tail() {
      return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
    }
  }

  /** Runs the simulation and waits (at most two minutes). */
  public Result run() throws IOException, InterruptedException {
    Path dir = workDir != null ? workDir : Files.createTempDirectory("gatling-fork");
    Path results = dir.resolve("gatling");
    Files.createDirectories(results);
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx768m");
    // A few seconds of run on a shared machine: fast JIT start and few JVM threads matter more than peak speed.
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    // No collection while requests are timed: a young generation larger than the ~300 MB a short run
    // allocates, and metaspace sized past the classes it loads (else "Metadata GC Threshold" full GCs
    // empty the young generation at moments that shift with every class loaded, and the next young
    // collection, ~100 ms on this machine, lands among the timed requests: the run's injector.jsonl shows it).
    cmd.add("-Xmn512m");
    cmd.add("-XX:MetaspaceSize=128m");
    cmd.add("-Dgatling.data.enableAnalytics=false");
    // This JVM stops at C1 (above): the client's compile warm-up (20,000 loopback streams) would
    // only cost each fork seconds. A test's own property still wins (added after).
    cmd.add("-Drightsize.client.warm-up-requests=0");
    // As the Gatling Maven plugin does: Gatling's Java DSL reflects into java.lang.
    cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add("io.gatling.app.Gatling");
    cmd.add("--simulation");
    cmd.add(simulation.getName());
    cmd.add("--results-folder");
    cmd.add(results.toString());
    cmd.add("--launcher");
    cmd.add("junit");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    Path log = dir.resolve("gatling-output.txt");
    pb.redirectOutput(log.toFile());
    pb.environment().putAll(environment);
    Process p = pb.start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("Gatling fork did not finish in 2 minutes; output:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), results);
  }
}
