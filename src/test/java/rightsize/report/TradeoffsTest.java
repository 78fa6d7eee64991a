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
        for (int i = 0; i < 100; i++) {
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
    // 100 requests over 10.9 s x 250 tokens: a costs 0.169 / (2293.6 x 3600) x 1e6 = $0.0205 per 1M output tokens;
    // mini costs (800 x 0.15 + 200 x 0.075 + 250 x 0.60) / 1e6 / 250 x 1e6 = $1.14: a and b dominate it.
    assertThat(mini.cheapest().cost().per1mOutputTokens()).isCloseTo(1.14, within(1e-9));
    assertThat(mini.dominatedBy()).containsExactly("a", "b");

    // Break-even of a against mini's prices: 0.169 x 730 = $123.37/month over $0.000285 per request.
    assertThat(a.breakEven().reference()).isEqualTo("mini");
    assertThat(a.breakEven().requestsPerDay()).isCloseTo(123.37 / 0.000285 / (730 / 24.0), within(0.01));
    assertThat(a.breakEven().capacityRequestsPerDay()).isCloseTo(100 / 10.9 * 86_400, within(1e-6));
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
        .contains("- e2e ≈ 200.0 ms + 20.000 ms × output tokens (r² 1.00, 200 requests)");
  }

  @Test
  void loadsAreDescribedInTheirUnit() {
    assertThat(LoadUnit.USERS.describe(1)).isEqualTo("1 user");
    assertThat(LoadUnit.ARRIVALS_PER_SECOND.describe(2.5)).isEqualTo("2.5 users/s");
  }
}
