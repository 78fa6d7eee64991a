package rightsize.chat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import rightsize.config.WireFormatSettings;

/**
 * Interprets the answers of apps that are not OpenAI-compatible (wire formats promptflow, aml-chat,
 * custom) through JSON pointers: the answer text of a JSON document, the delta text of each SSE
 * event, and optional token usage.
 *
 * <p>An event without the delta field (a flow's other outputs, a usage event) is no content and
 * does not end ttft, and neither is an empty delta; a stream in which no event carried the field at
 * all, or a document without the answer field, is malformed, with a message naming the pointer and
 * an excerpt of the first data. Each event is read into a small Jackson tree: these apps send far
 * fewer, larger events than a model server, so the reuse the OpenAI reader needs does not pay here.
 */
final class PointerInterpreter extends AnswerInterpreter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonPointer AML_OUTPUT = JsonPointer.compile("/output");

  private final JsonPointer answer;
  private final WireFormatSettings.UsagePointers documentUsage;
  /** Null when the format has no delta pointer configured. */
  private final JsonPointer delta;
  private final WireFormatSettings.UsagePointers eventUsage;
  /** The setting to name when the delta pointer is missing or finds nothing. */
  private final String deltaSetting;
  private final String answerSetting;
  private final String end;

  private boolean deltaSeen;
  private String firstEvent;

  private PointerInterpreter(JsonPointer answer, String answerSetting, WireFormatSettings.UsagePointers documentUsage,
      JsonPointer delta, String deltaSetting, String endMarker, WireFormatSettings.UsagePointers eventUsage) {
    super(endMarker, endMarker == null || endMarker.isEmpty());
    this.answer = answer;
    this.answerSetting = answerSetting;
    this.documentUsage = documentUsage;
    this.delta = delta;
    this.deltaSetting = deltaSetting;
    this.eventUsage = eventUsage;
    this.end = endMarker == null || endMarker.isEmpty() ? "the end of the body" : "the end marker " + endMarker;
  }

  /** A prompt flow: the output field holds the answer, and each event's delta; the body's end ends a stream. */
  static PointerInterpreter promptFlow(WireFormatSettings.PromptFlow f) {
    JsonPointer output = JsonPointer.compile("/" + escape(f.outputField()));
    String setting = "promptflow.output-field '" + f.outputField() + "'";
    return new PointerInterpreter(output, setting, WireFormatSettings.UsagePointers.NONE, output, setting, null, WireFormatSettings.UsagePointers.NONE);
  }

  /** A catalog model on managed compute: {"output": "..."}, no usage. */
  static PointerInterpreter amlChat() {
    String setting = "/output (the aml-chat answer)";
    return new PointerInterpreter(AML_OUTPUT, setting, WireFormatSettings.UsagePointers.NONE, AML_OUTPUT, setting, null, WireFormatSettings.UsagePointers.NONE);
  }

  /** A custom app, read through its configured pointers. */
  static PointerInterpreter custom(WireFormatSettings.Custom c) {
    return new PointerInterpreter(c.answerPointer(), "custom.answer-pointer " + c.answerPointer(), c.usage(),
        c.stream().deltaPointer(), c.stream().deltaPointer() == null ? "custom.stream.delta-pointer"
            : "custom.stream.delta-pointer " + c.stream().deltaPointer(),
        c.stream().endMarker(), c.stream().usage());
  }

  @Override
  String expectedEnd() {
    return end;
  }

  @Override
  boolean readEvent(byte[] data, int offset, int length, int eventIndex, long nowNanos) {
    if (firstEvent == null) {
      firstEvent = snippet(data, offset, length);
    }
    if (delta == null) {
      malformed("the app streamed, but " + deltaSetting + " is not set: set it to the delta text's place in an event,"
          + " e.g. /delta/text (event " + eventIndex + ": " + snippet(data, offset, length) + ")");
      return false;
    }
    JsonNode root = parse(data, offset, length, eventIndex);
    if (root == null) {
      return false;
    }
    readUsage(root, eventUsage);
    JsonNode d = root.at(delta);
    if (d.isMissingNode() || d.isNull()) {
      return false; // another output of the flow, or a usage event: not content
    }
    deltaSeen = true;
    if (!d.isTextual()) {
      malformed("event " + eventIndex + ": " + deltaSetting + " is " + d.getNodeType().name().toLowerCase()
          + ", not text: " + snippet(data, offset, length));
      return false;
    }
    appendContent(d.textValue());
    return !d.textValue().isEmpty();
  }

  @Override
  boolean readDocument(byte[] body, int length, long nowNanos) {
    JsonNode root = parse(body, 0, length, 0);
    if (root == null) {
      return false;
    }
    readUsage(root, documentUsage);
    JsonNode a = root.at(answer);
    if (!a.isTextual()) {
      malformed("response body has " + (a.isMissingNode() ? "no " + answerSetting : answerSetting + " as "
          + a.getNodeType().name().toLowerCase() + ", not text") + ": " + snippet(body, 0, length));
      return false;
    }
    appendContent(a.textValue());
    return !a.textValue().isEmpty();
  }

  @Override
  void onBodyEnded() {
    if (!deltaSeen && firstEvent != null && delta != null) {
      malformed("no event carried " + deltaSetting + "; the first was: " + firstEvent);
    }
  }

  private JsonNode parse(byte[] data, int offset, int length, int eventIndex) {
    try {
      JsonNode root = JSON.readTree(data, offset, length);
      if (root == null || !root.isObject()) {
        malformed(what(eventIndex) + " is not a JSON object: " + snippet(data, offset, length));
        return null;
      }
      return root;
    } catch (JsonProcessingException e) {
      malformed(what(eventIndex) + " is not valid JSON (" + e.getOriginalMessage() + "): " + snippet(data, offset, length));
    } catch (IOException e) {
      malformed(what(eventIndex) + " could not be read: " + e.getMessage()); // cannot happen on a byte array
    }
    return null;
  }

  /** Reads the usage the pointers find; an event without it keeps what an earlier one gave. */
  private void readUsage(JsonNode root, WireFormatSettings.UsagePointers pointers) {
    Integer prompt = count(root, pointers.promptTokens());
    Integer completion = count(root, pointers.completionTokens());
    if (prompt != null || completion != null) {
      usage = new ChatOutcome.Usage(prompt, completion, null, null);
    }
  }

  private static Integer count(JsonNode root, JsonPointer pointer) {
    if (pointer == null) {
      return null;
    }
    JsonNode n = root.at(pointer);
    return n.canConvertToInt() && n.isIntegralNumber() ? n.intValue() : null;
  }

  /** A field name as one JSON pointer segment (RFC 6901: ~ and / escaped). */
  private static String escape(String field) {
    return field.replace("~", "~0").replace("/", "~1");
  }
}
