package rightsize.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import rightsize.metrics.RequestMetrics;
import rightsize.metrics.TokenCounter;
import rightsize.record.LoadUnit;
import rightsize.record.RequestRecord;
import rightsize.record.RequestRecord.TokenSource;
import rightsize.record.Status;

/**
 * The metrics of live responses on hand-computed cases (the worked example of docs/metrics.md
 * included), and the same metrics from their records read back.
 */
class OutcomeMetricsTest {

  private static final long WRITTEN = 5_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final TokenCounter O200K = TokenCounter.forEncoding("o200k_base");

  private static ChatOutcome outcome(List<Long> arrivalsMsAfterWrite, String text, ChatOutcome.Usage usage) {
    List<Long> arrivals = arrivalsMsAfterWrite.stream().map(ms -> WRITTEN + ms * MS).toList();
    return new ChatOutcome(arrivals, -1, true, text, "stop", usage, false, null, arrivals.size() + 1, true);
  }

  @Test
  void streamedResponseWithServerUsage() {
    ChatOutcome o = outcome(List.of(100L, 150L, 170L, 270L), "ignored when usage is sent",
        new ChatOutcome.Usage(40, 11, 32, 3));

    RequestMetrics m = OutcomeMetrics.of(WRITTEN, WRITTEN + 300 * MS, o, "the prompt", O200K);

    assertThat(m.ttftMs()).isEqualTo(100.0);
    assertThat(m.e2eMs()).isEqualTo(300.0);
    // Gaps 50, 20, 100: mean 170/3, median by nearest rank of {20, 50, 100} = 50.
    assertThat(m.itl().count()).isEqualTo(3);
    assertThat(m.itl().meanMs()).isCloseTo(56.6667, within(1e-4));
    assertThat(m.itl().p50Ms()).isEqualTo(50.0);
    assertThat(m.itl().maxMs()).isEqualTo(100.0);
    assertThat(m.tokens()).isEqualTo(new RequestRecord.Tokens(40, 11, 32, 3, TokenSource.usage));
    // (300 - 100) / (11 - 1) = 20 ms per token; 10 tokens in 0.2 s = 50 tokens/s.
    assertThat(m.tpotMs()).isEqualTo(20.0);
    assertThat(m.decodeTokensPerSecond()).isEqualTo(50.0);
  }

  @Test
  void medianOfAnEvenNumberOfGapsIsTheLowerMiddleGap() {
    ChatOutcome o = outcome(List.of(0L, 10L, 30L, 60L, 100L), "x", new ChatOutcome.Usage(1, 5, null, null));
    RequestMetrics m = OutcomeMetrics.of(WRITTEN, WRITTEN + 100 * MS, o, null, null);
    assertThat(m.itl()).isEqualTo(new RequestRecord.Itl(4, 25.0, 20.0, 40.0));
  }

  @Test
  void timesKeepSubMillisecondPrecision() {
    ChatOutcome o = new ChatOutcome(List.of(WRITTEN + 1_234_567, WRITTEN + 1_734_567), -1, true, "ab", "stop",
        null, false, null, 3, true);
    RequestMetrics m = OutcomeMetrics.of(WRITTEN, WRITTEN + 2_000_001, o, null, null);
    assertThat(m.ttftMs()).isEqualTo(1.234567);
    assertThat(m.e2eMs()).isEqualTo(2.000001);
    assertThat(m.itl()).isEqualTo(new RequestRecord.Itl(1, 0.5, 0.5, 0.5));
  }

  @Test
  void withoutUsageTheTokenizerCountsPromptAndAnswer() {
    ChatOutcome o = outcome(List.of(100L, 400L), "Hello world", null);

    RequestMetrics m = OutcomeMetrics.of(WRITTEN, WRITTEN + 400 * MS, o, "Say hello to the world.", O200K);

    // o200k_base: "Hello world" = [13225, 2375], "Say hello to the world." = 6 tokens.
    assertThat(m.tokens()).isEqualTo(new RequestRecord.Tokens(6, 2, null, null, TokenSource.tokenizer));
    assertThat(m.tpotMs()).isEqualTo(300.0);
    assertThat(m.decodeTokensPerSecond()).isCloseTo(3.3333, within(1e-4));
  }

  @Test
  void withoutUsageOrContentThereAreNoTokens() {
    ChatOutcome nothing = new ChatOutcome(List.of(), -1, false, "", null, null, false, null, 0, true);
    // A request that timed out: e2e runs to the failure the caller reports.
    RequestMetrics m = OutcomeMetrics.of(WRITTEN, WRITTEN + 30_000 * MS, nothing, "a prompt", O200K);
    assertThat(m.ttftMs()).isNull();
    assertThat(m.e2eMs()).isEqualTo(30_000.0);
    assertThat(m.itl()).isNull();
    assertThat(m.tokens()).isEqualTo(new RequestRecord.Tokens(null, null, null, null, TokenSource.none));
    assertThat(m.tpotMs()).isNull();
    assertThat(m.decodeTokensPerSecond()).isNull();

    ChatOutcome text = outcome(List.of(10L), "Hello world", null);
    assertThat(OutcomeMetrics.of(WRITTEN, WRITTEN + 20 * MS, text, "p", null).tokens().source())
        .as("no counter, no local count").isEqualTo(TokenSource.none);
  }

  @Test
  void fewerThanTwoTokensOrNoDecodeTimeLeaveTpotUndefined() {
    ChatOutcome oneToken = outcome(List.of(100L), "Hi", new ChatOutcome.Usage(5, 1, null, null));
    RequestMetrics single = OutcomeMetrics.of(WRITTEN, WRITTEN + 150 * MS, oneToken, null, O200K);
    assertThat(single.tpotMs()).isNull();
    assertThat(single.decodeTokensPerSecond()).isNull();
    assertThat(single.itl()).isNull();

    // Non-streaming: content arrives with the end, so ttft = e2e and no decode time is observable.
    ChatOutcome whole = outcome(List.of(800L), "Hello world", new ChatOutcome.Usage(5, 40, null, null));
    RequestMetrics nonStreaming = OutcomeMetrics.of(WRITTEN, WRITTEN + 800 * MS, whole, null, O200K);
    assertThat(nonStreaming.ttftMs()).isEqualTo(nonStreaming.e2eMs());
    assertThat(nonStreaming.tpotMs()).isNull();
    assertThat(nonStreaming.decodeTokensPerSecond()).isNull();
  }

  @Test
  void recordsReadBackGiveTheSameMetrics() {
    ChatOutcome o = outcome(List.of(100L, 150L, 170L, 270L), "x", new ChatOutcome.Usage(40, 11, 32, 3));
    RequestMetrics m = OutcomeMetrics.of(WRITTEN, WRITTEN + 300 * MS, o, null, null);
    RequestRecord record = new RequestRecord("run", "inj", "scenario", "dep", "target", "F2s_v2", "1", 1.0,
        LoadUnit.USERS, false, "chat", "req-1", 0L, m.ttftMs(), m.e2eMs(), m.itl(), m.tokens(), "stop", Status.OK,
        200, null, null, null, null);
    assertThat(RequestMetrics.of(record)).isEqualTo(m);
    assertThat(RequestMetrics.of(record).tpotMs()).isEqualTo(20.0);

    RequestRecord oneToken = new RequestRecord("run", "inj", "scenario", "dep", "target", "F2s_v2", "1", 1.0,
        LoadUnit.USERS, false, "chat", "req-2", 0L, 100.0, 300.0, null,
        new RequestRecord.Tokens(1, 1, null, null, TokenSource.usage), "stop", Status.OK, 200, null, null, null, null);
    assertThat(RequestMetrics.of(oneToken).tpotMs()).isNull();

    RequestRecord noTokens = new RequestRecord("run", "inj", "scenario", "dep", "target", "F2s_v2", "1", 1.0,
        LoadUnit.USERS, false, "chat", "req-3", 0L, null, 300.0, null, null, null, Status.CONNECTION_LOST, null,
        null, null, null, null);
    assertThat(RequestMetrics.of(noTokens).tpotMs()).isNull();
  }
}
