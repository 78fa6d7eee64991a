package rightsize.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.analysis.CapacityFile;
import rightsize.analysis.StepOutcome;
import rightsize.config.Slo;
import rightsize.gate.RunReport;
import rightsize.gate.TradeoffsFile;
import rightsize.report.model.Metric;
import rightsize.report.render.RunIndex;

/**
 * The files under {@code src/test/resources/rightsize/report/older-report/} were written by the
 * report as it was before tradeoffs.json and capacity.json became typed records (commit 1243508),
 * from the runs {@link #writeNight1} and {@link #writeNight2} make: a baseline night-1, and night-2
 * with a slower F4s_v2, a capacity search, a load generator file, a (disagreeing) Gatling report and
 * a pay-per-token price to break even against. Those files must stay readable, and the same runs
 * must give the same files.
 */
class OlderReportFilesTest {
  static final Path OLDER = Path.of("src/test/resources/rightsize/report/older-report");
  static final String NIGHT_2_CONFIG = "rightsize.deployments = [{ name = mini, vm-size = \"\", pricing {"
      + " mode = pay-per-token, input-per-1m = 0.15, cached-input-per-1m = 0.075, output-per-1m = 0.60 } }]";

  @TempDir Path results;

  /** Writes and reports night-1 into {@code results}. */
  static Path writeNight1(Path results) {
    Path night1 = results.resolve("night-1");
    new SyntheticRun().runId("night-1").write(night1.resolve("records.jsonl"));
    Reports.generator().generate(night1);
    return night1;
  }

  /** Writes night-2's records, capacity.json, injector file and Gatling report into {@code results}. */
  static Path writeNight2(Path results) {
    Path night2 = results.resolve("night-2");
    new SyntheticRun().runId("night-2").slowdown("Standard_F4s_v2", 1.3)
        .writeSearched(night2, Reports.rightsize("").slo().objective());
    writeInjector(night2.resolve("injector.jsonl"));
    Path gatling = night2.resolve("gatling").resolve("sizingsimulation-20261118110500000");
    copy(OLDER.resolve("gatling-index.html"), gatling.resolve("index.html"));
    return night2;
  }

  /** Reports night-2 against {@code baseline}. */
  static ReportResult reportNight2(Path night2, Path baseline) {
    return Reports.generator(NIGHT_2_CONFIG).generate(ReportRequest.of(night2).withBaseline(baseline));
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

  /**
   * Since schema /2 the verdicts are met, broken or inconclusive and every percentile has its
   * interval, so the files are no longer the same bytes; every figure they held is still the same.
   */
  @Test
  void theSameRunsGiveTheSameFigures() throws Exception {
    Path night1 = writeNight1(results);
    ReportResult night2 = reportNight2(writeNight2(results), night1);

    assertThat(figures(night1.resolve("tradeoffs.json"))).isEqualTo(figures(OLDER.resolve("night-1/tradeoffs.json")));
    assertThat(figures(night2.json())).isEqualTo(figures(OLDER.resolve("night-2/tradeoffs.json")));
    assertThat(Files.readString(night2.json())).contains("\"schema\" : \"rightsize.tradeoffs/2\"");
    // capacity.json names its schema and no longer min_requests (the intervals decide); its figures are as they were.
    String capacity = Files.readString(night2.runDir().resolve(CapacityFile.NAME));
    assertThat(capacity).startsWith("{\n  \"schema\" : \"" + CapacityFile.SCHEMA + "\",\n").doesNotContain("min_requests");
    for (String figure : List.of("\"requests\" : 51", "\"p95_ttft_ms\" : 6932")) {
      assertThat(capacity).contains(figure);
    }
  }

  @Test
  void anOlderBaselineAndCapacityJsonGiveTheReportTheyGaveBefore() throws Exception {
    Path night1 = results.resolve("night-1");
    copy(OLDER.resolve("night-1/tradeoffs.json"), night1.resolve("tradeoffs.json"));
    Path night2 = writeNight2(results);
    copy(OLDER.resolve("night-2/capacity.json"), night2.resolve(CapacityFile.NAME));

    ReportResult r = reportNight2(night2, night1);

    assertThat(r.tradeoffs().comparison().baselineRunId()).isEqualTo("night-1");
    assertThat(r.tradeoffs().comparison().deltas()).hasSize(9);
    assertThat(r.regressions()).hasSize(10);
    assertThat(r.tradeoffs().skippedSteps()).hasSize(3);
    assertThat(figures(r.json())).isEqualTo(figures(OLDER.resolve("night-2/tradeoffs.json")));
  }

  @Test
  void theRunIndexListsOlderRunsAsBefore() throws Exception {
    for (String run : List.of("night-1", "night-2")) {
      copy(OLDER.resolve(run).resolve("tradeoffs.json"), results.resolve(run).resolve("tradeoffs.json"));
    }

    Path index = RunIndex.write(results);

    // The page shares the report's stylesheet, which has a rule more for inconclusive verdicts and intervals.
    assertThat(Files.readString(index).replace(".met{color:#1b7a34} .inconclusive{color:#8a6d00;font-style:italic}\n"
        + "td .ci{color:#777;font-size:.8em;white-space:nowrap}", ".met{color:#1b7a34}"))
        .isEqualTo(Files.readString(OLDER.resolve("index.html")))
        .contains("<td class=\"n\">$0.12 (Standard_F8s_v2)</td><td class=\"n\">3 of 3</td><td class=\"n regression\">10</td>");
  }

  @Test
  void theGateReadsAnOlderFile() {
    RunReport report = TradeoffsFile.read(OLDER.resolve("night-2/tradeoffs.json"));

    assertThat(report.runId()).isEqualTo("night-2");
    assertThat(report.started()).isEqualTo(Instant.parse("2026-11-18T11:06:55.114391Z"));
    assertThat(report.baselineRunId()).isEqualTo("night-1");
    assertThat(report.unreadableLines()).isZero();
    assertThat(report.steps()).hasSize(9);
    assertThat(report.steps().get(1)).satisfies(s -> {
      assertThat(s.deployment()).isEqualTo("Standard_F2s_v2");
      assertThat(s.step()).isEqualTo("10 users");
      assertThat(s.requests()).isEqualTo(51);
      assertThat(s.ok()).isEqualTo(45);
      assertThat(s.statuses()).containsOnly(Map.entry("ok", 45L), Map.entry("throttled", 6L));
      assertThat(s.sloMet()).isFalse();
      assertThat(s.sloDetail()).isEqualTo("p95 ttft 6932 ms > 2000 ms; p95 e2e 24650 ms > 20000 ms; error rate 11.8% > 1.0%");
    });
    assertThat(report.compared()).hasSize(9);
    assertThat(report.compared().get(2).changes()).isEqualTo("p95 ttft +30.0%, p95 e2e +30.0%, error rate +0.0 pts,"
        + " cost per 1M output tokens +27.0%, output tokens/s -21.3%");
    assertThat(report.regressions()).hasSize(10);
    assertThat(report.regressions().get(0)).satisfies(g -> {
      assertThat(g.metric()).isEqualTo(Metric.P95_TTFT.label());
      assertThat(g.detail()).isEqualTo("Standard_F4s_v2 1 users: p95 ttft 431 -> 560 (+30.0%, threshold +10.0%)");
    });
    assertThat(report.notes()).containsExactly(
        "Standard_F2s_v2 50 users: in the baseline but not in this run",
        "Standard_F2s_v2 100 users: in the baseline but not in this run",
        "Standard_F4s_v2 100 users: in the baseline but not in this run",
        "The records disagree with Gatling's own statistics for this run (see tradeoffs.json, \"gatling\").");
  }

  @Test
  void theReportReadsAnOlderCapacityJson() {
    CapacityFile.Contents capacity = CapacityFile.read(OLDER.resolve("night-2/capacity.json"));

    assertThat(capacity.schema()).isNull();
    assertThat(capacity.slo().asSlo()).isEqualTo(new Slo(2000, 20000, 0.01));
    assertThat(capacity.deployments()).extracting(CapacityFile.Deployment::capacityStep)
        .containsExactly("1 users", "10 users", "50 users");
    CapacityFile.Deployment f2 = capacity.deployments().get(0);
    assertThat(f2.steps()).extracting(CapacityFile.PlannedStep::outcome)
        .containsExactly(StepOutcome.MET, StepOutcome.BROKEN, StepOutcome.SKIPPED, StepOutcome.SKIPPED);
    assertThat(f2.steps().get(1).figures().requests()).isEqualTo(51);
    assertThat(f2.steps().get(2).figures()).isNull();
    assertThat(f2.brokenBefore(f2.steps().get(3)).orElseThrow().verdict())
        .isEqualTo("p95 ttft 6932 ms > 2000 ms; p95 e2e 24650 ms > 20000 ms; error rate 11.8% > 1.0%");
  }

  /**
   * Per step, the figures of a tradeoffs.json (counts, rates, percentiles, costs), and per
   * deployment its pricing: what the same records must give whatever the schema.
   */
  static List<String> figures(Path file) throws IOException {
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    List<String> out = new ArrayList<>();
    for (JsonNode step : json.path("steps")) {
      StringBuilder line = new StringBuilder(step.path("deployment").asText() + " " + step.path("step").asText());
      for (String field : List.of("requests", "ok", "ko", "throttled", "error_rate", "window_s", "requests_per_s",
          "output_tokens_per_s", "completion_tokens")) {
        line.append(' ').append(field).append('=').append(step.path(field).asText());
      }
      for (String latency : List.of("ttft_ms", "tpot_ms", "e2e_ms")) {
        for (String p : List.of("count", "p50", "p95", "p99", "mean")) {
          line.append(' ').append(latency).append('.').append(p).append('=').append(step.path(latency).path(p).asText());
        }
      }
      step.path("cost").fields().forEachRemaining(e -> line.append(" cost.").append(e.getKey()).append('=')
          .append(e.getValue().asText()));
      out.add(line.toString());
    }
    for (JsonNode d : json.path("deployments")) {
      out.add(d.path("deployment").asText() + " pricing " + d.path("pricing").toString());
    }
    return out;
  }

  private static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
