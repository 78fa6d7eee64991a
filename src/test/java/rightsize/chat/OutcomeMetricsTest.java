package rightsize.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
    return new ChatOutcome(arrivals, -1, true, text, "stop", usage, false, null, arrivals.size() + 1);
  }

  @Test
  void streamedResponseWithServerUsage() {
    ChatOutcome o = outcome(List.of(100L, 150L, 170L, 270L), "ignored when usage is sent",
        new ChatOutcome.Usage(40, 11, 32, 0));

    RequestMetrics m = OutcomeMetrics.of(WRITTEN, WRITTEN + 300 * MS, o, "the prompt", O200K);

    assertThat(m.ttftMs()).isEqualTo(100.0);
    assertThat(m.e2eMs()).isEqualTo(300.0);
    // Gaps 50, 20, 100: mean 170/3, median by nearest rank of {20, 50, 100} = 50.
    assertThat(m.itl().count()).isEqualTo(3);
    assertThat(m.itl().meanMs()).isCloseTo(56.6667, within(1e-4));
    assertThat(m.itl().p50Ms()).isEqualTo(50.0);
    assertThat(m.itl().maxMs()).isEqualTo(100.0);
    assertThat(m.tokens()).isEqualTo(new RequestRecord.Tokens(40, 11, 32, 0, TokenSource.usage));
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
        null, false, null, 3);
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
    ChatOutcome nothing = new ChatOutcome(List.of(), -1, false, "", null, null, false, null, 0);
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
    ChatOutcome o = outcome(List.of(100L, 150L, 170L, 270L), "x", new ChatOutcome.Usage(40, 11, 32, 0));
    RequestMetrics m = OutcomeMetrics.of(WRITTEN, WRITTEN + 300 * MS, o, null, null);
    RequestRecord record = new RequestRecord("run", "inj", "scenario", "dep", "target", "F2s_v2", "1", 1.0,
        LoadUnit.USERS, false, "chat", "req-1", 0L, m.ttftMs(), m.e2eMs(), m.itl(), m.tokens(), "stop", Status.OK,
        200, null, null, null);
    assertThat(RequestMetrics.of(record)).isEqualTo(m);
    assertThat(RequestMetrics.of(record).tpotMs()).isEqualTo(20.0);

    RequestRecord oneToken = new RequestRecord("run", "inj", "scenario", "dep", "target", "F2s_v2", "1", 1.0,
        LoadUnit.USERS, false, "chat", "req-2", 0L, 100.0, 300.0, null,
        new RequestRecord.Tokens(1, 1, null, null, TokenSource.usage), "stop", Status.OK, 200, null, null, null);
    assertThat(RequestMetrics.of(oneToken).tpotMs()).isNull();

    RequestRecord noTokens = new RequestRecord("run", "inj", "scenario", "dep", "target", "F2s_v2", "1", 1.0,
        LoadUnit.USERS, false, "chat", "req-3", 0L, null, 300.0, null, null, null, Status.CONNECTION_LOST, null,
        null, null, null);
    assertThat(RequestMetrics.of(noTokens).tpotMs()).isNull();
  }

  /**
   * The DeepSeek reasoner stream of issue 13: 198 reasoning tokens, then 14 visible ones. The
   * reasoning ran from 300 ms to the first visible token at 4,300 ms; the visible tokens took
   * 240.5 ms after it. Over the visible tokens tpot is 240.5 / 13 = 18.5 ms (54 tokens/s); dividing
   * by all 212 completion tokens would give 1.14 ms and 877 tokens/s.
   */
  @Test
  void reasoningTokensAreLeftOutOfTpotAndTheReasoningPhaseIsMeasured() {
    ChatOutcome o = new ChatOutcome(List.of(WRITTEN + 4_300 * MS, WRITTEN + 4_400 * MS), -1, true,
        "The answer is 42.", "stop", new ChatOutcome.Usage(20, 212, null, 198), false, null, 60,
        WRITTEN + 300 * MS, "Let me think about it.", "", false, null, true);

    RequestMetrics m = OutcomeMetrics.of(WRITTEN, WRITTEN + 4_540_500_000L, o, null, O200K);

    assertThat(m.firstReasoningMs()).isEqualTo(300.0);
    assertThat(m.ttftMs()).as("ttft stays the first visible token").isEqualTo(4_300.0);
    assertThat(m.reasoningDurationMs()).isEqualTo(4_000.0);
    assertThat(m.tokens()).isEqualTo(new RequestRecord.Tokens(20, 212, null, 198, TokenSource.usage));
    assertThat(m.tokens().visibleTokens()).isEqualTo(14);
    assertThat(m.tpotMs()).isCloseTo(18.5, within(1e-9));
    assertThat(m.decodeTokensPerSecond()).isCloseTo(13 / 0.2405, within(1e-9)).isCloseTo(54.05, within(0.01));
    assertThat((m.e2eMs() - m.ttftMs()) / (212 - 1)).as("what tpot was before").isCloseTo(1.14, within(0.001));

    // The record keeps the first reasoning instant; read back, every figure is the same.
    RequestRecord r = new RequestRecord("run", "inj", "scenario", "dep", "target", null, "1 user", 1.0, LoadUnit.USERS,
        false, "chat", "req", 0L, m.firstReasoningMs(), m.ttftMs(), m.e2eMs(), m.itl(), m.tokens(), "stop", Status.OK,
        200, null, null, null, null);
    assertThat(RequestMetrics.of(r)).isEqualTo(m);
    assertThat(RequestMetrics.of(r).tpotMs()).isCloseTo(18.5, within(1e-9));
  }

  /**
   * Without {@code reasoning_tokens} (vLLM's reasoning parsers send none) the usage cannot tell
   * visible from reasoning tokens: the tokenizer counts both from the streamed text, and the record
   * says so.
   */
  @Test
  void withoutReasoningTokensTheTokenizerCountsReasoningAndVisibleText() {
    String reasoning = "The user greets me. I should greet back.";
    String answer = "Hello! How can I help you today?";
    ChatOutcome o = new ChatOutcome(List.of(WRITTEN + 900 * MS, WRITTEN + 1_000 * MS), -1, true, answer, "stop",
        new ChatOutcome.Usage(12, 30, null, null), false, null, 20, WRITTEN + 100 * MS, reasoning, "", false, null, true);

    RequestMetrics m = OutcomeMetrics.of(WRITTEN, WRITTEN + 1_900 * MS, o, null, O200K);

    int visible = O200K.count(answer);
    assertThat(m.tokens()).isEqualTo(new RequestRecord.Tokens(12, 30, null, O200K.count(reasoning), TokenSource.usage,
        TokenSource.tokenizer, visible, TokenSource.tokenizer));
    assertThat(m.tpotMs()).isCloseTo(1_000.0 / (visible - 1), within(1e-9));

    // No usage at all: completion is reasoning plus visible, all counted.
    ChatOutcome noUsage = new ChatOutcome(o.contentArrivalNanos(), -1, true, answer, "stop", null, false, null, 20,
        WRITTEN + 100 * MS, reasoning, "", false, null, true);
    RequestMetrics counted = OutcomeMetrics.of(WRITTEN, WRITTEN + 1_900 * MS, noUsage, null, O200K);
    assertThat(counted.tokens()).isEqualTo(new RequestRecord.Tokens(null, visible + O200K.count(reasoning), null,
        O200K.count(reasoning), TokenSource.tokenizer, TokenSource.tokenizer, visible, TokenSource.tokenizer));
    assertThat(counted.tpotMs()).isEqualTo(m.tpotMs());
  }

  /**
   * With n > 1 the usage sums every choice while the timing window is choice 0's: tpot divides by
   * choice 0's own visible tokens, counted by the tokenizer.
   */
  @Test
  void withSeveralChoicesTpotUsesChoiceZerosShare() {
    String answer = "One two three four five six seven eight nine ten eleven";
    ChatOutcome o = new ChatOutcome(List.of(WRITTEN + 100 * MS, WRITTEN + 200 * MS), -1, true, answer, "stop",
        new ChatOutcome.Usage(10, 33, null, null), false, null, 40, -1, "", "", true, null, true);

    RequestMetrics m = OutcomeMetrics.of(WRITTEN, WRITTEN + 1_000 * MS, o, null, O200K);

    assertThat(O200K.count(answer)).isEqualTo(11);
    assertThat(m.tokens()).isEqualTo(new RequestRecord.Tokens(10, 33, null, null, TokenSource.usage, null, 11,
        TokenSource.tokenizer));
    assertThat(m.tpotMs()).as("(1000 - 100) / (11 - 1), not / (33 - 1)").isEqualTo(90.0);
  }

  /**
   * A legacy {@code function_call} answer without usage: its arguments are counted like tool-call
   * arguments, so its tokens are the tokenizer's count, not {@code none}.
   */
  @Test
  void legacyFunctionCallArgumentsAreCountedByTheTokenizer() {
    ChatResponseReader reader = new ChatResponseReader(true);
    String body = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":null,\"function_call\":"
        + "{\"name\":\"get_weather\",\"arguments\":\"\"}},\"index\":0}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"function_call\":{\"arguments\":\"{\\\"city\\\": \"}},\"index\":0}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"function_call\":{\"arguments\":\"\\\"Paris\\\"}\"}},\"index\":0}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"function_call\",\"index\":0}]}\n\n"
        + "data: [DONE]\n\n";
    reader.onBytes(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), WRITTEN + 50 * MS);
    reader.onEnd(WRITTEN + 60 * MS);
    ChatOutcome o = reader.outcome();
    assertThat(o.text()).isEmpty();
    assertThat(o.callArguments()).isEqualTo("{\"city\": \"Paris\"}");

    RequestMetrics m = OutcomeMetrics.of(WRITTEN, o.endNanos(), o, null, O200K);

    assertThat(m.tokens().source()).isEqualTo(TokenSource.tokenizer);
    assertThat(m.tokens().completion()).isEqualTo(O200K.count("{\"city\": \"Paris\"}")).isEqualTo(6);
  }
}
