package rightsize.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.analysis.CapacityFile;
import rightsize.gate.TradeoffsFile;
import rightsize.report.model.SkippedStep;
import rightsize.report.model.StepRow;
import rightsize.report.model.Tradeoffs;
import rightsize.report.render.Html;

/**
 * A sizing run whose capacity search skipped steps (real {@code CapacitySearch} over the synthetic
 * run, real capacity.json): the report shows the skipped steps in md, html and json, and without
 * capacity.json it is exactly the report it was before.
 *
 * <p>Under the default SLO the search breaks F2s_v2 at 10 users (50 and 100 skipped), F4s_v2 at 50
 * (100 skipped) and F8s_v2 at 100 (nothing left to skip).
 */
class SkippedStepsReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String F2 = "Standard_F2s_v2";
  private static final String F4 = "Standard_F4s_v2";
  private static final String F8 = "Standard_F8s_v2";
  private static final String SKIPPED_NOTE = "Skipped steps were planned but not run: the capacity search stops a"
      + " deployment after its first step that clearly broke the SLO (capacity.json), so they have no figures.";

  @TempDir Path results;

  private Path searchedRun() {
    Path run = results.resolve("run");
    new SyntheticRun().writeSearched(run, Reports.rightsize("").slo().objective());
    return run;
  }

  @Test
  void skippedStepsAreShownWithTheStepAndLimitThatBrokeTheSlo() throws Exception {
    ReportResult r = Reports.generator().generate(searchedRun());
    Tradeoffs t = r.tradeoffs();

    assertThat(t.steps()).hasSize(9);
    assertThat(t.warnings()).isEmpty();
    String f2Break = row(t, F2, "10 users").slo().describe();
    String f4Break = row(t, F4, "50 users").slo().describe();
    assertThat(f2Break).startsWith("p95 ttft ");
    assertThat(f4Break).startsWith("p95 ttft ");
    String f2Skip = "skipped: a lower step broke the SLO (10 users: " + f2Break + ")";
    String f4Skip = "skipped: a lower step broke the SLO (50 users: " + f4Break + ")";
    assertThat(t.stepTable()).extracting(e -> e.key().deployment() + " " + e.loadLabel()
        + (e instanceof SkippedStep s ? " " + s.describe() : "")).containsExactly(
        F2 + " 1 user", F2 + " 10 users", F2 + " 50 users " + f2Skip, F2 + " 100 users " + f2Skip,
        F4 + " 1 user", F4 + " 10 users", F4 + " 50 users", F4 + " 100 users " + f4Skip,
        F8 + " 1 user", F8 + " 10 users", F8 + " 50 users", F8 + " 100 users");

    List<String> md = Files.readAllLines(r.markdown());
    String dashes = " – | – | – | – | – | – | – | – | – | – | – | – |";
    int f2at10 = indexStarting(md, "| " + F2 + " | 10 users | ");
    assertThat(md.get(f2at10 + 1)).isEqualTo("| " + F2 + " | 50 users |" + dashes + " " + f2Skip + " | – | – | – |");
    assertThat(md.get(f2at10 + 2)).isEqualTo("| " + F2 + " | 100 users |" + dashes + " " + f2Skip + " | – | – | – |");
    assertThat(md.get(f2at10 + 3)).startsWith("| " + F4 + " | 1 user | ");
    assertThat(md.get(indexStarting(md, "| " + F4 + " | 50 users | ") + 1))
        .isEqualTo("| " + F4 + " | 100 users |" + dashes + " " + f4Skip + " | – | – | – |");
    assertThat(md).contains(SKIPPED_NOTE);

    String html = Files.readString(r.html());
    assertThat(html).contains("<tr class=\"skipped\"><td>" + F2 + "</td><td>50 users</td><td colspan=\"16\" class=\"meta\">"
        + Html.esc(f2Skip) + "</td></tr>\n<tr class=\"skipped\"><td>" + F2 + "</td><td>100 users</td>");
    assertThat(html).contains("<tr class=\"skipped\"><td>" + F4 + "</td><td>100 users</td><td colspan=\"16\" class=\"meta\">"
        + Html.esc(f4Skip) + "</td></tr>\n");
    assertThat(count(html, "<tr class=\"skipped\">")).isEqualTo(3);

    JsonNode json = JSON.readTree(r.json().toFile());
    assertThat(json.path("steps")).hasSize(9);
    assertThat(json.path("steps")).noneMatch(s -> s.has("outcome"));
    JsonNode f2 = json.path("deployments").get(0);
    assertThat(f2.path("skipped_steps")).extracting(s -> s.path("step").asText()).containsExactly("50 users", "100 users");
    JsonNode f2at50 = f2.path("skipped_steps").get(0);
    assertThat(f2at50.path("load").asDouble()).isEqualTo(50);
    assertThat(f2at50.path("load_unit").asText()).isEqualTo("users");
    assertThat(f2at50.path("outcome").asText()).isEqualTo("skipped");
    assertThat(f2at50.path("broken_at").path("step").asText()).isEqualTo("10 users");
    assertThat(f2at50.path("broken_at").path("verdict").asText()).isEqualTo(f2Break);
    assertThat(f2at50.path("reason").asText()).isEqualTo("SLO broken at 10 users");
    assertThat(f2at50.path("description").asText()).isEqualTo(f2Skip);
    assertThat(json.path("deployments").get(1).path("skipped_steps")).extracting(s -> s.path("step").asText())
        .containsExactly("100 users");
    assertThat(json.path("deployments").get(2).path("deployment").asText()).isEqualTo(F8);
    assertThat(json.path("deployments").get(2).path("skipped_steps").isArray()).isTrue();
    assertThat(json.path("deployments").get(2).path("skipped_steps")).isEmpty();
    // The report's capacity is the search's verdict: the same step per deployment.
    JsonNode capacity = JSON.readTree(r.runDir().resolve(CapacityFile.NAME).toFile());
    for (int i = 0; i < 3; i++) {
      assertThat(json.path("deployments").get(i).path("capacity").path("step").asText())
          .isEqualTo(capacity.path("deployments").get(i).path("capacity").path("step").asText());
    }

    // The CSV keeps one row per measured step; the gate reads the same steps as before.
    assertThat(Files.readAllLines(r.csv())).hasSize(1 + 9).noneMatch(l -> l.contains("skipped"));
    assertThat(TradeoffsFile.read(r.json()).steps()).hasSize(9);
  }

  @Test
  void withoutCapacityJsonTheReportIsWhatItWasAndWithItOnlyTheSkippedStepsAreAdded() throws Exception {
    Path run = searchedRun();
    ReportResult with = Reports.generator().generate(run);
    String mdWith = Files.readString(with.markdown());
    String htmlWith = Files.readString(with.html());
    String csvWith = Files.readString(with.csv());
    ObjectNode jsonWith = (ObjectNode) JSON.readTree(with.json().toFile());

    Files.delete(run.resolve(CapacityFile.NAME));
    ReportResult without = Reports.generator().generate(run);
    String md = Files.readString(without.markdown());
    String html = Files.readString(without.html());
    ObjectNode json = (ObjectNode) JSON.readTree(without.json().toFile());

    assertThat(without.tradeoffs().capacitySearch()).isFalse();
    assertThat(md).doesNotContain("skipped");
    assertThat(html).doesNotContain("skipped");
    assertThat(json.path("deployments")).allMatch(d -> !d.has("skipped_steps"));
    assertThat(md).isEqualTo(mdWith.lines()
        .filter(l -> !l.contains("skipped: a lower step broke the SLO") && !l.equals(SKIPPED_NOTE))
        .map(l -> l + "\n").reduce("", String::concat));
    assertThat(withoutGenerated(html)).isEqualTo(withoutGenerated(htmlWith)
        .replaceAll("<tr class=\"skipped\">.*</tr>\n", "").replace(" " + Html.esc(SKIPPED_NOTE), ""));
    assertThat(Files.readString(without.csv())).isEqualTo(csvWith);
    jsonWith.remove("generated_at");
    json.remove("generated_at");
    jsonWith.path("deployments").forEach(d -> ((ObjectNode) d).remove("skipped_steps"));
    assertThat(json).isEqualTo(jsonWith);
  }

  @Test
  void whenTheReportJudgesByAnotherSloTheSearchsVerdictIsNoted() {
    ReportResult r = Reports.generator("rightsize.slo { p95-ttft = 1h, p95-e2e = 1h, max-error-rate = 0.5 }")
        .generate(searchedRun());

    String runSlo = "SLO p95 ttft ≤ 2,000 ms, p95 e2e ≤ 20,000 ms, errors ≤ 5.0%";
    // During the run (the default SLO) F4s_v2's largest step within it was 10 users and F8s_v2's
    // 50; under an hour-long, 50% SLO the next steps meet it too. F2s_v2's 10 users sent too few requests for any p95
    // upper bound: inconclusive under both, so no note.
    assertThat(r.tradeoffs().warnings()).containsExactly(
        F4 + ": the capacity search during the run (" + runSlo + ") put the largest step within it at 10 users;"
            + " by this report's SLO it is 50 users; the steps the search skipped were never measured",
        F8 + ": the capacity search during the run (" + runSlo + ") put the largest step within it at 50 users;"
            + " by this report's SLO it is 100 users");
  }

  @Test
  void anUnreadableCapacityJsonIsANoteAndTheReportIsBuiltWithoutIt() throws Exception {
    Path run = searchedRun();
    Path file = run.resolve(CapacityFile.NAME);
    Files.writeString(file, "{\"deployments\": ");

    ReportResult r = Reports.generator().generate(run);

    assertThat(r.tradeoffs().warnings()).singleElement().asString()
        .startsWith("cannot read " + file + ": ")
        .endsWith(": the steps the capacity search skipped are not shown");
    assertThat(r.tradeoffs().capacitySearch()).isFalse();
    assertThat(r.tradeoffs().skippedSteps()).isEmpty();
    assertThat(Files.readString(r.markdown())).doesNotContain("skipped: a lower step");
    assertThat(r.partial()).isFalse();
  }

  private static StepRow row(Tradeoffs t, String deployment, String step) {
    return t.steps().stream()
        .filter(r -> r.key().deployment().equals(deployment) && r.key().step().equals(step))
        .findFirst().orElseThrow();
  }

  private static int indexStarting(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with " + prefix);
  }

  private static String withoutGenerated(String html) {
    return html.replaceAll(" · generated [^ ]+ · ", " · generated · ");
  }

  private static int count(String s, String what) {
    return (s.length() - s.replace(what, "").length()) / what.length();
  }
}
