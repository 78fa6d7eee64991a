package rightsize.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static rightsize.analysis.TestRecords.record;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import rightsize.record.LoadUnit;
import rightsize.record.Status;

class StepStatsTest {
  private static final StepKey KEY = new StepKey("Standard_F2s_v2", "Standard_F2s_v2", "10 users", 10, LoadUnit.USERS);
  private static final long T0 = 1_700_000_000_000_000L;

  @Test
  void percentilesAreNearestRankOverEveryRequest() {
    StepStats stats = new StepStats(KEY);
    for (int i = 1; i <= 100; i++) {
      // ttft 1..100 ms, e2e 10..1000 ms, 11 output tokens: tpot = (e2e - ttft) / 10.
      stats.add(record().ttft((double) i).e2e(10.0 * i).tokens(50, 11).start(T0 + i).build());
    }
    StepSummary s = stats.summary();

    assertThat(s.ttft().count()).isEqualTo(100);
    assertThat(s.ttft().p50()).isCloseTo(50, withinPercentage(0.05));
    assertThat(s.ttft().p95()).isCloseTo(95, withinPercentage(0.05));
    assertThat(s.ttft().p99()).isCloseTo(99, withinPercentage(0.05));
    assertThat(s.e2e().p50()).isCloseTo(500, withinPercentage(0.05));
    assertThat(s.e2e().p95()).isCloseTo(950, withinPercentage(0.05));
    assertThat(s.e2e().p99()).isCloseTo(990, withinPercentage(0.05));
    // tpot of request i is 0.9 * i ms.
    assertThat(s.tpot().p50()).isCloseTo(45, withinPercentage(0.05));
    assertThat(s.tpot().p95()).isCloseTo(85.5, withinPercentage(0.05));
  }

  /**
   * The reasoning phase of a step: time to first reasoning token and reasoning duration over the
   * successful requests that streamed reasoning, the mean reasoning tokens over those that reasoned
   * (a hosted model that does not stream its reasoning counts by its usage alone), and tpot over the
   * visible tokens; merging injectors keeps the union.
   */
  @Test
  void reasoningFiguresCoverTheRequestsThatReasoned() {
    StepStats a = new StepStats(KEY);
    StepStats b = new StepStats(KEY);
    for (int i = 1; i <= 10; i++) {
      // First reasoning at 10 * i ms, first visible token 1,000 ms later; 212 tokens, 198 of them reasoning.
      (i % 2 == 0 ? a : b).add(record().reasoning(10.0 * i, 198).ttft(10.0 * i + 1_000).e2e(10.0 * i + 1_240.5)
          .tokens(20, 212).start(T0 + i).build());
    }
    a.add(record().reasoning(null, 64).ttft(3_000.0).e2e(3_500).tokens(20, 80).start(T0 + 11).build());
    a.add(record().ttft(100.0).e2e(1_000).tokens(20, 10).start(T0 + 12).build());
    a.merge(b);
    StepSummary s = a.summary();

    StepSummary.Reasoning r = s.reasoning();
    assertThat(r.any()).isTrue();
    assertThat(r.requests()).isEqualTo(11);
    assertThat(r.tokens()).isEqualTo(10 * 198 + 64);
    assertThat(r.meanTokens()).isCloseTo((10 * 198 + 64) / 11.0, within(1e-9));
    assertThat(r.firstReasoning().count()).as("only streamed reasoning is timed").isEqualTo(10);
    assertThat(r.firstReasoning().p50()).isCloseTo(50, withinPercentage(0.5));
    assertThat(r.duration().count()).isEqualTo(10);
    assertThat(r.duration().p95()).isCloseTo(1_000, withinPercentage(0.5));
    // 14 visible tokens in 240.5 ms after the first: 18.5 ms each.
    assertThat(s.tpot().p50()).isCloseTo(18.5, withinPercentage(0.5));
    assertThat(new StepStats(KEY).summary().reasoning().any()).isFalse();
  }

  @Test
  void countsRatesAndThroughputOverTheStepWindow() {
    StepStats stats = new StepStats(KEY);
    // 8 ok requests, one every second from T0, each 2 s long with 100 output tokens.
    for (int i = 0; i < 8; i++) {
      stats.add(record().start(T0 + i * 1_000_000L).e2e(2000).tokens(300, 100).cached(50).build());
    }
    stats.add(record().start(T0 + 500_000).e2e(5).status(Status.THROTTLED).build());
    stats.add(record().start(T0 + 600_000).e2e(30).status(Status.HTTP_ERROR).build());
    StepSummary s = stats.summary();

    assertThat(s.requests()).isEqualTo(10);
    assertThat(s.ok()).isEqualTo(8);
    assertThat(s.ko()).isEqualTo(2);
    assertThat(s.throttled()).isEqualTo(1);
    assertThat(s.statusCounts())
        .containsEntry(Status.OK, 8L)
        .containsEntry(Status.THROTTLED, 1L)
        .containsEntry(Status.HTTP_ERROR, 1L)
        .hasSize(3);
    assertThat(s.errorRate()).isEqualTo(0.2);
    assertThat(s.throttledRate()).isEqualTo(0.1);
    // Window: T0 to the last start (T0 + 7 s) plus 2 s = 9 s.
    assertThat(s.windowSeconds()).isEqualTo(9.0);
    assertThat(s.requestsPerSecond()).isCloseTo(10 / 9.0, within(1e-12));
    assertThat(s.okRequestsPerSecond()).isCloseTo(8 / 9.0, within(1e-12));
    assertThat(s.outputTokensPerSecond()).isCloseTo(800 / 9.0, within(1e-12));
    assertThat(s.totalTokensPerSecond()).isCloseTo(3200 / 9.0, within(1e-12));
    assertThat(s.promptTokens()).isEqualTo(2400);
    assertThat(s.cachedTokens()).isEqualTo(400);
    // The failed requests' latencies are not in the percentiles.
    assertThat(s.e2e().count()).isEqualTo(8);
    assertThat(s.e2e().p50()).isCloseTo(2000, withinPercentage(0.05));
  }

  @Test
  void mergingInjectorsGivesPercentilesOfTheUnionNotAnAverage() {
    StepStats a = new StepStats(KEY);
    StepStats b = new StepStats(KEY);
    for (int i = 0; i < 90; i++) {
      a.add(record().e2e(100).start(T0 + i).build());
    }
    for (int i = 0; i < 10; i++) {
      b.add(record().e2e(1000).start(T0 + 5_000_000 + i).injector("injector-2").build());
    }
    a.merge(b);
    StepSummary s = a.summary();

    assertThat(s.requests()).isEqualTo(100);
    // Union: 90 x 100 ms then 10 x 1000 ms -> p50 100, p95 1000; the mean of the two p50s would be 550.
    assertThat(s.e2e().p50()).isCloseTo(100, withinPercentage(0.05));
    assertThat(s.e2e().p95()).isCloseTo(1000, withinPercentage(0.05));
    assertThat(s.firstStartEpochMicros()).isEqualTo(T0);
    assertThat(s.lastEndEpochMicros()).isEqualTo(T0 + 5_000_000 + 9 + 1_000_000);
    assertThat(b.summary().requests()).as("the merged-in side is unchanged").isEqualTo(10);
  }

  @Test
  void concurrentAddsLoseNothing() throws Exception {
    StepStats stats = new StepStats(KEY);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 5_000; i++) {
                    stats.add(record().start(T0 + thread * 10_000L + i).tokens(10, 7).build());
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    StepSummary s = stats.summary();
    assertThat(s.requests()).isEqualTo(20_000);
    assertThat(s.e2e().count()).isEqualTo(20_000);
    assertThat(s.completionTokens()).isEqualTo(140_000);
  }

  @Test
  void anEmptyStepHasNoRatesAndNoPercentiles() {
    StepSummary s = new StepStats(KEY).summary();
    assertThat(s.requests()).isZero();
    assertThat(s.errorRate()).isZero();
    assertThat(s.requestsPerSecond()).isNull();
    assertThat(s.ttft().p95()).isNull();
  }

  @Test
  void aRecordOfAnotherStepIsRefused() {
    StepStats stats = new StepStats(KEY);
    assertThatThrownBy(() -> stats.add(record().step("50 users", 50).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("50 users");
  }
}
