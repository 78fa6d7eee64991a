package rightsize.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static rightsize.analysis.TestRecords.record;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.record.LoadUnit;
import rightsize.record.RecordWriter;
import rightsize.report.model.DeploymentSummary;
import rightsize.report.model.LengthSensitivity;
import rightsize.report.model.Tradeoffs;

class TradeoffsTest {
  private static final String THREE_DEPLOYMENTS = """
      rightsize.deployments = [
        { name = a, vm-size = Standard_F4s_v2 },
        { name = b, vm-size = Standard_F8s_v2 },
        { name = mini, vm-size = "", pricing { mode = pay-per-token, input-per-1m = 0.15, cached-input-per-1m = 0.075, output-per-1m = 0.60 } }
      ]""";

  @Test
  void aDeploymentAsFastButDearerIsDominated(@TempDir Path results) {
    Path run = results.resolve("run");
    try (RecordWriter w = new RecordWriter(run.resolve("records.jsonl"))) {
      for (String d : new String[] {"a", "b", "mini"}) {
        // 400 requests without a failure: enough to show errors within 1% (and the p95 within its limit).
        for (int i = 0; i < 400; i++) {
          // One request every 0.1 s, each 1 s long with 1000 prompt (200 cached) and 250 output tokens.
          w.write(record().deployment(d, d.equals("b") ? "Standard_F8s_v2" : "Standard_F4s_v2")
              .start(SyntheticRun.T0 + i * 100_000L).ttft(100.0).e2e(1000).tokens(1000, 250).cached(200).build());
        }
      }
    }
    Tradeoffs t = Reports.generator(THREE_DEPLOYMENTS).generate(run).tradeoffs();
    DeploymentSummary a = t.deployments().get(0);
    DeploymentSummary b = t.deployments().get(1);
    DeploymentSummary mini = t.deployments().get(2);

    // Same latency and throughput: b at $0.338/h is dominated by a at $0.169/h.
    assertThat(b.dominatedBy()).containsExactly("a");
    assertThat(a.dominated()).isFalse();
    // 400 requests over 40.9 s x 250 tokens: a costs 0.169 / (2445 x 3600) x 1e6 = $0.0192 per 1M output tokens;
    // mini costs (800 x 0.15 + 200 x 0.075 + 250 x 0.60) / 1e6 / 250 x 1e6 = $1.14: a and b dominate it.
    assertThat(mini.cheapest().cost().per1mOutputTokens()).isCloseTo(1.14, within(1e-9));
    assertThat(mini.dominatedBy()).containsExactly("a", "b");

    // Break-even of a against mini's prices: 0.169 x 730 = $123.37/month over $0.000285 per request.
    assertThat(a.breakEven().reference()).isEqualTo("mini");
    assertThat(a.breakEven().requestsPerDay()).isCloseTo(123.37 / 0.000285 / (730 / 24.0), within(0.01));
    assertThat(a.breakEven().capacityRequestsPerDay()).isCloseTo(400 / 40.9 * 86_400, within(1e-6));
    assertThat(mini.breakEven()).isNull();
    assertThat(mini.breakEvenProblem()).isNull();
    // The step's 10 users sized for 100: 10 instances of a.
    assertThat(a.monthly().unitsNeeded()).isEqualTo(10);
    assertThat(mini.monthly().unitsNeeded()).isNull();
    assertThat(t.recommendation()).startsWith("For 100 concurrent users within the SLO: 10 x Standard_F4s_v2 at $1,233.70/month");
  }

  @Test
  void lengthSensitivityFitsTheLineTheRequestsFollow(@TempDir Path results) throws Exception {
    Path run = results.resolve("run");
    try (RecordWriter w = new RecordWriter(run.resolve("records.jsonl"))) {
      for (int i = 0; i < 200; i++) {
        int prompt = 100 + 37 * i;
        int completion = 10 + 3 * i;
        w.write(record().start(SyntheticRun.T0 + i * 10_000L).tokens(prompt, completion)
            .ttft(50 + 0.5 * prompt).e2e(200 + 20.0 * completion).build());
      }
    }
    ReportResult r = Reports.generator().generate(run);
    LengthSensitivity table = r.tradeoffs().lengths().get("Standard_F2s_v2");
    assertThat(table.ttftFit().intercept()).isCloseTo(50, within(1e-6));
    assertThat(table.ttftFit().slope()).isCloseTo(0.5, within(1e-9));
    assertThat(table.ttftFit().r2()).isCloseTo(1, within(1e-9));
    assertThat(table.e2eFit().intercept()).isCloseTo(200, within(1e-6));
    assertThat(table.e2eFit().slope()).isCloseTo(20, within(1e-9));
    assertThat(table.e2eFit().n()).isEqualTo(200);
    // Output tokens 10..607: buckets 0-127 (10..127: 40 requests), 128-255, 256-511, 512+.
    assertThat(table.e2eByOutput()).extracting(LengthSensitivity.Row::fromTokens).containsExactly(0, 128, 256, 512);
    assertThat(table.e2eByOutput().get(0).latency().count()).isEqualTo(40);
    assertThat(table.e2eByOutput().get(0).meanTokens()).isCloseTo((10 + 127) / 2.0, within(1e-9));
    assertThat(Files.readAllLines(r.markdown()))
        .contains("- e2e ≈ 200.0 ms + 20.000 ms × output tokens (slope 95% CI 20.000 to 20.000 ms/token, r² 1.00,"
            + " 200 requests)");
  }

  @Test
  void aLineThatSaysNothingIsNotDrawnAndNoLatencyAxisGoesBelowZero(@TempDir Path results) throws Exception {
    Path run = results.resolve("run");
    try (RecordWriter w = new RecordWriter(run.resolve("records.jsonl"))) {
      // ttft does not depend on length (noise only); e2e grows with it from 200 tokens on, and the
      // short answers' flat 50 ms pull the fitted line below 0 ms at the shortest lengths.
      for (int i = 0; i < 200; i++) {
        int prompt = 100 + 37 * i;
        int completion = i < 20 ? 10 + i : 200 + 3 * i;
        w.write(record().start(SyntheticRun.T0 + i * 10_000L).tokens(prompt, completion)
            .ttft(400.0 + (i * 7919 % 200)).e2e(i < 20 ? 50 : -3000 + 20.0 * completion).build());
      }
    }
    ReportResult r = Reports.generator().generate(run);
    LengthSensitivity table = r.tradeoffs().lengths().get("Standard_F2s_v2");
    assertThat(table.ttftFit().meaningful()).isFalse();
    assertThat(table.e2eFit().meaningful()).isTrue();
    assertThat(table.e2eFit().at(10)).as("the fitted line at the shortest answer").isNegative();
    assertThat(Files.readString(r.markdown())).contains("- ttft vs input tokens: no measurable dependence on length"
        + " in this run (slope 95% CI ");
    String html = Files.readString(r.html());
    String ttftChart = chart(html, "chart-ttft-input");
    assertThat(ttftChart).as("no fitted line").doesNotContain("stroke-dasharray=\"5 4\"");
    // The e2e line is drawn, from where it crosses 0 ms (not from the shortest answer, below 0) on.
    assertThat(chart(html, "chart-e2e-output")).contains("stroke-dasharray=\"5 4\"");
    assertThat(table.e2eFit().minX()).isEqualTo(10);
    // Every chart's axis labels are at least 0.
    java.util.regex.Matcher labels = java.util.regex.Pattern
        .compile("<text class=\"axis\" x=\"[0-9.]+\" y=\"[0-9.]+\" text-anchor=\"end\">([^<]*)</text>").matcher(html);
    int found = 0;
    while (labels.find()) {
      found++;
      assertThat(labels.group(1)).as("a y-axis label").doesNotStartWith("-").doesNotStartWith("−");
    }
    assertThat(found).isPositive();
  }

  private static String chart(String html, String id) {
    int from = html.indexOf("<svg id=\"" + id + "\"");
    return html.substring(from, html.indexOf("</svg>", from));
  }

  @Test
  void loadsAreDescribedInTheirUnit() {
    assertThat(LoadUnit.USERS.describe(1)).isEqualTo("1 user");
    assertThat(LoadUnit.ARRIVALS_PER_SECOND.describe(2.5)).isEqualTo("2.5 users/s");
  }
}
