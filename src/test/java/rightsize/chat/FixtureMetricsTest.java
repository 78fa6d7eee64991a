package rightsize.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rightsize.chat.StreamFixtures.Fixture;
import rightsize.metrics.RequestMetrics;
import rightsize.metrics.TokenCounter;
import rightsize.record.RequestRecord;
import rightsize.record.RequestRecord.TokenSource;

/**
 * The metrics of docs/metrics.md (ttft, e2e, itl, tokens, tpot, decode rate) computed from every
 * recorded stream, against what the recording itself says: its expected facts, the server's usage,
 * and which events carry content (read here with Jackson's tree model, independently of the
 * streaming interpreter).
 *
 * <p>Event k (0-based) of a recording arrives (k + 1)² ms after the write, so every gap differs and
 * the itl summary is not a set of equal numbers.
 */
class FixtureMetricsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WRITTEN = 7_000_000_000L;
  private static final long MS = 1_000_000L;

  /**
   * The tokenizer encoding of each recording's model (its source.txt): gpt-4o family o200k_base,
   * gpt-4 and gpt-3.5-turbo cl100k_base. Used only when the recording carries no usage.
   */
  private static final Map<String, String> ENCODING = Map.of(
      "azure-async-filter", "o200k_base",
      "azure-on-your-data", "cl100k_base",
      "deepseek-reasoner", "o200k_base",
      "azure-reasoning-tool-call", "o200k_base",
      "azure-tool-calls", "cl100k_base",
      "azure-usage-final-chunk", "o200k_base",
      "openai-2023-pirate", "cl100k_base",
      "usage-final-chunk", "o200k_base");

  static List<Fixture> fixtures() {
    return StreamFixtures.all();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyMetricAgreesWithTheRecording(Fixture f) {
    List<String> events = events(f);
    JsonNode expected = f.expected();
    assertThat(events).hasSize(expected.get("events").asInt());
    List<Integer> bearing = contentBearingEvents(events);
    assertThat(bearing).as("first content-bearing event").first().isEqualTo(expected.get("first_token_event").asInt());

    ChatOutcome o = read(events);
    RequestMetrics m = OutcomeMetrics.of(WRITTEN, o.endNanos(), o, null, TokenCounter.forEncoding(ENCODING.get(f.name())));

    assertThat(o.malformed()).isNull();
    assertThat(m.ttftMs()).as("ttft: arrival of the first content-bearing event").isEqualTo(arrivalMs(bearing.get(0)));
    assertThat(m.e2eMs()).as("e2e: arrival of [DONE], the last event").isEqualTo(arrivalMs(events.size() - 1));
    assertThat(m.itl()).as("itl over the content-bearing events").isEqualTo(expectedItl(bearing));

    JsonNode usage = expected.get("usage");
    TokenCounter counter = TokenCounter.forEncoding(ENCODING.get(f.name()));
    String arguments = callArguments(events);
    if (!usage.isNull()) {
      assertThat(m.tokens()).as("the server's usage").isEqualTo(new RequestRecord.Tokens(
          reported(usage.path("prompt_tokens")), reported(usage.path("completion_tokens")),
          reported(usage.path("prompt_tokens_details").path("cached_tokens")),
          reported(usage.path("completion_tokens_details").path("reasoning_tokens")), TokenSource.usage));
    } else if (expected.get("text").asText().isEmpty() && arguments.isEmpty()) {
      assertThat(m.tokens().source()).as("no usage, no content text, no call arguments: nothing to count")
          .isEqualTo(TokenSource.none);
    } else {
      assertThat(m.tokens().source()).isEqualTo(TokenSource.tokenizer);
      String text = expected.get("text").asText();
      assertThat(m.tokens().completion()).as("the answer's text and its call arguments")
          .isEqualTo((text.isEmpty() ? 0 : counter.count(text)) + (arguments.isEmpty() ? 0 : counter.count(arguments)));
    }

    // tpot is over the visible tokens: completion less the server's reasoning tokens.
    Integer completion = m.tokens().completion();
    JsonNode reasoning = usage.path("completion_tokens_details").path("reasoning_tokens");
    Integer visible = completion == null ? null : completion - (reasoning.isInt() ? reasoning.asInt() : 0);
    if (visible == null || visible < 2) {
      assertThat(m.tpotMs()).isNull();
      assertThat(m.decodeTokensPerSecond()).isNull();
    } else {
      double decodeMs = arrivalMs(events.size() - 1) - arrivalMs(bearing.get(0));
      assertThat(m.tpotMs()).isCloseTo(decodeMs / (visible - 1), within(1e-9));
      assertThat(m.decodeTokensPerSecond()).isCloseTo((visible - 1) / (decodeMs / 1000), within(1e-9));
    }
  }

  /**
   * The DeepSeek reasoner stream: its reasoning starts with event 1 (event 0 carries an empty
   * reasoning_content), its answer with event 6; tpot is over the 169 - 117 = 52 visible tokens.
   */
  @Test
  void theDeepSeekReasonerStreamByHand() {
    Fixture deepseek = fixtures().stream().filter(f -> f.name().equals("deepseek-reasoner")).findFirst().orElseThrow();
    List<String> events = events(deepseek);
    ChatOutcome o = read(events);
    RequestMetrics m = OutcomeMetrics.of(WRITTEN, o.endNanos(), o, null, TokenCounter.forEncoding("o200k_base"));

    assertThat(m.firstReasoningMs()).isEqualTo(4.0); // event 1 at 2² ms
    assertThat(m.ttftMs()).isEqualTo(49.0); // event 6 at 7² ms
    assertThat(m.reasoningDurationMs()).isEqualTo(45.0);
    assertThat(m.e2eMs()).isEqualTo(324.0); // [DONE], event 17 at 18² ms
    assertThat(o.reasoning()).startsWith("Hmm, the user just said \"Hello!\"").endsWith("welcoming reply.");
    assertThat(m.tokens().visibleTokens()).isEqualTo(52);
    assertThat(m.tpotMs()).isCloseTo((324.0 - 49.0) / 51, within(1e-9));
  }

  /** The pirate stream, worked out by hand, as a check on the general expectations above. */
  @Test
  void thePirateStreamByHand() {
    Fixture pirate = fixtures().stream().filter(f -> f.name().equals("openai-2023-pirate")).findFirst().orElseThrow();
    List<String> events = events(pirate);
    ChatOutcome o = read(events);
    RequestMetrics m = OutcomeMetrics.of(WRITTEN, o.endNanos(), o, null, TokenCounter.forEncoding("cl100k_base"));

    // 258 events: role-only (0), 255 one-token contents (1..255), finish (256), [DONE] (257).
    assertThat(m.ttftMs()).isEqualTo(4.0); // event 1 at 2² ms
    assertThat(m.e2eMs()).isEqualTo(66_564.0); // event 257 at 258² ms
    // Gaps between events k-1 and k are 2k + 1 ms, for k = 2..255: 5, 7, ..., 511 ms; mean
    // (256² - 2²) / 254 = 258 ms; nearest-rank median the 127th smallest, 2 × 128 + 1 = 257 ms.
    assertThat(m.itl()).isEqualTo(new RequestRecord.Itl(254, 258.0, 257.0, 511.0));
    // The recording has one token per content chunk (gpt-3.5-turbo, cl100k_base): 255 tokens.
    assertThat(m.tokens()).isEqualTo(new RequestRecord.Tokens(null, 255, null, null, TokenSource.tokenizer));
    assertThat(m.tpotMs()).isCloseTo((66_564.0 - 4.0) / 254, within(1e-9));
  }

  /**
   * Without its usage event, the gpt-4o stream's answer is counted locally: o200k_base finds the 30
   * completion tokens the server reported, so the tokenizer path agrees with the server's own count.
   */
  @Test
  void theTokenizerCountsWhatTheServerReported() {
    Fixture f = fixtures().stream().filter(x -> x.name().equals("usage-final-chunk")).findFirst().orElseThrow();
    int serverCount = f.expected().get("usage").get("completion_tokens").asInt();
    List<String> withoutUsage = events(f).stream().filter(e -> !e.contains("\"usage\"")).toList();
    assertThat(withoutUsage).hasSize(events(f).size() - 1);

    ChatOutcome o = read(withoutUsage);
    RequestMetrics m = OutcomeMetrics.of(WRITTEN, o.endNanos(), o, null, TokenCounter.forEncoding("o200k_base"));

    assertThat(serverCount).isEqualTo(30);
    assertThat(m.tokens()).isEqualTo(new RequestRecord.Tokens(null, serverCount, null, null, TokenSource.tokenizer));
  }

  /** A usage count, or null when the server did not report it. */
  private static Integer reported(JsonNode count) {
    return count.isInt() ? count.asInt() : null;
  }

  /** The recording's events, each with its terminating blank line when it has one. */
  private static List<String> events(Fixture f) {
    String body = new String(f.body(), StandardCharsets.UTF_8);
    List<String> events = new ArrayList<>();
    int from = 0;
    while (from < body.length()) {
      int blank = body.indexOf("\n\n", from);
      int next = blank < 0 ? body.length() : blank + 2;
      String event = body.substring(from, next);
      if (!event.isBlank()) {
        events.add(event);
      }
      from = next;
    }
    return events;
  }

  /** Reads the events, event k in its own network read at (k + 1)² ms; the body ends with the last one. */
  private static ChatOutcome read(List<String> events) {
    ChatResponseReader reader = new ChatResponseReader(true);
    for (int k = 0; k < events.size(); k++) {
      reader.onBytes(ByteBuffer.wrap(events.get(k).getBytes(StandardCharsets.UTF_8)), WRITTEN + (long) (arrivalMs(k) * MS));
    }
    reader.onEnd(WRITTEN + (long) (arrivalMs(events.size() - 1) * MS));
    return reader.outcome();
  }

  private static double arrivalMs(int event) {
    return (event + 1.0) * (event + 1.0);
  }

  /**
   * Indices of the events whose choice 0 delta has non-empty string content, a tool-call fragment
   * or a function-call fragment (docs/metrics.md, "content-bearing event").
   */
  private static List<Integer> contentBearingEvents(List<String> events) {
    List<Integer> bearing = new ArrayList<>();
    for (int k = 0; k < events.size(); k++) {
      StringBuilder data = new StringBuilder();
      for (String line : events.get(k).split("\n")) {
        if (line.startsWith("data:")) {
          data.append(data.length() > 0 ? "\n" : "").append(line.substring(line.startsWith("data: ") ? 6 : 5));
        }
      }
      if (data.toString().strip().equals("[DONE]")) {
        continue;
      }
      JsonNode choices;
      try {
        choices = JSON.readTree(data.toString()).path("choices");
      } catch (Exception e) {
        throw new AssertionError("event " + k + " is not JSON: " + data, e);
      }
      for (int position = 0; position < choices.size(); position++) {
        JsonNode choice = choices.get(position);
        if (choice.path("index").asInt(position) != 0) {
          continue;
        }
        JsonNode delta = choice.path("delta");
        boolean content = delta.path("content").isTextual() && !delta.path("content").asText().isEmpty();
        boolean toolCall = delta.path("tool_calls").isArray() && !delta.path("tool_calls").isEmpty();
        boolean functionCall = delta.path("function_call").isObject();
        // "On Your Data": the answer is message 1's content (message 0 is the tool's citations, 2 the end).
        for (JsonNode message : choice.path("messages")) {
          String text = message.path("delta").path("content").asText("");
          content |= message.path("index").asInt() == 1 && !text.isEmpty();
        }
        if (content || toolCall || functionCall) {
          bearing.add(k);
        }
      }
    }
    return bearing;
  }

  /** Choice 0's tool-call and function-call arguments over every event, read with the tree model. */
  private static String callArguments(List<String> events) {
    StringBuilder arguments = new StringBuilder();
    for (String event : events) {
      String data = event.strip().replaceFirst("^data: ?", "");
      if (data.equals("[DONE]")) {
        continue;
      }
      JsonNode delta;
      try {
        delta = JSON.readTree(data).path("choices").path(0).path("delta");
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + data, e);
      }
      delta.path("tool_calls").forEach(call -> arguments.append(call.path("function").path("arguments").asText("")));
      arguments.append(delta.path("function_call").path("arguments").asText(""));
    }
    return arguments.toString();
  }

  /** Count, mean, nearest-rank median and max of the gaps between the given events' arrivals. */
  private static RequestRecord.Itl expectedItl(List<Integer> bearing) {
    int count = bearing.size() - 1;
    if (count < 1) {
      return null;
    }
    double[] gaps = new double[count];
    for (int i = 0; i < count; i++) {
      gaps[i] = arrivalMs(bearing.get(i + 1)) - arrivalMs(bearing.get(i));
    }
    Arrays.sort(gaps);
    double mean = (arrivalMs(bearing.get(count)) - arrivalMs(bearing.get(0))) / count;
    // Nearest rank: the ceil(count / 2)-th smallest gap.
    return new RequestRecord.Itl(count, mean, gaps[(int) Math.ceil(count / 2.0) - 1], gaps[count - 1]);
  }
}
