package rightsize.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeoffsFileTest {
  @TempDir Path dir;

  @Test
  void readsStepsSloComparisonAndFlaggedRegressions() {
    Path run = TradeoffsFixture.run(dir, "night-2", "2026-11-26T02:17:00Z", 50, 48, false, "night-1", true);

    RunReport report = TradeoffsFile.read(run.resolve(TradeoffsFile.FILE_NAME));

    assertThat(report.runId()).isEqualTo("night-2");
    assertThat(report.started()).isEqualTo(Instant.parse("2026-11-26T02:17:00Z"));
    assertThat(report.baselineRunId()).isEqualTo("night-1");
    assertThat(report.steps()).singleElement().satisfies(s -> {
      assertThat(s.deployment()).isEqualTo("F4");
      assertThat(s.step()).isEqualTo("10 users");
      assertThat(s.requests()).isEqualTo(50);
      assertThat(s.ok()).isEqualTo(48);
      assertThat(s.statuses()).containsEntry("connect_failed", 2L);
      assertThat(s.sloMet()).isFalse();
      assertThat(s.sloDetail()).isEqualTo("p95 ttft 2431 ms > 2000 ms");
    });
    assertThat(report.compared()).singleElement()
        .satisfies(c -> assertThat(c.changes()).isEqualTo("p95 ttft +37.5%, error rate +0.0 pts"));
    assertThat(report.regressions()).singleElement()
        .satisfies(r -> assertThat(r.metric()).isEqualTo("p95 ttft"));
    assertThat(report.notes()).isEmpty();
  }

  @Test
  void aRunWithoutBaselineHasNoComparison() {
    Path run = TradeoffsFixture.run(dir, "night-1", "2026-11-25T02:17:00Z", 50, 50, true, null, false);

    RunReport report = TradeoffsFile.read(run.resolve(TradeoffsFile.FILE_NAME));

    assertThat(report.baselineRunId()).isNull();
    assertThat(report.compared()).isEmpty();
    assertThat(report.steps()).singleElement().satisfies(s -> assertThat(s.sloDetail()).isEqualTo("met"));
  }

  @Test
  void aFileOfAnotherSchemaIsRejectedWithItsName() throws Exception {
    Path file = dir.resolve("tradeoffs.json");
    Files.writeString(file, "{\"schema\": \"something/2\", \"steps\": []}");

    assertThatThrownBy(() -> TradeoffsFile.read(file)).hasMessage(file + " is not a rightsize.tradeoffs/2 report");
  }

  @Test
  void gatlingDisagreeingWithTheRecordsBecomesANote() throws Exception {
    Path run = TradeoffsFixture.run(dir, "night-2", "2026-11-26T02:17:00Z", 5, 5, true, null, false);
    Path file = run.resolve(TradeoffsFile.FILE_NAME);
    Files.writeString(file, Files.readString(file).replace("\"gatling_agrees\": true", "\"gatling_agrees\": false"));

    assertThat(TradeoffsFile.read(file).notes()).singleElement().asString().startsWith("The records disagree with Gatling");
  }
}
