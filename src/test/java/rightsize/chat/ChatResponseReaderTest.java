package rightsize.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatResponseReaderTest {

  private static final String PROMPT_FILTER = "data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
      + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}}}]}\n\n";
  private static final String ROLE = "data: {\"choices\":[{\"delta\":{\"content\":\"\",\"role\":\"assistant\"},\"finish_reason\":null,\"index\":0}]}\n\n";

  private static String content(String text) {
    return "data: {\"choices\":[{\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}},"
        + "\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null,\"index\":0}],\"usage\":null}\n\n";
  }

  private static String finish(String reason) {
    return "data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{},\"finish_reason\":\"" + reason + "\",\"index\":0}]}\n\n";
  }

  private static void feed(ChatResponseReader reader, String text, long nowNanos) {
    reader.onBytes(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), nowNanos);
  }

  @Test
  void contentIsTimedWhenItsEventCompletesAndDoneEndsTheResponse() {
    ChatResponseReader reader = new ChatResponseReader(true);
    feed(reader, PROMPT_FILTER + ROLE, 100);
    assertThat(reader.hasFirstContent()).as("prompt filter and role-only events carry no content").isFalse();
    feed(reader, content("Hello") + "data: {\"choices\":[{\"delta\":{\"con", 200);
    assertThat(reader.hasFirstContent()).isTrue();
    feed(reader, "tent\":\" wor\"},\"index\":0}]}\n", 300);
    feed(reader, "\n" + content("ld, twice") + finish("stop"), 400);
    feed(reader, "data: [DONE]\n\n", 500);
    assertThat(reader.done()).isTrue();
    reader.onEnd(600);

    ChatOutcome o = reader.outcome();
    assertThat(o.contentArrivalNanos()).containsExactly(200L, 400L, 400L);
    assertThat(o.endNanos()).as("[DONE] ends the response, not the later end of body").isEqualTo(500);
    assertThat(o.text()).isEqualTo("Hello world, twice");
    assertThat(o.finishReason()).isEqualTo("stop");
    assertThat(o.events()).isEqualTo(7);
    assertThat(o.done()).isTrue();
    assertThat(o.usage()).isNull();
    assertThat(o.contentFiltered()).isFalse();
    assertThat(o.malformed()).isNull();
  }

  @Test
  void usageOnlyFinalEventGivesAllFourCounts() {
    ChatResponseReader reader = read(content("Hi") + finish("stop")
        + "data: {\"choices\":[],\"usage\":{\"completion_tokens\":12,\"completion_tokens_details\":{\"reasoning_tokens\":8},"
        + "\"prompt_tokens\":1500,\"prompt_tokens_details\":{\"audio_tokens\":0,\"cached_tokens\":1024},\"total_tokens\":1512}}\n\n"
        + "data: [DONE]\n\n");
    assertThat(reader.outcome().usage()).isEqualTo(new ChatOutcome.Usage(1500, 12, 1024, 8));
    assertThat(reader.chunks().emptyChoicesEvents()).isEqualTo(1);
  }

  @Test
  void onlyChoiceZeroCountsEvenWhenIndexFollowsTheDelta() {
    ChatResponseReader reader = read("data: {\"choices\":[{\"delta\":{\"content\":\"other\"},\"finish_reason\":\"length\",\"index\":1},"
        + "{\"delta\":{\"content\":\"mine\"},\"index\":0}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"content\":\"other\"},\"index\":1}]}\n\n");
    ChatOutcome o = reader.outcome();
    assertThat(o.text()).isEqualTo("mine");
    assertThat(o.finishReason()).isNull();
    assertThat(o.contentArrivalNanos()).hasSize(1);
  }

  @Test
  void malformedEventIsDescribedAndReadingGoesOn() {
    ChatResponseReader reader = read(ROLE + "data: {\"choices\":[{\"delta\":{\"content\":\"x\"\n\n"
        + "data: 42\n\n" + content("after") + "data: [DONE]\n\n");
    ChatOutcome o = reader.outcome();
    assertThat(o.malformed()).startsWith("event 1 is not valid JSON (").contains("{\"choices\":[{\"delta\":{\"content\":\"x\"");
    assertThat(o.text()).isEqualTo("after");
    assertThat(o.done()).isTrue();
    assertThat(o.events()).isEqualTo(5);

    assertThat(read("data: 42\n\n").outcome().malformed()).isEqualTo("event 0 is not a JSON object: 42");
    assertThat(read("data: {} {}\n\n").outcome().malformed()).startsWith("event 0 has data after its JSON object");
  }

  @Test
  void errorObjectInsideAStreamIsReported() {
    ChatResponseReader reader = read(content("par") + "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":500}}\n\n");
    assertThat(reader.outcome().malformed()).isEqualTo("stream carried an error 500: The server had an error");
    assertThat(reader.outcome().text()).isEqualTo("par");
  }

  @Test
  void contentFilterFinishOrAFilteredAnnotationMarksTheAnswerFiltered() {
    ChatOutcome byFinish = read(content("Some") + finish("content_filter") + "data: [DONE]\n\n").outcome();
    assertThat(byFinish.contentFiltered()).isTrue();
    assertThat(byFinish.finishReason()).isEqualTo("content_filter");

    String annotation = "data: {\"choices\":[{\"content_filter_offsets\":{\"check_offset\":0,\"start_offset\":0,\"end_offset\":9},"
        + "\"content_filter_results\":{\"violence\":{\"filtered\":true,\"severity\":\"high\"}},\"finish_reason\":null,\"index\":0}],"
        + "\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\"}\n\n";
    ChatOutcome byAnnotation = read(content("Some") + finish("stop") + annotation + "data: [DONE]\n\n").outcome();
    assertThat(byAnnotation.contentFiltered()).isTrue();
    assertThat(byAnnotation.finishReason()).isEqualTo("stop");
    assertThat(byAnnotation.text()).isEqualTo("Some");

    String blocklist = "data: {\"choices\":[{\"content_filter_results\":{\"custom_blocklists\":[{\"filtered\":true,\"id\":\"words\"}]},"
        + "\"delta\":{\"content\":\"x\"},\"index\":0}]}\n\n";
    assertThat(read(blocklist).outcome().contentFiltered()).isTrue();

    String detectedOnly = "data: {\"choices\":[{\"content_filter_results\":{\"protected_material_text\":{\"detected\":true,\"filtered\":false}},"
        + "\"delta\":{\"content\":\"x\"},\"index\":0}]}\n\n";
    assertThat(read(detectedOnly).outcome().contentFiltered()).as("detected but not filtered").isFalse();
  }

  @Test
  void toolCallAndLegacyFunctionCallFragmentsEndTimeToFirstToken() {
    ChatResponseReader tools = read(ROLE
        + "data: {\"choices\":[{\"delta\":{\"tool_calls\":[]},\"index\":0}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\"\"}}]},\"index\":0}]}\n\n");
    assertThat(tools.chunks().firstContentEvent()).as("an empty tool_calls array is no fragment").isEqualTo(2);
    assertThat(tools.chunks().toolCallChunks()).isEqualTo(1);

    ChatResponseReader functions = read(
        "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":null,\"function_call\":{\"name\":\"f\",\"arguments\":\"\"}},\"index\":0}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"function_call\":{\"arguments\":\"{}\"}},\"index\":0}]}\n\n"
        + finish("function_call"));
    assertThat(functions.outcome().contentArrivalNanos()).hasSize(2);
    assertThat(functions.chunks().firstContentEvent()).isZero();
    assertThat(functions.chunks().roleOnlyChunks()).isZero();
    assertThat(functions.outcome().finishReason()).isEqualTo("function_call");
  }

  /**
   * Reasoning is timed from its first event and kept apart from the answer: DeepSeek's
   * {@code reasoning_content}, vLLM 0.10+'s {@code reasoning}, and a reasoning summary, which marks
   * the phase without being its text. An empty reasoning delta is nothing.
   */
  @Test
  void reasoningIsTimedAndKeptApartFromTheAnswer() {
    ChatResponseReader reader = new ChatResponseReader(true);
    feed(reader, "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"\"}}]}\n\n", 100);
    assertThat(reader.outcome().reasoned()).as("an empty reasoning delta").isFalse();
    feed(reader, "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"First \"}}]}\n\n", 200);
    feed(reader, "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"then second.\"}}]}\n\n", 300);
    assertThat(reader.hasFirstContent()).as("reasoning is not the answer").isFalse();
    feed(reader, content("Answer") + finish("stop") + "data: [DONE]\n\n", 400);

    ChatOutcome o = reader.outcome();
    assertThat(o.firstReasoningNanos()).isEqualTo(200);
    assertThat(o.reasoning()).isEqualTo("First then second.");
    assertThat(o.text()).isEqualTo("Answer");
    assertThat(o.contentArrivalNanos()).containsExactly(400L);
    assertThat(reader.chunks().reasoningChunks()).isEqualTo(2);
    assertThat(reader.chunks().firstReasoningEvent()).isEqualTo(1);
    assertThat(reader.chunks().roleOnlyChunks()).isEqualTo(1);

    // Azure's reasoning summaries (the azure-reasoning-tool-call recording): the phase, not its tokens.
    ChatResponseReader summary = read(PROMPT_FILTER
        + "data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{\"cot_summary\":\"Analy\"},\"index\":0}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"{}\",\"name\":\"f\"},\"index\":0}]},\"index\":0}]}\n\n"
        + finish("tool_calls") + "data: [DONE]\n\n");
    assertThat(summary.chunks().firstReasoningEvent()).isEqualTo(1);
    assertThat(summary.outcome().reasoning()).isEmpty();
    assertThat(summary.outcome().callArguments()).isEqualTo("{}");
  }

  /** Choices other than 0 (n > 1) are noticed, so that tpot can use choice 0's own tokens. */
  @Test
  void otherChoicesAreNoticedButNotRead() {
    ChatOutcome o = read(content("zero")
        + "data: {\"choices\":[{\"delta\":{\"content\":\"one\"},\"index\":1}]}\n\n" + "data: [DONE]\n\n").outcome();
    assertThat(o.text()).isEqualTo("zero");
    assertThat(o.otherChoices()).isTrue();
    assertThat(read(content("zero") + "data: [DONE]\n\n").outcome().otherChoices()).isFalse();
  }

  /** The non-streaming "On Your Data" body: the assistant message is the answer, the tool message is not. */
  @Test
  void nonStreamingOnYourDataBodyReadsTheAssistantMessage() {
    ChatResponseReader reader = new ChatResponseReader(false);
    feed(reader, "{\"id\":\"1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"messages\":["
        + "{\"role\":\"tool\",\"content\":\"{\\\"citations\\\": []}\",\"end_turn\":false},"
        + "{\"role\":\"assistant\",\"content\":\"Azure AI services are cloud-based [doc1].\",\"end_turn\":true}]}]}", 1);
    reader.onEnd(2);
    assertThat(reader.outcome().text()).isEqualTo("Azure AI services are cloud-based [doc1].");
    assertThat(reader.outcome().contentArrivalNanos()).containsExactly(2L);
    assertThat(reader.outcome().malformed()).isNull();
  }

  @Test
  void eventsAfterDoneAndBlankDataEventsCarryNothing() {
    ChatOutcome o = read(content("a") + "data:\n\n" + "data: [DONE]\n\n" + content("late")).outcome();
    assertThat(o.text()).isEqualTo("a");
    assertThat(o.events()).as("the blank data event counts, events after [DONE] do not").isEqualTo(3);
    assertThat(o.malformed()).isNull();
  }

  @Test
  void nonStreamingBodyIsReadWhenItEndsSoTtftEqualsE2e() {
    ChatResponseReader reader = new ChatResponseReader(false);
    String body = "{\"choices\":[{\"content_filter_results\":{},\"finish_reason\":\"stop\",\"index\":0,\"logprobs\":null,"
        + "\"message\":{\"content\":\"Ahoy, 5 € 😀\",\"refusal\":null,\"role\":\"assistant\"}}],\"created\":1,"
        + "\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o\",\"object\":\"chat.completion\",\"prompt_filter_results\":[],"
        + "\"usage\":{\"completion_tokens\":7,\"prompt_tokens\":20,\"prompt_tokens_details\":{\"cached_tokens\":0},\"total_tokens\":27}}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    int cut = body.indexOf('€') + 1; // inside the 3-byte euro sign (only ASCII comes before it)
    reader.onBytes(ByteBuffer.wrap(bytes, 0, cut), 100);
    assertThat(reader.hasFirstContent()).isFalse();
    assertThat(reader.done()).isFalse();
    reader.onBytes(ByteBuffer.wrap(bytes, cut, bytes.length - cut), 200);
    reader.onEnd(300);

    ChatOutcome o = reader.outcome();
    assertThat(o.text()).isEqualTo("Ahoy, 5 € 😀");
    assertThat(o.contentArrivalNanos()).containsExactly(300L);
    assertThat(o.endNanos()).isEqualTo(300);
    assertThat(o.done()).isTrue();
    assertThat(o.events()).isEqualTo(1);
    assertThat(o.finishReason()).isEqualTo("stop");
    assertThat(o.usage()).isEqualTo(new ChatOutcome.Usage(20, 7, 0, null));
    assertThat(o.malformed()).isNull();
  }

  @Test
  void nonStreamingToolCallCountsAsContent() {
    ChatResponseReader reader = new ChatResponseReader(false);
    feed(reader, "{\"choices\":[{\"finish_reason\":\"tool_calls\",\"index\":0,\"message\":{\"content\":null,\"role\":\"assistant\","
        + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}", 1);
    reader.onEnd(2);
    assertThat(reader.hasFirstContent()).isTrue();
    assertThat(reader.outcome().text()).isEmpty();
    assertThat(reader.outcome().finishReason()).isEqualTo("tool_calls");
  }

  @Test
  void malformedOrEmptyNonStreamingBodyIsDescribed() {
    ChatResponseReader html = new ChatResponseReader(false);
    feed(html, "<html>502 Bad Gateway</html>", 1);
    html.onEnd(2);
    assertThat(html.outcome().malformed()).startsWith("response body is not valid JSON (").endsWith("<html>502 Bad Gateway</html>");

    ChatResponseReader empty = new ChatResponseReader(false);
    empty.onEnd(2);
    assertThat(empty.outcome().malformed()).isEqualTo("response body is empty");
    assertThat(empty.hasFirstContent()).isFalse();
  }

  @Test
  void bytesAfterTheEndAreAnError() {
    ChatResponseReader reader = new ChatResponseReader(true);
    reader.onEnd(1);
    reader.onEnd(2);
    assertThat(reader.outcome().endNanos()).as("a second end is ignored").isEqualTo(1);
    assertThatThrownBy(() -> feed(reader, "data: [DONE]\n\n", 3))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already ended");
  }

  private static ChatResponseReader read(String stream) {
    ChatResponseReader reader = new ChatResponseReader(true);
    feed(reader, stream, 1);
    reader.onEnd(2);
    return reader;
  }
}
