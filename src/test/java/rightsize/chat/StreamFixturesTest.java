package rightsize.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rightsize.chat.StreamFixtures.Fixture;

/** Every recorded stream, read whole, split at every byte, byte by byte and with other line ends. */
class StreamFixturesTest {

  private static final int LONG_BODY = 4096;
  private static final int LONG_BODY_STRIDE = 1024;
  private static final long END_TIME = 1_000_000;

  static List<Fixture> fixtures() {
    return StreamFixtures.all();
  }

  /**
   * The facts of NAME.expected.json, in the same shape for expected and actual. The reasoning facts
   * are optional in the files (README.local.md): null when the file has none, and then not compared.
   */
  record Facts(
      int events, boolean done, int contentChunks, int roleOnlyChunks, int emptyChoicesEvents,
      String text, String finishReason, ChatOutcome.Usage usage, int toolCallChunks, int firstTokenEvent,
      Integer reasoningChunks, Integer firstReasoningEvent) {

    static Facts expected(JsonNode e) {
      JsonNode u = e.get("usage");
      ChatOutcome.Usage usage = u.isNull() ? null : new ChatOutcome.Usage(
          intOrNull(u.get("prompt_tokens")), intOrNull(u.get("completion_tokens")),
          intOrNull(u.path("prompt_tokens_details").get("cached_tokens")),
          intOrNull(u.path("completion_tokens_details").get("reasoning_tokens")));
      return new Facts(e.get("events").asInt(), e.get("done").asBoolean(), e.get("content_chunks").asInt(),
          e.get("role_only_chunks").asInt(), e.get("empty_choices_events").asInt(), e.get("text").asText(),
          e.get("finish_reason").isNull() ? null : e.get("finish_reason").asText(), usage,
          e.get("tool_call_chunks").asInt(), e.get("first_token_event").asInt(),
          intOrNull(e.get("reasoning_chunks")), intOrNull(e.get("first_reasoning_event")));
    }

    /** What the reader found, with the reasoning facts only where {@code expected} has them. */
    static Facts actual(ChatResponseReader reader, Facts expected) {
      ChatOutcome o = reader.outcome();
      ChunkInterpreter i = reader.chunks();
      return new Facts(o.events(), o.done(), i.contentChunks(), i.roleOnlyChunks(), i.emptyChoicesEvents(),
          o.text(), o.finishReason(), o.usage(), i.toolCallChunks(), i.firstContentEvent(),
          expected.reasoningChunks() == null ? null : i.reasoningChunks(),
          expected.firstReasoningEvent() == null ? null : i.firstReasoningEvent());
    }

    private static Integer intOrNull(JsonNode n) {
      return n == null || n.isNull() ? null : n.asInt();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readWholeFindsTheExpectedFacts(Fixture f) {
    ChatResponseReader reader = new ChatResponseReader(true);
    reader.onBytes(ByteBuffer.wrap(f.body()), 10);
    reader.onEnd(20);
    boolean endsWithBlankLine = new String(f.body(), StandardCharsets.UTF_8).endsWith("\n\n");

    Facts expected = Facts.expected(f.expected());
    assertThat(Facts.actual(reader, expected)).isEqualTo(expected);
    ChatOutcome o = reader.outcome();
    assertThat(o.malformed()).isNull();
    assertThat(o.contentFiltered()).isFalse();
    // Every content-bearing event is timed; the first one is the expected first-token event.
    assertThat(o.contentArrivalNanos()).hasSizeGreaterThanOrEqualTo(Math.max(expected.contentChunks(), expected.toolCallChunks()))
        .containsOnly(10L);
    // [DONE] arrives with the read when its blank line does; otherwise the body's end completes it.
    assertThat(o.endNanos()).isEqualTo(endsWithBlankLine ? 10 : 20);
  }

  /**
   * Feeding byte by byte with the byte's index as its arrival time tells, for each event, which
   * byte completed it; every other way of splitting the body must agree with that.
   */
  @ParameterizedTest
  @MethodSource("fixtures")
  void byteByByteGivesTheSameFactsAndTimesEachEventAtItsLastByte(Fixture f) {
    byte[] body = f.body();
    ChatResponseReader reader = readByteByByte(body);

    Facts expected = Facts.expected(f.expected());
    assertThat(Facts.actual(reader, expected)).isEqualTo(expected);
    long[] completedAt = times(reader.outcome());
    for (long at : completedAt) {
      // Completed by a line end (LF here), or by the end of the body.
      assertThat(at == body.length || body[(int) at] == '\n').as("event completed at byte %d", at).isTrue();
    }
    assertThat(completedAt).isSorted();
  }

  /**
   * Every byte position becomes a read boundary: run k reads k bytes, then the rest in reads of
   * {@code stride} bytes, for k = 0..stride-1. Bodies under {@link #LONG_BODY} bytes get a stride
   * longer than themselves, so they are split in two at every byte; longer ones (8 and 54 kB) still
   * get every position as a boundary, in {@link #LONG_BODY_STRIDE} runs rather than one run per byte,
   * which keeps this test fast.
   */
  @ParameterizedTest
  @MethodSource("fixtures")
  void splitAtEveryByteGivesTheSameFactsAndTimes(Fixture f) {
    byte[] body = f.body();
    Facts expected = Facts.expected(f.expected());
    ChatResponseReader byteByByte = readByteByByte(body);
    long[] completedAt = times(byteByByte.outcome());
    long endAt = byteByByte.outcome().endNanos();
    int stride = body.length < LONG_BODY ? body.length + 1 : LONG_BODY_STRIDE;

    for (int first = 0; first < stride; first++) {
      ChatResponseReader reader = new ChatResponseReader(true);
      // The r-th read (from 0) arrives at time r + 1; the end of the body at END_TIME.
      reader.onBytes(ByteBuffer.wrap(body, 0, first), 1);
      for (int from = first, read = 2; from < body.length; from += stride, read++) {
        reader.onBytes(ByteBuffer.wrap(body, from, Math.min(stride, body.length - from)), read);
      }
      reader.onEnd(END_TIME);

      Facts actual = Facts.actual(reader, expected);
      if (!actual.equals(expected)) {
        assertThat(actual).as("first read of %d bytes", first).isEqualTo(expected);
      }
      long[] expectedTimes = new long[completedAt.length];
      for (int k = 0; k < completedAt.length; k++) {
        expectedTimes[k] = readTime(completedAt[k], first, stride, body.length);
      }
      long[] actualTimes = times(reader.outcome());
      long expectedEnd = readTime(endAt, first, stride, body.length);
      if (!Arrays.equals(actualTimes, expectedTimes) || reader.outcome().endNanos() != expectedEnd) {
        assertThat(actualTimes).as("content arrival times, first read of %d bytes", first).containsExactly(expectedTimes);
        assertThat(reader.outcome().endNanos()).as("end, first read of %d bytes", first).isEqualTo(expectedEnd);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void crlfAndCrLineEndsGiveTheSameFacts(Fixture f) {
    String lf = new String(f.body(), StandardCharsets.UTF_8);
    Facts expected = Facts.expected(f.expected());
    for (String lineEnd : List.of("\r\n", "\r")) {
      byte[] body = lf.replace("\n", lineEnd).getBytes(StandardCharsets.UTF_8);
      ChatResponseReader whole = new ChatResponseReader(true);
      whole.onBytes(ByteBuffer.wrap(body), 1);
      whole.onEnd(2);
      assertThat(Facts.actual(whole, expected)).as("line end %s", lineEnd.replace("\r", "CR").replace("\n", "LF"))
          .isEqualTo(expected);
      // Byte by byte puts every CR at the end of one read and its LF at the start of the next.
      assertThat(Facts.actual(readByteByByte(body), expected)).isEqualTo(expected);
    }
  }

  /**
   * Without its last event (the {@code [DONE]}, or the "On Your Data" {@code [DONE]} message) and
   * its blank line, a stream yields every other event and ends at the body's end.
   */
  @ParameterizedTest
  @MethodSource("fixtures")
  void missingDoneAndFinalBlankLineStillYieldEveryEvent(Fixture f) {
    String body = new String(f.body(), StandardCharsets.UTF_8);
    int lastEvent = body.stripTrailing().lastIndexOf("\n\n") + 2;
    byte[] withoutDone = body.substring(0, lastEvent).getBytes(StandardCharsets.UTF_8);
    Facts expected = Facts.expected(f.expected());

    ChatResponseReader reader = new ChatResponseReader(true);
    reader.onBytes(ByteBuffer.wrap(withoutDone), 1);
    reader.onEnd(2);

    assertThat(Facts.actual(reader, expected)).isEqualTo(new Facts(expected.events() - 1, false, expected.contentChunks(),
        expected.roleOnlyChunks(), expected.emptyChoicesEvents(), expected.text(), expected.finishReason(),
        expected.usage(), expected.toolCallChunks(), expected.firstTokenEvent(), expected.reasoningChunks(),
        expected.firstReasoningEvent()));
    assertThat(reader.done()).isFalse();
    assertThat(reader.outcome().endNanos()).as("without [DONE] the body's end ends the response").isEqualTo(2);
  }

  @Test
  void resourceCopiesMatchTheSharedFixturesWhenPresent() throws IOException {
    Path shared = StreamFixtures.sharedDirectory();
    assumeTrue(Files.isDirectory(shared), "no ../shared/fixtures/streams beside the project");
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(shared)) {
      files.forEach(p -> names.add(p.getFileName().toString()));
    }
    Path copy = StreamFixtures.directory();
    for (String name : names) {
      assertThat(copy.resolve(name)).as(name).exists().hasSameBinaryContentAs(shared.resolve(name));
    }
  }

  /** The arrival time of the read holding byte {@code completedAtByte} in a run whose first read has {@code first} bytes, the others {@code stride}. */
  private static long readTime(long completedAtByte, int first, int stride, int length) {
    if (completedAtByte == length) {
      return END_TIME; // completed by the end of the body
    }
    return completedAtByte < first ? 1 : 2 + (completedAtByte - first) / stride;
  }

  private static ChatResponseReader readByteByByte(byte[] body) {
    ChatResponseReader reader = new ChatResponseReader(true);
    for (int i = 0; i < body.length; i++) {
      reader.onBytes(ByteBuffer.wrap(body, i, 1), i);
    }
    reader.onEnd(body.length);
    return reader;
  }

  private static long[] times(ChatOutcome o) {
    return o.contentArrivalNanos().stream().mapToLong(Long::longValue).toArray();
  }
}
