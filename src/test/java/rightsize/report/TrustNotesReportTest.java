package rightsize.report;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.analysis.TestRecords.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.record.RecordWriter;
import rightsize.record.RequestRecord.TokenSource;
import rightsize.report.model.Tradeoffs;
import rightsize.report.model.TrustFlag;
import rightsize.report.render.Html;

/**
 * A run whose figures cannot all be trusted, built from real record and injector files: a step of 3
 * requests, one of 50, tokens the tokenizer counted or nobody could, a 120 ms stall and a saturated
 * CPU on the load generator; and a run with none of these, which gets no trust note.
 */
class TrustNotesReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String F2 = "Standard_F2s_v2";
  private static final long T0 = SyntheticRun.T0;
  private static final long S0 = T0 / 1_000_000;
  private static final String TOKEN_FIGURES = "(output tok/s, total tok/s, $/1M output tok, $/1M total tok)";
  private static final String FEW_3 = "ttft, tpot and e2e p95 and p99 from 3 successful requests"
      + " (a p95 needs 20, a p99 100)";
  private static final String FEW_50 = "ttft, tpot and e2e p99 from 50 successful requests (a p99 needs 100)";
  private static final String ESTIMATED = "the token figures are estimates " + TOKEN_FIGURES
      + ": the tokenizer counted the tokens of 40 of 150 successful requests (the server sent no usage)";
  private static final String UNCOUNTED = "the token figures undercount " + TOKEN_FIGURES
      + ": 5 of 150 successful requests have no token count (the server sent no usage and there was no text to count)";
  private static final String STALL = "load generator injector-1 stalled 120 ms at " + Instant.ofEpochSecond(S0 + 105)
      + " (limit 20.0 ms): latencies may include client-side delay";
  private static final String CPU = "load generator machine CPU peaked at 95.0% (limit 90.0%):"
      + " latencies may include client-side delay";

  @TempDir Path results;

  /**
   * 1 user: 3 requests from T0, 1 s apart; 10 users: 150 from T0 + 100 s, 0.1 s apart, 40 counted by the
   * tokenizer; 20 users: 50 from T0 + 200 s; 50 users: 150 from T0 + 300 s, 5 without token counts. Each
   * request lasts 1 s, ttft 100..149 ms, 10 output tokens.
   */
  private static void writeRecords(Path file, boolean doubtful) {
    try (RecordWriter w = new RecordWriter(file)) {
      int[] counts = {doubtful ? 3 : 150, 150, doubtful ? 50 : 150, 150};
      int[] loads = {1, 10, 20, 50};
      long[] spacing = {doubtful ? 1_000_000 : 100_000, 100_000, 100_000, 100_000};
      for (int s = 0; s < loads.length; s++) {
        for (int i = 0; i < counts[s]; i++) {
          var r = record().step(loads[s] == 1 ? "1 user" : loads[s] + " users", loads[s])
              .start(T0 + s * 100_000_000L + i * spacing[s]).ttft(100.0 + i % 50).e2e(1000);
          if (doubtful && loads[s] == 10 && i % 3 == 0 && i < 120) {
            r.tokenSource(TokenSource.tokenizer);
          }
          if (doubtful && loads[s] == 50 && i < 5) {
            r.tokens(null, null).tokenSource(TokenSource.none);
          }
          w.write(r.build());
        }
      }
    }
  }

  /** One sample per second over the whole run: 0.4 ms stalls, 30% / 50% CPU, but for the given second. */
  private static void writeInjector(Path file, long stallSecond, long busySecond) throws Exception {
    List<String> lines = new ArrayList<>();
    for (long s = S0 - 2; s <= S0 + 320; s++) {
      lines.add("{\"injector\":\"injector-1\",\"epoch_s\":" + s + ",\"wakeups\":998,\"worst_stall_ms\":"
          + (s == stallSecond ? "120.0" : "0.4") + ",\"process_cpu\":0.3,\"machine_cpu\":"
          + (s == busySecond ? "0.95" : "0.5") + "}");
    }
    Files.write(file, lines);
  }

  /**
   * One sample per second with the client's loop lag: ticks on time, but for the seconds from {@code
   * behindSecond} to the next, during each of which 30 of 200 ticks ran more than 20 ms late (the
   * latest 60 ms) while the JIT compiled 400 ms (5 ms in every other second), and a machine at 100% CPU with a 80 ms stall of the sleeping thread in {@code busySecond}.
   */
  private static void writeLoopInjector(Path file, long behindSecond, long busySecond) throws Exception {
    List<String> lines = new ArrayList<>();
    for (long s = S0 - 2; s <= S0 + 320; s++) {
      String lag = s == behindSecond || s == behindSecond + 1
          ? "{\"loops\":1,\"ticks\":200,\"max_ms\":60.0,\"over_ms\":{\"1\":30,\"2\":30,\"3\":30,\"5\":30,\"10\":30,\"20\":30,\"50\":2}}"
          : "{\"loops\":1,\"ticks\":200,\"max_ms\":0.9,\"over_ms\":{}}";
      lines.add("{\"injector\":\"injector-1\",\"epoch_s\":" + s + ",\"wakeups\":998,\"worst_stall_ms\":"
          + (s == busySecond ? "80.0" : "0.4") + ",\"process_cpu\":0.3,\"machine_cpu\":" + (s == busySecond ? "1.0" : "0.5")
          + ",\"process_cores\":0.3,\"cpus\":1,\"gc_pause_ms\":0,\"jit_ms\":"
          + (s == behindSecond || s == behindSecond + 1 ? 400 : 5) + ",\"client_lag\":" + lag
          + ",\"gatling_lag\":{\"loops\":2,\"ticks\":400,\"max_ms\":1.1,\"over_ms\":{\"1\":1}}}");
    }
    Files.write(file, lines);
  }

  @Test
  void aStepWhoseClientFellBehindIsFlaggedWithTheEffectAndABusyMachineIsOnlySaid() throws Exception {
    Path run = results.resolve("loops");
    writeRecords(run.resolve("records.jsonl"), false);
    // The 10-user step spans 16 seconds (3,200 ticks): 60 of them over 20 ms late is 1.9% of its time.
    writeLoopInjector(run.resolve("injector.jsonl"), S0 + 105, S0 + 305);

    ReportResult r = Reports.generator().generate(run);
    List<String> md = Files.readAllLines(r.markdown());
    // 60 of the step's 3,200 ticks over 20 ms late, 4 over 50: 1% of its time (32 ticks) lies at 35 ms.
    assertThat(md).contains("- " + F2 + " · 10 users (changes the SLO verdict (met)): § the client's event loops ran more than 35.0 ms late during 1% of the"
        + " step (p95 0.97 ms, worst 60.0 ms; limit 2.50 ms; the JIT compiled for 870 ms): its p99 latencies may be up to 35.0 ms high from the load"
        + " generator's own delay, its p95s up to 0.97 ms");
    assertThat(md).noneSatisfy(l -> assertThat(l).startsWith("- " + F2 + " · 50 users: §"));
    assertThat(String.join("\n", md))
        .contains("| deployment | load | seconds sampled | client loop lag p99 ms | client loop lag worst ms |")
        .contains("| " + F2 + " | 1 user | 16 | 0.90 | 0.90 | 0.99 | 0 | 80 | 0.30 | 50.0% | 0.40 | ok |")
        .contains("| **client behind** § |")
        .contains("| 100.0% | 80.0 | machine busy |");
    String html = Files.readString(r.html());
    assertThat(html).contains("<th>client loop lag p99 ms</th>").contains("machine busy").contains("client behind §");
    JsonNode fifty = JSON.readTree(r.json().toFile()).path("steps").get(3).path("injector");
    assertThat(fifty.path("machine_busy").asBoolean()).isTrue();
    assertThat(fifty.path("client_lag").path("p99").asDouble()).isEqualTo(0.9);
    assertThat(fifty.path("peak_process_cores").asDouble()).isEqualTo(0.3);
    assertThat(fifty.path("jit_ms").asLong()).isEqualTo(5L * fifty.path("seconds").asLong());
  }

  @Test
  void everyFigureThatCannotBeTrustedIsMarkedAndExplained() throws Exception {
    Path run = results.resolve("doubtful");
    writeRecords(run.resolve("records.jsonl"), true);
    writeInjector(run.resolve("injector.jsonl"), S0 + 105, S0 + 310);

    // A 5% error limit: 150 requests without a failure show it met (1% would take 368).
    ReportResult r = Reports.generator("rightsize.slo.max-error-rate = 0.05").generate(run);
    Tradeoffs t = r.tradeoffs();
    assertThat(t.untrustedSteps()).hasSize(4);
    // 3 and 50 requests cannot show a p95 within the limit; 150 can.
    assertThat(t.steps()).extracting(s -> s.slo().outcome().wireName())
        .containsExactly("inconclusive", "met", "inconclusive", "met");

    // What changes a conclusion first, one line per step with every reason; the rest folded.
    List<String> md = Files.readAllLines(r.markdown());
    assertThat(md).containsSubsequence(
        "**Figures not to be trusted** (marked † too few successful requests for the percentile,"
            + " ‡ token counts estimated by the tokenizer or missing, § the load generator was overloaded):",
        "",
        "These change a conclusion:",
        "",
        // 10 users is the cheapest step within the SLO per 1M output tokens: a recommendation rests on it too.
        "- " + F2 + " · 10 users (changes the SLO verdict (met) and the recommendation for " + F2 + "): ‡ " + ESTIMATED
            + "; § " + STALL,
        "- " + F2 + " · 50 users (changes the SLO verdict (met) and the recommendation for " + F2 + "): ‡ "
            + UNCOUNTED + "; § " + CPU,
        "",
        "<details><summary>2 steps whose flagged figures change no conclusion</summary>",
        "",
        "- " + F2 + " · 1 user: † " + FEW_3,
        "- " + F2 + " · 20 users: † " + FEW_50,
        "",
        "</details>");
    // 3 requests in 3 s, 10 tokens each; ttft 100, 101, 102 ms, e2e 1 s; p95 and p99 marked, p50 not.
    assertThat(cells(md, "1 user")).containsSubsequence("1.00", "10.0", "101", "102†", "102†")
        .containsSubsequence("1,000", "1,000†", "1,000†", "0.0%", "0.0%");
    assertThat(cells(md, "1 user").get(12)).startsWith("*inconclusive: p95 ttft 102 ms (95% CI 101 ms – unbounded)")
        .endsWith("†*");
    // Estimated tokens mark output tok/s and $/1M output tok; the stall marks every latency and the verdict.
    List<String> at10 = cells(md, "10 users");
    assertThat(at10.get(1)).endsWith("‡");
    assertThat(at10.subList(2, 10)).allMatch(c -> c.endsWith("§") && !c.endsWith("†§"));
    assertThat(at10.get(12)).isEqualTo("met§");
    assertThat(t.recommendation()).contains(F2 + " holds 50 users: p95 ttft 147 ms (95% CI 145–149 ms),"
        + " error rate 0.0% (95% CI 0.0%–2.4%)");
    assertThat(at10.get(13)).doesNotEndWith("‡");
    assertThat(at10.get(15)).endsWith("‡");
    List<String> at20 = cells(md, "20 users");
    assertThat(at20.get(3)).doesNotEndWith("†");
    assertThat(at20.get(4)).endsWith("†");
    assertThat(at20.get(12)).startsWith("*inconclusive: ").doesNotContain("†");

    // The load generator table: the stall inside the 10-user step's window (T0 + 100 s to T0 + 115.9 s).
    assertThat(md).contains("## Load generator")
        .contains("| " + F2 + " | 10 users | 16 | 120 | injector-1 at " + Instant.ofEpochSecond(S0 + 105)
            + " | 30.0% | 50.0% | **overloaded** § |")
        .contains("| " + F2 + " | 1 user | 4 | 0.40 | injector-1 at " + Instant.ofEpochSecond(S0) + " | 30.0% | 50.0% | ok |")
        .contains("- injector.jsonl: 323 samples");

    String html = Files.readString(r.html());
    assertThat(html).contains("<td class=\"n untrusted\" title=\"95% CI 101–∞ ms; " + Html.esc(FEW_3) + "\">102†"
            + "<br><span class=\"ci\">101–∞</span></td>")
        .contains("<td class=\"met untrusted\" title=\"" + Html.esc(STALL) + "\">met§</td>")
        .contains("<div class=\"trust\" id=\"trust\">")
        .contains("<ul id=\"trust-conclusions\"><li>" + Html.esc(F2 + " · 10 users (changes the SLO verdict (met) and"
            + " the recommendation for " + F2 + "): ‡ " + ESTIMATED + "; § " + STALL) + "</li>")
        .contains("<details id=\"trust-others\"><summary>2 steps whose flagged figures change no conclusion</summary>"
            + "<ul><li>" + Html.esc(F2 + " · 1 user: † " + FEW_3) + "</li>")
        .contains("<table id=\"injector\">");

    JsonNode json = JSON.readTree(r.json().toFile());
    assertThat(json.path("gate").path("untrusted_steps").asInt()).isEqualTo(4);
    assertThat(json.path("gate").path("untrusted_conclusions").asInt()).isEqualTo(2);
    assertThat(json.path("trust_thresholds").toString()).isEqualTo("{\"min_requests_p95\":20,\"min_requests_p99\":100,"
        + "\"max_injector_stall_ms\":20.0,\"max_injector_cpu\":0.9,\"max_client_lag_ms\":2.5,\"fail_gate\":false}");
    assertThat(json.path("injector_inputs").get(0).path("samples").asLong()).isEqualTo(323);
    JsonNode one = json.path("steps").get(0);
    assertThat(one.path("trust").toString()).isEqualTo("{\"trusted\":false,\"changes_conclusion\":false,"
        + "\"flags\":[{\"check\":\"few_requests\","
        + "\"figures\":[\"/ttft_ms/p95\",\"/ttft_ms/p99\",\"/tpot_ms/p95\",\"/tpot_ms/p99\",\"/e2e_ms/p95\",\"/e2e_ms/p99\"],"
        + "\"note\":\"" + FEW_3 + "\"}]}");
    JsonNode ten = json.path("steps").get(1);
    assertThat(ten.path("trust").path("changes_conclusion").asBoolean()).isTrue();
    List<String> csv = Files.readAllLines(r.csv());
    List<String> header = List.of(csv.get(0).split(","));
    // Commas outside quotes separate the cells (the verdict's cell has some inside).
    String cellSeparator = ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)";
    assertThat(csv.subList(1, 5)).extracting(l -> l.split(cellSeparator)[header.indexOf("trust")])
        .containsExactly("untrusted", "untrusted_conclusion", "untrusted", "untrusted_conclusion");
    assertThat(csv.get(2).split(cellSeparator)[header.indexOf("trust_checks")]).isEqualTo("estimated_tokens;injector_overload");
    assertThat(csv.get(1).split(cellSeparator)[header.indexOf("slo_verdict")]).isEqualTo("inconclusive");
    assertThat(ten.path("trust").path("flags")).extracting(f -> f.path("check").asText())
        .containsExactly("estimated_tokens", "injector_overload");
    JsonNode estimated = ten.path("trust").path("flags").get(0);
    assertThat(estimated.path("requests").asLong()).isEqualTo(40);
    assertThat(estimated.path("note").asText()).isEqualTo(ESTIMATED);
    assertThat(estimated.path("figures")).extracting(JsonNode::asText).containsExactly(
        "/output_tokens_per_s", "/total_tokens_per_s", "/cost/per_1m_output_tokens", "/cost/per_1m_total_tokens");
    assertThat(ten.path("trust").path("flags").get(1).path("figures")).hasSize(9);
    assertThat(ten.path("injector").toString()).isEqualTo("{\"seconds\":16,\"worst_stall_ms\":120.0,"
        + "\"worst_stall_injector\":\"injector-1\",\"worst_stall_at\":\"" + Instant.ofEpochSecond(S0 + 105)
        + "\",\"peak_process_cpu\":0.3,\"peak_machine_cpu\":0.5}");
    assertThat(json.path("steps").get(2).path("trust").path("flags").get(0).path("figures"))
        .extracting(JsonNode::asText).containsExactly("/ttft_ms/p99", "/tpot_ms/p99", "/e2e_ms/p99");
    JsonNode fifty = json.path("steps").get(3);
    assertThat(fifty.path("trust").path("flags")).extracting(f -> f.path("note").asText())
        .containsExactly(UNCOUNTED, CPU);
    assertThat(fifty.path("trust").path("flags").get(0).path("requests").asLong()).isEqualTo(5);
    assertThat(fifty.path("injector").path("peak_machine_cpu").asDouble()).isEqualTo(0.95);
  }

  @Test
  void aTokenPricedDeploymentHasEveryCostFlaggedWithItsTokens() throws Exception {
    Path run = results.resolve("per-token");
    try (RecordWriter w = new RecordWriter(run.resolve("records.jsonl"))) {
      for (int i = 0; i < 150; i++) {
        w.write(record().deployment("mini", "").start(T0 + i * 100_000L).tokenSource(TokenSource.tokenizer).build());
      }
    }
    Tradeoffs t = Reports.generator("rightsize.deployments = [{ name = mini, vm-size = \"\", pricing {"
        + " mode = pay-per-token, input-per-1m = 0.15, output-per-1m = 0.60 } }]").generate(run).tradeoffs();

    assertThat(t.steps()).singleElement().satisfies(s -> assertThat(s.trust().flags()).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo(TrustFlag.Check.ESTIMATED_TOKENS);
      assertThat(f.note()).isEqualTo("the token figures are estimates (output tok/s, total tok/s, $/1M output tok,"
          + " $/1M total tok, $/h, $/request, $/1k req): the tokenizer counted the tokens of 150 of 150 successful"
          + " requests (the server sent no usage)");
    }));
  }

  @Test
  void answersThatWereNotStreamedShowNoTtftAndAreFlagged() throws Exception {
    Path run = results.resolve("not-streamed");
    try (RecordWriter w = new RecordWriter(run.resolve("records.jsonl"))) {
      for (int i = 0; i < 150; i++) {
        // A catalog model (aml-chat) at 1 user: never streamed; a flow at 10 users answered JSON 30 times of 150.
        w.write(record().step("1 user", 1).start(T0 + i * 100_000L).notStreamed().e2e(800).build());
        var flow = record().step("10 users", 10).start(T0 + 100_000_000L + i * 100_000L).ttft(100.0 + i % 50).e2e(1000);
        w.write((i % 5 == 0 ? flow.notStreamed() : flow).build());
      }
    }
    ReportResult result = Reports.generator().generate(run);
    Tradeoffs t = result.tradeoffs();
    String md = Files.readString(result.markdown());

    assertThat(t.steps()).hasSize(2);
    var aml = t.steps().get(0);
    assertThat(aml.step().ttft().p95()).isNull();
    // An unmeasurable ttft is not checked at all: neither broken nor left undecided.
    assertThat(aml.slo().checks()).extracting(c -> c.which()).doesNotContain(rightsize.analysis.SloVerdict.Limit.P95_TTFT)
        .contains(rightsize.analysis.SloVerdict.Limit.P95_E2E);
    assertThat(aml.slo().broken()).isFalse();
    assertThat(aml.trust().flags()).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo(TrustFlag.Check.NOT_STREAMED);
      assertThat(f.note()).isEqualTo("no successful answer was streamed (150 came as one JSON body): ttft and tpot are not"
          + " measurable, and the SLO's ttft limit does not apply");
    });
    var flow = t.steps().get(1);
    assertThat(flow.step().ttft().count()).isEqualTo(120);
    assertThat(flow.trust().flags()).singleElement().satisfies(f -> assertThat(f.note())
        .isEqualTo("30 of 150 successful answers came as one JSON body, not streamed: ttft and tpot are from the other 120"));
    assertThat(md).contains("| n/a (not streamed)¶ | n/a (not streamed)¶ | n/a (not streamed)¶ |")
        .contains("¶ answers not streamed: no ttft for them");
    assertThat(JSON.readTree(result.json().toFile()).path("steps").get(0).path("trust").path("flags").get(0)
        .path("check").asText()).isEqualTo("not_streamed");
  }

  @Test
  void aRunWithNothingInDoubtHasNoTrustNoteAndOneWithoutInjectorFileSaysNothingOfTheLoadGenerator() throws Exception {
    Path run = results.resolve("sound");
    writeRecords(run.resolve("records.jsonl"), false);
    writeInjector(run.resolve("injector.jsonl"), -1, -1);

    ReportResult monitored = Reports.generator().generate(run);
    String md = Files.readString(monitored.markdown());
    String html = Files.readString(monitored.html());
    JsonNode json = JSON.readTree(monitored.json().toFile());
    assertThat(monitored.tradeoffs().untrustedSteps()).isEmpty();
    assertThat(md).doesNotContain("not to be trusted").doesNotContain("†").doesNotContain("‡").doesNotContain("§")
        .contains("## Load generator")
        .contains("| " + F2 + " | 50 users | 16 | 0.40 | injector-1 at " + Instant.ofEpochSecond(S0 + 300) + " | 30.0% | 50.0% | ok |");
    assertThat(html).doesNotContain("class=\"n untrusted\"").doesNotContain("id=\"trust\"").contains("<table id=\"injector\">");
    assertThat(json.path("gate").path("untrusted_steps").asInt()).isZero();
    assertThat(json.path("steps")).hasSize(4).allSatisfy(s -> {
      assertThat(s.path("trust").toString()).isEqualTo("{\"trusted\":true,\"changes_conclusion\":false,\"flags\":[]}");
      assertThat(s.path("injector").path("worst_stall_ms").asDouble()).isEqualTo(0.4);
    });

    Files.delete(run.resolve("injector.jsonl"));
    ReportResult older = Reports.generator().generate(run);
    assertThat(Files.readString(older.markdown())).doesNotContain("Load generator").doesNotContain("injector.jsonl");
    assertThat(Files.readString(older.html())).doesNotContain("id=\"injector\"");
    JsonNode olderJson = JSON.readTree(older.json().toFile());
    assertThat(olderJson.path("injector_inputs")).isEmpty();
    assertThat(olderJson.path("steps")).allSatisfy(s -> assertThat(s.has("injector")).isFalse());
  }

  /** The cells of the step table's row for {@code load} after deployment and load: req/s first, $/1M output tok last. */
  private static List<String> cells(List<String> md, String load) {
    String prefix = "| " + F2 + " | " + load + " | ";
    String row = md.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    return List.of(row.substring(prefix.length(), row.length() - 2).split(" \\| "));
  }
}
