package rightsize.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rightsize.config.WireFormatSettings;

/** The promptflow, aml-chat and custom readers on good and bad answers: what counts as content, and what is malformed. */
class WireFormatReaderTest {
  private static final WireFormatSettings FLOW = new WireFormatSettings.PromptFlow("chat_input", "chat_history", "chat_output", Map.of());
  /** The emulator's documented custom shape (docs/targets.md). */
  static final WireFormatSettings.Custom CUSTOM = new WireFormatSettings.Custom(
      rightsize.config.BodyTemplate.parse("{\"message\": ${prompt}, \"history\": ${history}, \"max_tokens\": ${max_tokens}, \"stream\": ${stream}}"),
      com.fasterxml.jackson.core.JsonPointer.compile("/reply/text"),
      new WireFormatSettings.UsagePointers(com.fasterxml.jackson.core.JsonPointer.compile("/usage/input_tokens"),
          com.fasterxml.jackson.core.JsonPointer.compile("/usage/output_tokens")),
      new WireFormatSettings.Custom.Stream(com.fasterxml.jackson.core.JsonPointer.compile("/delta/text"), "[END]",
          new WireFormatSettings.UsagePointers(com.fasterxml.jackson.core.JsonPointer.compile("/usage/input_tokens"),
              com.fasterxml.jackson.core.JsonPointer.compile("/usage/output_tokens"))));

  private static ChatResponseReader stream(WireFormatSettings f, String body) {
    ChatResponseReader r = new ChatResponseReader(true, f);
    r.onBytes(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), 10);
    r.onEnd(20);
    return r;
  }

  private static ChatResponseReader document(WireFormatSettings f, String body) {
    ChatResponseReader r = new ChatResponseReader(false, f);
    r.onBytes(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), 10);
    r.onEnd(20);
    return r;
  }

  @Test
  void otherOutputsOfAFlowAndEmptyDeltasAreNotContent() {
    ChatResponseReader r = new ChatResponseReader(true, FLOW);
    r.onBytes(ByteBuffer.wrap("data: {\"context\": [\"https://a\", \"https://b\"]}\n\n".getBytes(StandardCharsets.UTF_8)), 1);
    r.onBytes(ByteBuffer.wrap("data: {\"chat_output\": \"\"}\n\n".getBytes(StandardCharsets.UTF_8)), 2);
    assertThat(r.hasFirstContent()).as("sources and an empty delta do not end ttft").isFalse();
    r.onBytes(ByteBuffer.wrap("data: {\"chat_output\": \"Hi\", \"context\": []}\n\n".getBytes(StandardCharsets.UTF_8)), 3);
    r.onEnd(4);
    ChatOutcome o = r.outcome();
    assertThat(o.contentArrivalNanos()).containsExactly(3L);
    assertThat(o.text()).isEqualTo("Hi");
    assertThat(o.done()).isTrue();
    assertThat(o.malformed()).isNull();
  }

  @Test
  void aFlowAnsweringJsonIsReadByItsOutputFieldAndIsNotStreamed() {
    ChatOutcome o = document(FLOW, "{\"chat_output\": \"Hello there\", \"context\": []}").outcome();
    assertThat(o.text()).isEqualTo("Hello there");
    assertThat(o.streamed()).isFalse();
    assertThat(o.malformed()).isNull();
  }

  @Test
  void streamEventsWithoutTheConfiguredFieldAreMalformedNamingIt() {
    ChatOutcome o = stream(FLOW, "data: {\"answer\": \"Hello\"}\n\ndata: {\"answer\": \"!\"}\n\n").outcome();
    assertThat(o.malformed()).isEqualTo("no event carried promptflow.output-field 'chat_output'; the first was: {\"answer\": \"Hello\"}");
    ChatOutcome custom = stream(CUSTOM, "data: {\"text\": \"Hello\"}\n\ndata: [END]\n\n").outcome();
    assertThat(custom.malformed()).isEqualTo("no event carried custom.stream.delta-pointer /delta/text; the first was: {\"text\": \"Hello\"}");
  }

  @Test
  void jsonWithoutTheConfiguredFieldIsMalformedWithAnExcerpt() {
    assertThat(document(CUSTOM, "{\"reply\": {\"content\": \"Hi\"}}").outcome().malformed())
        .isEqualTo("response body has no custom.answer-pointer /reply/text: {\"reply\": {\"content\": \"Hi\"}}");
    assertThat(document(new WireFormatSettings.AmlChat(), "{\"outputs\": \"Hi\"}").outcome().malformed())
        .isEqualTo("response body has no /output (the aml-chat answer): {\"outputs\": \"Hi\"}");
    assertThat(document(CUSTOM, "{\"reply\": {\"text\": 42}}").outcome().malformed())
        .startsWith("response body has custom.answer-pointer /reply/text as number, not text");
  }

  @Test
  void anHtmlPageIsMalformedWithAShortExcerpt() {
    String page = "<html><head><title>502 Bad Gateway</title></head><body>" + "x".repeat(500) + "</body></html>";
    ChatOutcome o = document(FLOW, page).outcome();
    assertThat(o.malformed()).startsWith("response body is not valid JSON (").contains("<html><head><title>502 Bad Gateway");
    assertThat(o.malformed().length()).isLessThan(400);
  }

  @Test
  void customStreamEndsAtItsMarkerWithUsageFromItsEvent() {
    ChatResponseReader r = new ChatResponseReader(true, CUSTOM);
    r.onBytes(ByteBuffer.wrap(("data: {\"delta\": {\"text\": \"Hel\"}}\n\ndata: {\"delta\": {\"text\": \"lo\"}}\n\n"
        + "data: {\"usage\": {\"input_tokens\": 7, \"output_tokens\": 2}}\n\ndata: [END]\n\n").getBytes(StandardCharsets.UTF_8)), 5);
    assertThat(r.done()).as("the end marker completes it before the body ends").isTrue();
    ChatOutcome o = r.outcome();
    assertThat(o.text()).isEqualTo("Hello");
    assertThat(o.usage()).isEqualTo(new ChatOutcome.Usage(7, 2, null, null));
    assertThat(o.endNanos()).isEqualTo(5);

    ChatResponseReader cut = stream(CUSTOM, "data: {\"delta\": {\"text\": \"Hel\"}}\n\n");
    assertThat(cut.done()).as("a custom stream with an end marker is not complete without it").isFalse();
    assertThat(cut.expectedEnd()).isEqualTo("the end marker [END]");
  }

  @Test
  void customJsonAnswerCarriesItsUsage() {
    ChatOutcome o = document(CUSTOM, "{\"reply\": {\"text\": \"Hi\"}, \"usage\": {\"input_tokens\": 3, \"output_tokens\": 1}}").outcome();
    assertThat(o.text()).isEqualTo("Hi");
    assertThat(o.usage()).isEqualTo(new ChatOutcome.Usage(3, 1, null, null));
  }

  @Test
  void aCustomAppThatStreamsWithoutADeltaPointerSaysWhichSettingToSet() {
    WireFormatSettings noDelta = new WireFormatSettings.Custom(CUSTOM.bodyTemplate(), CUSTOM.answerPointer(), WireFormatSettings.UsagePointers.NONE,
        new WireFormatSettings.Custom.Stream(null, "", WireFormatSettings.UsagePointers.NONE));
    assertThat(stream(noDelta, "data: {\"delta\": {\"text\": \"Hi\"}}\n\n").outcome().malformed())
        .startsWith("the app streamed, but custom.stream.delta-pointer is not set");
  }
}
