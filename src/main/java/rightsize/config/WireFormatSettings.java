package rightsize.config;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Arrays;
import java.util.Map;

/**
 * A deployment's {@link WireFormat} with the settings of its section ({@code promptflow}, {@code
 * custom}): what the client needs to build its requests and read its answers (docs/targets.md).
 */
public sealed interface WireFormatSettings {

  /** Which format it is. */
  WireFormat format();

  /** OpenAI chat completions: {@code messages} in, {@code chat.completion(.chunk)} out, SSE ending with [DONE]. */
  record OpenAiChat() implements WireFormatSettings {
    @Override
    public WireFormat format() {
      return WireFormat.OPENAI_CHAT;
    }
  }

  /**
   * A prompt-flow app's {@code /score}: the flow's inputs as the body, its outputs as the answer,
   * streamed as {@code data: {"<output>": "<delta>"}} events ended by the end of the body.
   *
   * @param inputField the flow input carrying the latest user message (question, chat_input)
   * @param historyField the flow input carrying earlier turns as [{"inputs", "outputs"}] (chat_history)
   * @param outputField the flow output carrying the answer (answer, chat_output)
   * @param extraInputs static inputs sent with every request
   */
  record PromptFlow(String inputField, String historyField, String outputField, Map<String, Object> extraInputs)
      implements WireFormatSettings {
    public PromptFlow {
      extraInputs = Map.copyOf(extraInputs);
    }

    @Override
    public WireFormat format() {
      return WireFormat.PROMPTFLOW;
    }
  }

  /**
   * A catalog chat model on Azure ML managed compute: {@code {"input_data": {"input_string":
   * [messages], "parameters": {...}}}} answered by {@code {"output": "..."}}, never streamed.
   */
  record AmlChat() implements WireFormatSettings {
    @Override
    public WireFormat format() {
      return WireFormat.AML_CHAT;
    }
  }

  /**
   * Any JSON-over-HTTP app: a body template, and JSON pointers to the answer (a JSON response) or
   * to each event's delta (an SSE response).
   *
   * @param bodyTemplate the request body with placeholders
   * @param answerPointer the answer text in a JSON response
   * @param usage where a JSON response carries token usage
   * @param stream how an SSE response is read
   */
  record Custom(BodyTemplate bodyTemplate, JsonPointer answerPointer, UsagePointers usage, Stream stream)
      implements WireFormatSettings {
    @Override
    public WireFormat format() {
      return WireFormat.CUSTOM;
    }

    /**
     * How a custom app's SSE answer is read.
     *
     * @param deltaPointer the delta text in each event, or null when the app is not expected to stream
     * @param endMarker the data of the event ending the stream (e.g. [DONE]), or empty: the end of the body ends it
     * @param usage where events carry token usage
     */
    public record Stream(JsonPointer deltaPointer, String endMarker, UsagePointers usage) {}
  }

  /** JSON pointers to token counts; a null pointer is not read. */
  record UsagePointers(JsonPointer promptTokens, JsonPointer completionTokens) {
    /** No usage is read. */
    public static final UsagePointers NONE = new UsagePointers(null, null);
  }

  /** OpenAI chat completions, the default. */
  static WireFormatSettings openAiChat() {
    return new OpenAiChat();
  }

  /** A prompt flow with these input and output names and no extra inputs. */
  static WireFormatSettings promptFlow(String inputField, String historyField, String outputField) {
    return new PromptFlow(inputField, historyField, outputField, Map.of());
  }

  /** A catalog chat model on managed compute. */
  static WireFormatSettings amlChat() {
    return new AmlChat();
  }

  /**
   * A custom app answering JSON at {@code answerPointer} and streaming deltas at {@code
   * deltaPointer} (empty: it does not stream) until {@code endMarker} (empty: the end of the body),
   * without usage; throws IllegalArgumentException for a template or pointer that cannot work.
   */
  static WireFormatSettings custom(String bodyTemplate, String answerPointer, String deltaPointer, String endMarker) {
    BodyTemplate template;
    try {
      template = BodyTemplate.parse(bodyTemplate);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the custom body template " + e.getMessage() + ": " + BodyTemplate.FIX, e);
    }
    return new Custom(template, JsonPointer.compile(answerPointer), UsagePointers.NONE,
        new Custom.Stream(deltaPointer.isEmpty() ? null : JsonPointer.compile(deltaPointer), endMarker, UsagePointers.NONE));
  }

  /**
   * The custom app shape the embedded emulator serves (docs/targets.md, "A custom app"): what an
   * emulated deployment with {@code wire-format = custom} and no {@code custom} settings is spoken to in.
   */
  Custom EMULATED_CUSTOM_APP = new Custom(
      BodyTemplate.parse("{\"message\": ${prompt}, \"history\": ${history}, \"max_tokens\": ${max_tokens}, \"stream\": ${stream}}"),
      JsonPointer.compile("/reply/text"),
      new UsagePointers(JsonPointer.compile("/usage/input_tokens"), JsonPointer.compile("/usage/output_tokens")),
      new Custom.Stream(JsonPointer.compile("/delta/text"), "[END]",
          new UsagePointers(JsonPointer.compile("/usage/input_tokens"), JsonPointer.compile("/usage/output_tokens"))));

  /**
   * Reads {@code wire-format} and the section it names from a deployment entry; {@code emulated}
   * when the deployment is the embedded emulator's, whose custom app needs no settings.
   */
  static WireFormatSettings read(Section s, boolean emulated) {
    WireFormat format = s.choice("wire-format", "a wire format", WireFormat.class);
    if (format == null) {
      return null;
    }
    return switch (format) {
      case OPENAI_CHAT -> new OpenAiChat();
      case AML_CHAT -> new AmlChat();
      case PROMPTFLOW -> promptFlow(s.child("promptflow"));
      case CUSTOM -> emulated && unset(s.child("custom")) ? EMULATED_CUSTOM_APP : custom(s.child("custom"));
    };
  }

  /** Whether nothing of a custom section was set (the reference's empty template and pointer). */
  private static boolean unset(Section c) {
    return "".equals(c.peek("body-template")) && "".equals(c.peek("answer-pointer"));
  }

  private static PromptFlow promptFlow(Section s) {
    int mark = s.mark();
    String input = s.required("input-field");
    String history = s.required("history-field");
    String output = s.required("output-field");
    Map<String, Object> extra = s.object("extra-inputs");
    if (extra != null) {
      for (String field : Arrays.asList(input, history)) {
        if (field != null && extra.containsKey(field)) {
          s.problem("extra-inputs", "sets '" + field + "', which the suite fills from the conversation",
              "remove it from extra-inputs " + s.where("extra-inputs"));
        }
      }
    }
    if (s.failedSince(mark)) {
      return null;
    }
    return new PromptFlow(input, history, output, extra);
  }

  private static Custom custom(Section s) {
    int mark = s.mark();
    String text = s.required("body-template");
    BodyTemplate template = text == null ? null : template(s, text);
    JsonPointer answer = pointer(s, "answer-pointer", true);
    UsagePointers usage = usage(s.child("usage"));
    Section st = s.child("stream");
    JsonPointer delta = pointer(st, "delta-pointer", false);
    String endMarker = st.string("end-marker");
    UsagePointers streamUsage = usage(st.child("usage"));
    if (s.failedSince(mark)) {
      return null;
    }
    return new Custom(template, answer, usage, new Custom.Stream(delta, endMarker, streamUsage));
  }

  private static BodyTemplate template(Section s, String text) {
    try {
      return BodyTemplate.parse(text);
    } catch (IllegalArgumentException e) {
      s.problem("body-template", e.getMessage(), BodyTemplate.FIX + ", in quotes so HOCON keeps the ${...}, " + s.where("body-template"));
      return null;
    }
  }

  private static UsagePointers usage(Section s) {
    return new UsagePointers(pointer(s, "prompt-tokens-pointer", false), pointer(s, "completion-tokens-pointer", false));
  }

  /** A JSON pointer such as /reply/text; empty is null unless {@code required}. */
  private static JsonPointer pointer(Section s, String key, boolean required) {
    String p = required ? s.required(key) : s.string(key);
    if (p == null || p.isEmpty()) {
      return null;
    }
    try {
      return JsonPointer.compile(p);
    } catch (IllegalArgumentException e) {
      s.problem(key, "'" + p + "' is not a JSON pointer", "write it as /field/sub-field (RFC 6901) " + s.where(key));
      return null;
    }
  }
}
