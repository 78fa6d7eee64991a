package rightsize.report;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.analysis.TestRecords.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.record.RecordWriter;
import rightsize.record.Status;
import rightsize.report.model.Tradeoffs;

/**
 * A reasoning deployment's report, from real record files: its reasoning figures in md, html and
 * json, and its empty answers counted as errors (or, when configured, left out of the SLO), with
 * the sentence saying so; and a run without either, whose report says nothing of them.
 */
class ReasoningReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = SyntheticRun.T0;

  @TempDir Path results;

  /**
   * "r1" at 1 user: 8 answers that reasoned from 300 + i ms for 4,000 ms, then 14 visible tokens in
   * 240.5 ms (212 tokens, 198 reasoning), and 7 empty answers stopped while reasoning. "plain" at 1
   * user: 15 ordinary answers.
   */
  private static void writeRecords(Path file, boolean withReasoning) {
    try (RecordWriter w = new RecordWriter(file)) {
      for (int i = 0; i < 15; i++) {
        w.write(record().deployment("plain", "Standard_F4s_v2").step("1 user", 1).start(T0 + i * 1_000_000L)
            .ttft(100.0).e2e(1000).tokens(50, 11).build());
        if (!withReasoning) {
          continue;
        }
        var r = record().deployment("r1", "Standard_F8s_v2").step("1 user", 1).start(T0 + i * 1_000_000L);
        w.write(i < 8
            ? r.reasoning(300.0 + i, 198).ttft(4_300.0 + i).e2e(4_540.5 + i).tokens(20, 212).build()
            : r.reasoning(300.0, 400).e2e(9_000).tokens(20, 400).status(Status.EMPTY_ANSWER).build());
      }
    }
  }

  @Test
  void reasoningFiguresAndEmptyAnswersAreShownAndExplained() throws Exception {
    Path run = results.resolve("reasoning");
    writeRecords(run.resolve("records.jsonl"), true);

    ReportResult r = Reports.generator().generate(run);
    Tradeoffs t = r.tradeoffs();
    var r1 = t.steps().stream().filter(s -> s.key().deployment().equals("r1")).findFirst().orElseThrow();
    assertThat(r1.step().errorRate()).isEqualTo(7 / 15.0);
    assertThat(r1.slo().describe()).isEqualTo("p95 ttft 4307 ms > 2000 ms; error rate 46.7% > 5.0%");
    assertThat(r1.step().tpot().p50()).as("over the 14 visible tokens").isBetween(18.4, 18.6);

    String md = Files.readString(r.markdown());
    assertThat(md).contains("Empty answers (HTTP 200, ended normally, nothing visible: for example a reasoning model"
        + " stopped by max_tokens while thinking) are errors: error % and the SLO count them, ttft and tpot leave them"
        + " out: r1 · 1 user 7 of 15.");
    List<String> lines = md.lines().toList();
    assertThat(lines).containsSubsequence("## Reasoning", "",
        "A reasoning model thinks before it answers: the first reasoning token says when it started (ms), the"
            + " reasoning duration how long it thought until its first visible token, which ttft measures, so ttft"
            + " includes the thinking and tpot counts the visible tokens only; a model that does not stream its"
            + " reasoning (o-series on Azure) shows only its reasoning tokens, its thinking inside ttft.",
        "",
        "| deployment | load | answers that reasoned | reasoning tokens (mean) | first reasoning token p50 |"
            + " first reasoning token p95 | reasoning duration p50 | reasoning duration p95 |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
        "| r1 | 1 user | 8 | 198 | 303 | 307 | 4,001 | 4,001 |"); // 4,000 ms, in the histogram's precision
    assertThat(lines.stream().filter(l -> l.startsWith("| plain |") && l.contains("| 4,000 |"))).isEmpty();

    String html = Files.readString(r.html());
    assertThat(html).contains("<table id=\"reasoning\">")
        .contains("<tr><td>r1</td><td>1 user</td><td class=\"n\">8</td><td class=\"n\">198</td>")
        .contains("<p class=\"note\" id=\"empty-answers\">Empty answers (HTTP 200");

    JsonNode step = JSON.readTree(r.json().toFile()).path("steps").path(1);
    assertThat(step.path("deployment").asText()).isEqualTo("r1");
    assertThat(step.path("empty_answers").asLong()).isEqualTo(7);
    assertThat(step.path("status_counts").path("empty_answer").asLong()).isEqualTo(7);
    assertThat(step.path("reasoning").path("requests").asLong()).isEqualTo(8);
    assertThat(step.path("reasoning").path("tokens_mean").asDouble()).isEqualTo(198.0);
    assertThat(step.path("reasoning").path("first_reasoning_ms").path("count").asLong()).isEqualTo(8);
    assertThat(step.path("reasoning").path("reasoning_ms").path("p50").asDouble()).isBetween(3_990.0, 4_010.0);
    JsonNode plain = JSON.readTree(r.json().toFile()).path("steps").path(0);
    assertThat(plain.has("reasoning")).isFalse();
    assertThat(plain.has("empty_answers")).isFalse();
  }

  @Test
  void anSloThatDoesNotCountEmptyAnswersSaysSo() throws Exception {
    Path run = results.resolve("lenient");
    writeRecords(run.resolve("records.jsonl"), true);

    ReportResult r = Reports.generator("rightsize.slo { p95-ttft = 10s, empty-answer-is-error = false }").generate(run);
    var r1 = r.tradeoffs().steps().stream().filter(s -> s.key().deployment().equals("r1")).findFirst().orElseThrow();
    // Its empty answers break nothing now; its 8 answers are too few to show the SLO met.
    assertThat(r1.slo().broken()).isFalse();
    assertThat(r1.slo().inconclusive()).isTrue();

    String md = Files.readString(r.markdown());
    assertThat(md).contains("SLO: p95 ttft ≤ 10,000 ms, p95 e2e ≤ 20,000 ms, errors ≤ 5.0% (empty answers not counted).")
        .contains("are in error % but not in the SLO's error rate (rightsize.slo.empty-answer-is-error = false)");
    JsonNode json = JSON.readTree(r.json().toFile());
    assertThat(json.path("slo").path("empty_answer_is_error").asBoolean(true)).isFalse();
  }

  @Test
  void aRunWithoutReasoningOrEmptyAnswersSaysNothingOfThem() throws Exception {
    Path run = results.resolve("plain");
    writeRecords(run.resolve("records.jsonl"), false);

    ReportResult r = Reports.generator().generate(run);
    assertThat(Files.readString(r.markdown())).doesNotContain("Reasoning").doesNotContain("Empty answers");
    assertThat(Files.readString(r.html())).doesNotContain("id=\"reasoning\"").doesNotContain("empty-answers");
    JsonNode json = JSON.readTree(r.json().toFile());
    assertThat(json.path("slo").has("empty_answer_is_error")).isFalse();
  }
}
