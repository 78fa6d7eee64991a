package rightsize.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.analysis.StepAggregator;
import rightsize.analysis.StepKey;
import rightsize.analysis.StepSummary;
import rightsize.record.LoadUnit;

class ReportGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesEveryOutputOfASizingRun(@TempDir Path results) throws Exception {
    // Five minutes a step and a 5% error limit: enough requests for the steps below each break to
    // be shown within the SLO (a p95 needs 72, no failure in 72 shows errors under 5%).
    Path run = results.resolve("run-a");
    new SyntheticRun().stepSeconds(300).write(run.resolve("records.jsonl"));
    ReportResult r = Reports.generator("rightsize.slo.max-error-rate = 0.05").generate(run);

    // The sentence carries the figures the recommendation rests on, with their intervals.
    String recommendation = "For 100 concurrent users within the SLO: 2 x Standard_F8s_v2 at $493.48/month"
        + " (utilization 100%); Standard_F8s_v2 holds 50 users: p95 e2e 13,873 ms (95% CI 13,660–13,922 ms),"
        + " error rate 0.0% (95% CI 0.0%–0.2%); Standard_F2s_v2 breaks p95 ttft at 10 users; Standard_F4s_v2"
        + " breaks p95 ttft at 50 users.";
    assertThat(r.tradeoffs().recommendation()).isEqualTo(recommendation);
    assertThat(r.partial()).isFalse();

    String md = Files.readString(r.markdown());
    assertThat(md).contains("**Recommendation:** " + recommendation)
        .contains("| Standard_F4s_v2 | 10 users |")
        .contains("$1,233.70 (10 instances)")
        .contains(" · workload: chat · ");

    List<String> csv = Files.readAllLines(r.csv());
    assertThat(csv).hasSize(1 + 12);
    assertThat(csv.get(0)).startsWith("run_id,deployment,vm_size,step,load,load_unit,requests,ok,ko,throttled,");
    assertThat(csv).anySatisfy(line -> assertThat(line).startsWith("synthetic,Standard_F2s_v2,Standard_F2s_v2,10 users,10,users,"));

    JsonNode json = JSON.readTree(r.json().toFile());
    assertThat(json.path("schema").asText()).isEqualTo("rightsize.tradeoffs/2");
    assertThat(json.path("steps")).hasSize(12);
    assertThat(json.path("slo_results")).hasSize(12);
    assertThat(json.path("regressions")).isEmpty();
    JsonNode f8 = json.path("deployments").get(2);
    assertThat(f8.path("deployment").asText()).isEqualTo("Standard_F8s_v2");
    assertThat(f8.path("capacity").path("load").asDouble()).isEqualTo(50);
    assertThat(f8.path("monthly").path("units_needed").asInt()).isEqualTo(2);
    assertThat(f8.path("monthly").path("cost").asDouble()).isCloseTo(493.48, org.assertj.core.api.Assertions.within(0.005));
    assertThat(f8.path("first_break").path("breaches").get(0).path("limit").asText()).isEqualTo("p95 ttft");
    assertThat(json.path("gate").path("slo_met_at_every_step").asBoolean()).isFalse();
    // F2s_v2's single user sends too few requests in five minutes to show its p95 within the SLO.
    assertThat(json.path("gate").path("deployments_meeting_slo").asInt()).isEqualTo(2);
    assertThat(json.path("deployments").get(0).path("recommendation").asText()).isEqualTo("Standard_F2s_v2 met the SLO at no measured step; it breaks p95 ttft at 10 users; inconclusive at 1 user.");
    assertThat(json.path("warmup_requests").asLong()).isPositive();

    String html = Files.readString(r.html());
    assertThat(count(html, "<svg id=\"chart-")).isEqualTo(6);
    assertThat(html).contains("<table id=\"tradeoffs\">").contains(recommendation.replace("'", "&#39;"))
        .doesNotContain("<script").doesNotContain("<link").doesNotContain("src=").doesNotContain("@import");
    // The only URL in the page is the SVG namespace: nothing is fetched from anywhere.
    assertThat(Pattern.compile("https?://").matcher(html.replace("http://www.w3.org/2000/svg", "")).find()).isFalse();

    assertThat(Files.readString(results.resolve("index.html"))).contains("href=\"run-a/tradeoffs.html\"")
        .contains("Standard_F8s_v2");
  }

  @Test
  void stepFiguresArePercentilesOverEveryRequestOfTheStep(@TempDir Path results) throws Exception {
    Path run = results.resolve("run");
    SyntheticRun synthetic = new SyntheticRun();
    synthetic.write(run.resolve("records.jsonl"));
    JsonNode json = JSON.readTree(Reports.generator().generate(run).json().toFile());

    StepAggregator direct = new StepAggregator();
    synthetic.records().forEach(direct::add);
    StepSummary f4at10 = direct.stats(
        new StepKey("Standard_F4s_v2", "Standard_F4s_v2", "10 users", 10, LoadUnit.USERS)).summary();
    JsonNode step = stream(json.path("steps"))
        .filter(s -> s.path("deployment").asText().equals("Standard_F4s_v2") && s.path("load").asInt() == 10)
        .findFirst().orElseThrow();
    assertThat(step.path("requests").asLong()).isEqualTo(f4at10.requests());
    assertThat(step.path("ttft_ms").path("p95").asDouble()).isEqualTo(f4at10.ttft().p95());
    assertThat(step.path("e2e_ms").path("p99").asDouble()).isEqualTo(f4at10.e2e().p99());
    assertThat(step.path("output_tokens_per_s").asDouble()).isEqualTo(f4at10.outputTokensPerSecond());
    // $0.169/h over the measured output rate.
    assertThat(step.path("cost").path("per_1m_output_tokens").asDouble())
        .isCloseTo(0.169 / (f4at10.outputTokensPerSecond() * 3600) * 1e6, withinPercentage(1e-9));
  }

  @Test
  void recordFilesOfSeveralInjectorsMergeIntoOneReportOverTheUnion(@TempDir Path results) throws Exception {
    Path whole = results.resolve("whole");
    new SyntheticRun().write(whole.resolve("records.jsonl"));
    Path split = results.resolve("split");
    long a = new SyntheticRun().users(0, 2).injector("injector-1").write(split.resolve("records-injector-1.jsonl"));
    long b = new SyntheticRun().users(1, 2).injector("injector-2").write(split.resolve("records-injector-2.jsonl"));
    assertThat(a).isPositive();
    assertThat(b).isPositive();

    JsonNode one = JSON.readTree(Reports.generator().generate(whole).json().toFile());
    ReportResult merged = Reports.generator().generate(split);
    JsonNode two = JSON.readTree(merged.json().toFile());

    assertThat(two.path("injectors")).hasSize(2);
    assertThat(two.path("inputs")).hasSize(2);
    assertThat(two.path("steps")).hasSize(one.path("steps").size());
    for (int i = 0; i < one.path("steps").size(); i++) {
      JsonNode x = one.path("steps").get(i);
      JsonNode y = two.path("steps").get(i);
      assertThat(y.path("requests")).isEqualTo(x.path("requests"));
      assertThat(y.path("ttft_ms")).isEqualTo(x.path("ttft_ms"));
      assertThat(y.path("e2e_ms")).isEqualTo(x.path("e2e_ms"));
      assertThat(y.path("output_tokens_per_s")).isEqualTo(x.path("output_tokens_per_s"));
    }
    assertThat(merged.tradeoffs().recommendation()).isEqualTo(
        JSON.readTree(whole.resolve("tradeoffs.json").toFile()).path("recommendation").asText());
  }

  @Test
  void aBrokenRecordFileGivesAPartialReportNotACrash(@TempDir Path results) throws Exception {
    Path run = results.resolve("run");
    Path file = run.resolve("records-injector-1.jsonl");
    new SyntheticRun().write(file);
    List<String> lines = Files.readAllLines(file);
    java.io.ByteArrayOutputStream damaged = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      // Line 11 is cut JSON; line 21 loses its first bytes to non-UTF-8 garbage; the last line is torn.
      String line = i == 10 ? "{\"run_id\": \"synthetic\", garbage" : lines.get(i);
      if (i == 20) {
        damaged.write(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3});
        line = line.substring(5);
      }
      if (i == lines.size() - 1) {
        line = line.substring(0, line.length() / 2);
      }
      damaged.write(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      damaged.write(i == lines.size() - 1 ? new byte[0] : new byte[] {'\n'});
    }
    Files.write(file, damaged.toByteArray());

    ReportResult r = Reports.generator().generate(ReportRequest.of(run)
        .withRecords(List.of(file, run.resolve("records-injector-2.jsonl"))));

    assertThat(r.partial()).isTrue();
    assertThat(r.tradeoffs().unreadableLines()).isEqualTo(3);
    assertThat(r.tradeoffs().partialNotice()).isEqualTo("Partial report (3 unreadable lines): "
        + "records-injector-1.jsonl: " + (lines.size() - 3) + " records, 3 unreadable lines (not a record: bad JSON or a torn line: 3); "
        + "records-injector-2.jsonl: missing");
    assertThat(Files.readString(r.markdown())).contains("> **Warning:** Partial report (3 unreadable lines)");
    assertThat(Files.readString(r.html())).contains("<p class=\"partial\" id=\"partial\">");
    JsonNode json = JSON.readTree(r.json().toFile());
    assertThat(json.path("partial").asBoolean()).isTrue();
    assertThat(json.path("unreadable_lines").asLong()).isEqualTo(3);
    assertThat(json.path("steps")).hasSize(12);
  }

  @Test
  void aRunWithoutAnyRecordStillGetsAReport(@TempDir Path results) throws Exception {
    Path run = results.resolve("empty");
    ReportResult r = Reports.generator().generate(run);
    assertThat(r.partial()).isTrue();
    assertThat(r.tradeoffs().partialNotice()).isEqualTo("Partial report (0 unreadable lines): records.jsonl: missing");
    assertThat(r.tradeoffs().recommendation()).isEqualTo("No measured step: nothing to recommend.");
    assertThat(Files.readString(r.html())).contains("no data");
  }

  @Test
  void anEmptyRecordFileIsPartial(@TempDir Path results) throws Exception {
    Path run = Files.createDirectories(results.resolve("empty-file"));
    Files.createFile(run.resolve("records.jsonl"));
    ReportResult r = Reports.generator().generate(run);
    assertThat(r.partial()).isTrue();
    assertThat(r.tradeoffs().partialNotice()).isEqualTo("Partial report (0 unreadable lines): records.jsonl: empty, no record");
    assertThat(r.tradeoffs().recommendation()).isEqualTo("No measured step: nothing to recommend.");
  }

  private static long count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    long n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }
}
