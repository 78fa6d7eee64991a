package rightsize.report;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.analysis.TestRecords.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.cli.ReportMain;
import rightsize.record.RecordWriter;
import rightsize.record.Status;
import rightsize.report.model.Comparison;
import rightsize.report.model.Metric;

class ComparisonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSlowerDeploymentIsFlaggedAgainstTheBaselineInEveryOutput(@TempDir Path results) throws Exception {
    Path before = results.resolve("night-1");
    new SyntheticRun().runId("night-1").write(before.resolve("records.jsonl"));
    Reports.generator().generate(before);
    Path after = results.resolve("night-2");
    new SyntheticRun().runId("night-2").slowdown("Standard_F4s_v2", 1.3).write(after.resolve("records.jsonl"));

    ReportResult r = Reports.generator("rightsize.run.baseline = \"" + before + "\"").generate(after);

    Comparison c = r.tradeoffs().comparison();
    assertThat(c.baselineRunId()).isEqualTo("night-1");
    assertThat(c.deltas()).hasSize(12);
    assertThat(r.regressions()).isNotEmpty()
        .allSatisfy(g -> assertThat(g.deployment()).isEqualTo("Standard_F4s_v2"));
    assertThat(r.regressions()).extracting(Comparison.Regression::metric)
        .contains(Metric.P95_TTFT, Metric.P95_E2E, Metric.COST_PER_1M_OUTPUT_TOKENS);
    Comparison.Regression ttftAt1 = r.regressions().stream()
        .filter(g -> g.metric() == Metric.P95_TTFT && g.step().equals("1 users")).findFirst().orElseThrow();
    // Every latency of the step is exactly 1.3 times the baseline's: +30%, within the histogram's 0.05%.
    assertThat(ttftAt1.change()).isCloseTo(0.30, org.assertj.core.api.Assertions.within(0.002));
    assertThat(ttftAt1.describe()).startsWith("Standard_F4s_v2 1 users: p95 ttft ").endsWith("(+30.0%, threshold +10.0%)");

    JsonNode json = JSON.readTree(r.json().toFile());
    assertThat(json.path("baseline").path("run_id").asText()).isEqualTo("night-1");
    assertThat(json.path("regressions")).hasSize(r.regressions().size());
    JsonNode first = json.path("regressions").get(0);
    assertThat(first.path("deployment").asText()).isEqualTo("Standard_F4s_v2");
    assertThat(first.has("metric") && first.has("baseline") && first.has("current") && first.has("threshold")).isTrue();
    assertThat(json.path("gate").path("regressions").asInt()).isEqualTo(r.regressions().size());
    assertThat(json.path("deltas")).hasSize(12);
    assertThat(json.path("deltas").get(0).path("p95_ttft_ms").path("change").asDouble()).isZero();

    assertThat(Files.readString(r.markdown())).contains("## Regressions against baseline night-1")
        .contains("**" + ttftAt1.describe() + "**").contains("## Changes against baseline night-1");
    assertThat(Files.readString(r.html())).contains("<li class=\"regression\">").contains("<table id=\"deltas\">");
    assertThat(Files.readString(results.resolve("index.html"))).contains("night-1").contains("night-2");
  }

  @Test
  void errorRateRegressionsAreCountedInPoints(@TempDir Path results) throws Exception {
    Path before = write(results.resolve("before"), 0);
    Reports.generator().generate(before);
    // 2 of 100 throttled: +2 points > 1 point. 1 of 100 would be exactly +1: not beyond.
    ReportResult worse = Reports.generator().generate(ReportRequest.of(write(results.resolve("worse"), 2))
        .withBaseline(before));
    assertThat(worse.regressions()).singleElement().satisfies(g -> {
      assertThat(g.metric()).isEqualTo(Metric.ERROR_RATE);
      assertThat(g.change()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-9));
      assertThat(g.describe()).isEqualTo("d 10 users: error rate 0.00% -> 2.00% (+2.0 pts, threshold +1.0 pts)");
    });
    ReportResult same = Reports.generator().generate(ReportRequest.of(write(results.resolve("same"), 1))
        .withBaseline(before));
    assertThat(same.regressions()).isEmpty();
  }

  @Test
  void anUnreadableBaselineIsANoteNotAFailure(@TempDir Path results) throws Exception {
    Path run = write(results.resolve("run"), 0);
    ReportResult r = Reports.generator().generate(ReportRequest.of(run).withBaseline(results.resolve("nope")));
    assertThat(r.regressions()).isEmpty();
    assertThat(r.tradeoffs().comparison().notes()).singleElement().asString()
        .contains("tradeoffs.json is unreadable").contains("regenerate it with ReportMain --run");
  }

  @Test
  void theCommandRegeneratesAReportFromRecordFilesAlone(@TempDir Path results) throws Exception {
    Path base = results.resolve("base");
    new SyntheticRun().runId("base").write(base.resolve("records.jsonl"));
    ReportMain.run(new String[] {"--run", base.toString()});
    Path elsewhere = results.resolve("elsewhere");
    Path a = elsewhere.resolve("a.jsonl");
    Path b = elsewhere.resolve("b.jsonl");
    new SyntheticRun().runId("next").users(0, 2).write(a);
    new SyntheticRun().runId("next").users(1, 2).injector("injector-2").write(b);

    ReportResult r = ReportMain.run(new String[] {
        "--run", results.resolve("next").toString(), "--records", a.toString(), b.toString(),
        "--baseline", base.toString()});

    assertThat(r.json()).exists();
    assertThat(r.tradeoffs().inputs()).hasSize(2);
    assertThat(r.tradeoffs().comparison().deltas()).hasSize(12);
    // The same requests split over two files: no change at all.
    assertThat(r.regressions()).isEmpty();
    Comparison.StepDelta sixth = r.tradeoffs().comparison().deltas().get(5);
    assertThat(Metric.P95_TTFT.formatChange(sixth.change(Metric.P95_TTFT))).isEqualTo("+0.0%");
  }

  /** A run of 100 requests of one step, {@code throttled} of them 429. */
  private static Path write(Path run, int throttled) {
    try (RecordWriter w = new RecordWriter(run.resolve("records.jsonl"))) {
      for (int i = 0; i < 100; i++) {
        w.write(record().deployment("d", "Standard_F4s_v2").start(SyntheticRun.T0 + i * 100_000L)
            .status(i < throttled ? Status.THROTTLED : Status.OK).build());
      }
    }
    return run;
  }

}
