package rightsize.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static rightsize.analysis.TestRecords.record;

import org.junit.jupiter.api.Test;
import rightsize.config.RightsizeSettings;
import rightsize.config.Slo;
import rightsize.record.LoadUnit;
import rightsize.record.Status;

class SloTest {
  private static final StepKey KEY = new StepKey("Standard_F2s_v2", "Standard_F2s_v2", "10 users", 10, LoadUnit.USERS);
  private static final Slo SLO = new Slo(2000, 20_000, 0.01);

  @Test
  void readsTheDefaultsOfReferenceConf() {
    Slo slo = RightsizeSettings.reference().slo().objective();
    assertThat(slo).isEqualTo(new Slo(2000, 20_000, 0.01));
  }

  @Test
  void aStepWithinEveryLimitMeetsTheSlo() {
    StepStats stats = steps(100, 1500, 10_000, 0);
    SloVerdict verdict = SloVerdict.of(SLO, stats.summary());
    assertThat(verdict.met()).isTrue();
    assertThat(verdict.describe()).isEqualTo("met");
  }

  @Test
  void namesTheBrokenLimitWithItsValue() {
    SloVerdict verdict = SloVerdict.of(SLO, steps(100, 2500, 10_000, 0).summary());
    assertThat(verdict.met()).isFalse();
    assertThat(verdict.broke(SloVerdict.Limit.P95_TTFT)).isTrue();
    assertThat(verdict.broke(SloVerdict.Limit.P95_E2E)).isFalse();
    assertThat(verdict.describe()).isEqualTo("p95 ttft 2500 ms > 2000 ms");
  }

  @Test
  void errorRateIsCheckedAgainstTheShareOfFailedRequests() {
    // 2 throttled out of 100 -> 2% > 1%.
    SloVerdict verdict = SloVerdict.of(SLO, steps(98, 100, 1000, 2).summary());
    assertThat(verdict.breaches()).extracting(SloVerdict.Breach::which)
        .containsExactly(SloVerdict.Limit.ERROR_RATE);
    assertThat(verdict.describe()).isEqualTo("error rate 2.0% > 1.0%");
    // Exactly at the limit still meets it: 1 of 100.
    assertThat(SloVerdict.of(SLO, steps(99, 100, 1000, 1).summary()).met()).isTrue();
  }

  /**
   * Issue 13's step: 7 of 15 answers were empty. They used to be "ok" without a ttft, leaving
   * "errors 0.0%" and a p95 ttft over the 8 others; now they are errors (46.7%) and the step breaks
   * the SLO, unless empty answers are configured not to count.
   */
  @Test
  void emptyAnswersAreErrorsUnlessTheSloSaysOtherwise() {
    StepStats stats = new StepStats(KEY);
    for (int i = 0; i < 8; i++) {
      stats.add(record().start(1_000_000L * i).ttft(500.0).e2e(1_500).build());
    }
    for (int i = 0; i < 7; i++) {
      stats.add(record().start(1_000_000L * (8 + i)).e2e(3_000).tokens(50, 0).reasoning(200.0, 400)
          .status(Status.EMPTY_ANSWER).build());
    }
    StepSummary s = stats.summary();
    assertThat(s.requests()).isEqualTo(15);
    assertThat(s.ok()).isEqualTo(8);
    assertThat(s.emptyAnswers()).isEqualTo(7);
    assertThat(s.ttft().count()).as("ttft over the answers that showed something").isEqualTo(8);
    assertThat(s.errorRate()).isCloseTo(7 / 15.0, within(1e-12));

    SloVerdict verdict = SloVerdict.of(SLO, s);
    assertThat(verdict.met()).isFalse();
    assertThat(verdict.describe()).isEqualTo("error rate 46.7% > 1.0%");

    Slo lenient = new Slo(2000, 20_000, 0.01, false);
    assertThat(SloVerdict.of(lenient, s).met()).as("empty answers configured not to count").isTrue();
    assertThat(RightsizeSettings.reference().slo().objective().emptyAnswerIsError()).as("the default").isTrue();
  }

  @Test
  void aStepWithoutSuccessfulRequestsBreaksTheLatencyLimitsToo() {
    SloVerdict verdict = SloVerdict.of(SLO, steps(0, 100, 1000, 5).summary());
    assertThat(verdict.breaches()).extracting(SloVerdict.Breach::which)
        .containsExactly(
            SloVerdict.Limit.P95_TTFT, SloVerdict.Limit.P95_E2E, SloVerdict.Limit.ERROR_RATE);
    assertThat(verdict.describe()).startsWith("p95 ttft not measured");
    assertThat(SloVerdict.of(SLO, new StepStats(KEY).summary()).describe()).isEqualTo("no requests in the step");
  }

  private static StepStats steps(int ok, double ttftMs, double e2eMs, int throttled) {
    StepStats stats = new StepStats(KEY);
    for (int i = 0; i < ok; i++) {
      stats.add(record().ttft(ttftMs).e2e(e2eMs).build());
    }
    for (int i = 0; i < throttled; i++) {
      stats.add(record().e2e(3).status(Status.THROTTLED).build());
    }
    return stats;
  }
}
