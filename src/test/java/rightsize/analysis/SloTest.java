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
    assertThat(slo).isEqualTo(new Slo(2000, 20_000, 0.05));
  }

  @Test
  void aStepWithinEveryLimitWithEnoughRequestsMeetsTheSlo() {
    // 0 failures in 400: the error rate is at most 0.9% with 95% confidence.
    SloVerdict verdict = SloVerdict.of(SLO, steps(400, 1500, 10_000, 0).summary());
    assertThat(verdict.outcome()).isEqualTo(SloVerdict.Outcome.MET);
    assertThat(verdict.describe()).isEqualTo("met");
    // The limit it rests on most: the error rate's upper bound is closest to its limit.
    assertThat(verdict.decisive().orElseThrow().describeWithInterval())
        .isEqualTo("error rate 0.0% <= 1.0% (95% CI 0.0%–0.9%)");
  }

  @Test
  void threeRequestsAreInconclusiveEvenFarBelowTheLimits() {
    SloVerdict verdict = SloVerdict.of(SLO, steps(3, 100, 1000, 0).summary());
    assertThat(verdict.outcome()).isEqualTo(SloVerdict.Outcome.INCONCLUSIVE);
    assertThat(verdict.met()).isFalse();
    assertThat(verdict.describe()).isEqualTo("inconclusive: p95 ttft 100 ms <= 2000 ms (95% CI 100 ms – unbounded);"
        + " p95 e2e 1000 ms <= 20000 ms (95% CI 1,000 ms – unbounded); error rate 0.0% <= 1.0% (95% CI 0.0%–70.8%)");
  }

  @Test
  void namesTheBrokenLimitWithItsValue() {
    SloVerdict verdict = SloVerdict.of(SLO, steps(100, 2500, 10_000, 0).summary());
    assertThat(verdict.outcome()).isEqualTo(SloVerdict.Outcome.BROKEN);
    assertThat(verdict.broke(SloVerdict.Limit.P95_TTFT)).isTrue();
    assertThat(verdict.broke(SloVerdict.Limit.P95_E2E)).isFalse();
    assertThat(verdict.describe()).isEqualTo("p95 ttft 2500 ms > 2000 ms");
  }

  @Test
  void errorRateIsCheckedAgainstTheShareOfFailedRequestsWithItsInterval() {
    // 10 throttled out of 100: 4.9% to 17.6% with 95% confidence, beyond 1%.
    SloVerdict broken = SloVerdict.of(SLO, steps(90, 100, 1000, 10).summary());
    assertThat(broken.breaches()).extracting(SloVerdict.Check::which).containsExactly(SloVerdict.Limit.ERROR_RATE);
    assertThat(broken.describe()).isEqualTo("error rate 10.0% > 1.0%");
    // 2 of 100 is 2% measured, but anything from 0.2% to 7.0% could give it: inconclusive.
    SloVerdict unsure = SloVerdict.of(SLO, steps(98, 100, 1000, 2).summary());
    assertThat(unsure.outcome()).isEqualTo(SloVerdict.Outcome.INCONCLUSIVE);
    assertThat(unsure.undecided()).extracting(SloVerdict.Check::which).contains(SloVerdict.Limit.ERROR_RATE);
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
    // Not counted, the empty answers break nothing; 8 answers are too few to show the p95 met.
    assertThat(SloVerdict.of(lenient, s).outcome()).as("empty answers configured not to count")
        .isEqualTo(SloVerdict.Outcome.INCONCLUSIVE);
    assertThat(SloVerdict.of(lenient, s).breaches()).isEmpty();
    assertThat(RightsizeSettings.reference().slo().objective().emptyAnswerIsError()).as("the default").isTrue();
  }

  @Test
  void aStepWithoutSuccessfulRequestsIsBrokenByItsErrorsAndItsLatenciesAreNeverMet() {
    SloVerdict verdict = SloVerdict.of(SLO, steps(0, 100, 1000, 5).summary());
    assertThat(verdict.breaches()).extracting(SloVerdict.Check::which).containsExactly(SloVerdict.Limit.ERROR_RATE);
    assertThat(verdict.undecided()).extracting(SloVerdict.Check::describe)
        .containsExactly("p95 ttft not measured (no successful request)", "p95 e2e not measured (no successful request)");
    assertThat(verdict.describe()).isEqualTo("error rate 100.0% > 1.0%");
    SloVerdict empty = SloVerdict.of(SLO, new StepStats(KEY).summary());
    assertThat(empty.outcome()).isEqualTo(SloVerdict.Outcome.INCONCLUSIVE);
    assertThat(empty.describe()).isEqualTo("inconclusive: no requests in the step");
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
