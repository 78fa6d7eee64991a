package rightsize.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.analysis.TestRecords.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.record.RecordWriter;

/**
 * The mains read the configuration from the same sources as a run: {@code ./application.conf} of
 * the working directory and the {@code -Dbaseline} shortcut included. Each main runs in a forked
 * JVM, since only a new process can have another working directory.
 */
class ConfigSourcesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aRegeneratedReportJudgesTheRunAgainstTheSloOfApplicationConf() throws Exception {
    Path run = writeRun("run-1");
    Files.writeString(dir.resolve("application.conf"), "rightsize.slo.p95-ttft = 123ms\n");

    Fork report = fork("rightsize.cli.ReportMain", "--run", run.toString());

    assertThat(report.exitCode()).as(report.output()).isZero();
    JsonNode slo = JSON.readTree(run.resolve("tradeoffs.json").toFile()).path("slo");
    assertThat(slo.path("p95_ttft_ms").asDouble()).isEqualTo(123.0);
  }

  @Test
  void aRegeneratedReportTakesTheBaselineShortcut() throws Exception {
    Path earlier = writeRun("run-1");
    assertThat(fork("rightsize.cli.ReportMain", "--run", earlier.toString()).exitCode()).isZero();
    Path later = writeRun("run-2");

    Fork report = fork("-Dbaseline=" + earlier, "rightsize.cli.ReportMain", "--run", later.toString());

    assertThat(report.exitCode()).as(report.output()).isZero();
    JsonNode baseline = JSON.readTree(later.resolve("tradeoffs.json").toFile()).path("baseline");
    assertThat(baseline.path("folder").asText()).as(baseline.toString()).endsWith("run-1");
  }

  @Test
  void theStandaloneEmulatorServesTheDeploymentsOfApplicationConf() throws Exception {
    Files.writeString(
        dir.resolve("application.conf"),
        "rightsize.deployments = [{ name = from-application-conf, kind = emulator, vm-size = Standard_F2s_v2 },\n"
            + "  { name = ppt, kind = emulator, emulator.profile = pay-per-token }]\n");
    Process emulator = start("rightsize.cli.EmulatorMain", "--port", "0");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<List<String>> banner = CompletableFuture.supplyAsync(() -> {
        List<String> lines = new ArrayList<>();
        try {
          String line;
          while ((line = out.readLine()) != null && !line.startsWith("try: ")) {
            lines.add(line);
          }
        } catch (java.io.IOException e) {
          lines.add(e.toString());
        }
        return lines;
      });
      List<String> lines = banner.get(60, TimeUnit.SECONDS);
      assertThat(lines).as(String.join("\n", lines)).anyMatch(l -> l.startsWith("  deployment from-application-conf ("))
          .contains("  deployment from-application-conf (cpu-medium, 1 instance(s), max 4 concurrent per instance, openai-chat)")
          // A pay-per-token deployment has no instance to be concurrent on: its quotas instead.
          .contains("  deployment ppt (pay-per-token, 30000 tokens and 180 requests per minute, openai-chat)");
    } finally {
      emulator.destroy();
      emulator.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** A run folder {@code results/<name>} of 20 ok requests of one step. */
  private Path writeRun(String name) {
    Path run = dir.resolve("results").resolve(name);
    try (RecordWriter w = new RecordWriter(run.resolve("records.jsonl"))) {
      for (int i = 0; i < 20; i++) {
        w.write(record().start(1_795_000_000_000_000L + i * 100_000L).build());
      }
    }
    return run;
  }

  private record Fork(int exitCode, String output) {}

  private Fork fork(String... args) throws Exception {
    Process p = start(args);
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    return new Fork(p.exitValue(), output);
  }

  /**
   * Starts {@code java [-Dx=y ...] MainClass args...} on the test classpath in {@link #dir}. The
   * classpath loses its empty entries: an empty entry is the working directory, which would put
   * ./application.conf on the classpath, where {@code mvn exec:java} never has it.
   */
  private Process start(String... args) throws Exception {
    String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
  }
}
