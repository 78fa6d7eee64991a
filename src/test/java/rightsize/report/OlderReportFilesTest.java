package rightsize.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.analysis.Slo;

/**
 * The files under {@code src/test/resources/rightsize/report/older-report/} were written by the
 * report as it was before tradeoffs.json and capacity.json became typed records (commit 1243508),
 * from the runs {@link #writeRuns} makes: a baseline night-1, and night-2 with a slower F4s_v2, a
 * capacity search, a load generator file, a (disagreeing) Gatling report and a pay-per-token price
 * to break even against. Those files must stay readable, and the same runs must give the same files.
 */
class OlderReportFilesTest {
  static final Path OLDER = Path.of("src/test/resources/rightsize/report/older-report");
  static final String NIGHT_2_CONFIG = "rightsize.deployments = [{ name = mini, vm-size = \"\", pricing {"
      + " mode = pay-per-token, input-per-1m = 0.15, cached-input-per-1m = 0.075, output-per-1m = 0.60 } }]";

  @TempDir Path results;

  /** Writes and reports night-1 and night-2 (compared with night-1) into {@code results}. */
  static void writeRuns(Path results) {
    Path night1 = results.resolve("night-1");
    new SyntheticRun().runId("night-1").write(night1.resolve("records.jsonl"));
    Reports.generator().generate(night1);

    Path night2 = results.resolve("night-2");
    new SyntheticRun().runId("night-2").slowdown("Standard_F4s_v2", 1.3)
        .writeSearched(night2, Slo.fromConfig(Reports.rightsize("")));
    writeInjector(night2.resolve("injector.jsonl"));
    try {
      Path gatling = night2.resolve("gatling").resolve("sizingsimulation-20261118110500000");
      Files.createDirectories(gatling);
      Files.copy(OLDER.resolve("gatling-index.html"), gatling.resolve("index.html"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Reports.generator(NIGHT_2_CONFIG).generate(ReportRequest.of(night2).withBaseline(night1));
  }

  /**
   * One sample a second over Standard_F2s_v2's steps only (the others are not sampled), with a
   * 120 ms stall 30 s into its 10-user step.
   */
  private static void writeInjector(Path file) {
    long s0 = SyntheticRun.T0 / 1_000_000;
    List<String> lines = new ArrayList<>();
    for (long s = s0; s <= s0 + 270; s++) {
      lines.add("{\"injector\":\"injector-1\",\"epoch_s\":" + s + ",\"wakeups\":998,\"worst_stall_ms\":"
          + (s == s0 + 105 ? "120.0" : "0.4") + ",\"process_cpu\":0.3,\"machine_cpu\":0.5}");
    }
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theSameRunsGiveTheSameFiles() throws Exception {
    writeRuns(results);
    for (String file : List.of("night-1/tradeoffs.json", "night-2/tradeoffs.json", "night-2/capacity.json")) {
      assertThat(runIndependent(Files.readString(results.resolve(file))))
          .as(file).isEqualTo(runIndependent(Files.readString(OLDER.resolve(file))));
    }
  }

  /**
   * The file without what depends on when and where it was written (generated_at, absolute paths)
   * and with the status counts sorted: the report wrote them in no particular order before.
   */
  static String runIndependent(String json) {
    String stable = json.replaceAll("\"generated_at\" : \"[^\"]*\"", "\"generated_at\" : \"(when)\"")
        .replaceAll("\"(file|folder)\" : \"[^\"]*/([^/\"]+)\"", "\"$1\" : \"(where)/$2\"");
    Matcher m = Pattern.compile("(\"status_counts\" : \\{\n)(.*?)(\n *\\})", Pattern.DOTALL).matcher(stable);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String counts = String.join(",\n", m.group(2).lines().map(l -> l.replaceAll(",$", "")).sorted().toList());
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + counts + m.group(3)));
    }
    return m.appendTail(out).toString();
  }
}
