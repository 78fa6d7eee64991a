package rightsize.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rightsize.config.WireFormatSettings;

/**
 * The documented prompt-flow stream (fixtures/app-endpoints, a copy of
 * ../shared/fixtures/app-endpoints) read in the promptflow wire format: the documented text, its
 * first content event, and a complete answer at the end of the body without [DONE], fed whole,
 * split in two at every byte, and byte by byte.
 */
class PromptFlowFixtureTest {
  private static final WireFormatSettings FLOW = new WireFormatSettings.PromptFlow("question", "chat_history", "answer", Map.of());
  private static final long END = 1_000_000;

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PromptFlowFixtureTest.class.getClassLoader().getResourceAsStream("fixtures/app-endpoints/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static JsonNode expected() throws IOException {
    return new ObjectMapper().readTree(resource("promptflow-chat.expected.json"));
  }

  /** The facts a reader found, in the shape of promptflow-chat.expected.json. */
  private static void assertFacts(ChatResponseReader reader, JsonNode e) {
    ChatOutcome o = reader.outcome();
    assertThat(o.malformed()).isNull();
    assertThat(o.text()).isEqualTo(e.get("text").asText());
    assertThat(o.events()).isEqualTo(e.get("events").asInt());
    assertThat(reader.interpreter().contentChunks()).isEqualTo(e.get("content_events").asInt());
    assertThat(reader.interpreter().firstContentEvent()).isEqualTo(e.get("first_token_event").asInt());
    assertThat(o.usage()).isNull();
    assertThat(e.get("usage").isNull()).isTrue();
    assertThat(o.done()).as("the end of the body completes a prompt-flow stream").isTrue();
    assertThat(o.streamed()).isTrue();
    assertThat(o.contentArrivalNanos()).hasSize(e.get("content_events").asInt());
  }

  @Test
  void wholeBodyIsReadToTheDocumentedTextAndEndsAtTheEndOfTheBody() throws IOException {
    ChatResponseReader reader = new ChatResponseReader(true, FLOW);
    reader.onBytes(ByteBuffer.wrap(resource("promptflow-chat.sse")), 10);
    assertThat(reader.done()).as("no [DONE]: only the end of the body ends it").isFalse();
    reader.onEnd(20);
    assertFacts(reader, expected());
    assertThat(reader.outcome().endNanos()).isEqualTo(20);
    assertThat(expected().get("done_marker").asBoolean()).isFalse();
  }

  @Test
  void splitAtEveryByteGivesTheSameFactsAndTimesTheFirstContentAtItsEvent() throws IOException {
    byte[] body = resource("promptflow-chat.sse");
    JsonNode e = expected();
    // Byte by byte, the arrival time of a byte is its index: the event completing at byte k arrives at k.
    ChatResponseReader byteByByte = new ChatResponseReader(true, FLOW);
    for (int i = 0; i < body.length; i++) {
      byteByByte.onBytes(ByteBuffer.wrap(body, i, 1), i);
    }
    byteByByte.onEnd(END);
    assertFacts(byteByByte, e);
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    long firstContentAt = byteByByte.outcome().contentArrivalNanos().get(0);
    // The first content is "Hello", in the second event; its blank line completes it.
    assertThat(firstContentAt).isEqualTo(text.indexOf("\"Hello\"}\n\n") + "\"Hello\"}\n".length());

    for (int cut = 0; cut <= body.length; cut++) {
      ChatResponseReader reader = new ChatResponseReader(true, FLOW);
      reader.onBytes(ByteBuffer.wrap(body, 0, cut), 1);
      reader.onBytes(ByteBuffer.wrap(body, cut, body.length - cut), 2);
      reader.onEnd(END);
      assertFacts(reader, e);
      long expectedFirst = firstContentAt < cut ? 1 : 2;
      assertThat(reader.outcome().contentArrivalNanos().get(0)).as("first content with a cut at %d", cut).isEqualTo(expectedFirst);
      assertThat(reader.outcome().endNanos()).isEqualTo(END);
    }
  }
}
