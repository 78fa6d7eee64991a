package rightsize.chat;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Interprets OpenAI/Azure chat-completion JSON (wire format openai-chat): the {@code chat.completion.chunk} data of each SSE
 * event, or one whole non-streaming {@code chat.completion} (whose {@code message} has the shape of
 * a delta), and accumulates what the response delivered.
 *
 * <p>Uses Jackson's streaming parser and reads only the fields the metrics need, skipping the rest
 * (content-filter categories, logprobs, ids), so the cost per event stays small. Only choice 0 counts
 * for text, finish reason and timing; {@code index} may come after {@code delta} (Azure sorts keys),
 * so a choice's findings are held until its object ends.
 */
final class ChunkInterpreter extends AnswerInterpreter {

  /** The most of an unknown event's field names a message quotes. */
  private static final int MAX_SHAPE_CHARS = 50;

  /** Arrival of the first event whose choice 0 carried reasoning, or -1. */
  private long firstReasoningNanos = -1;
  /** Choice 0's streamed reasoning text (not summaries: they are not the reasoning tokens). */
  private final StringBuilder reasoning = new StringBuilder();
  /** Choice 0's tool-call and function-call arguments, in order. */
  private final StringBuilder callArguments = new StringBuilder();
  /** A choice other than 0 carried something (n > 1). */
  private boolean otherChoices;
  /** Events that were JSON objects without choices, usage or error: not the chat-completions shape. */
  private int eventsWithoutChoices;
  private String firstEventWithoutChoices;
  private final StringBuilder rootFields = new StringBuilder();

  // Diagnostics the fixture tests compare with the recorded streams' expected facts.
  private int roleOnlyChunks;
  private int emptyChoicesEvents;
  private int toolCallChunks;
  private int reasoningChunks;
  private int firstReasoningEvent = -1;

  // Findings of the choice being read, applied when its object ends if it is choice 0.
  private final StringBuilder choiceText = new StringBuilder(64);
  private boolean choiceHasRole;
  private boolean choiceHasToolCall;
  private boolean choiceHasFunctionCall;
  private final StringBuilder choiceReasoning = new StringBuilder();
  private boolean choiceHasReasoning;
  private final StringBuilder choiceArguments = new StringBuilder();
  private String choiceFinishReason;
  /** The event being read carried content or a call fragment in choice 0. */
  private boolean eventBearsContent;
  /** The event being read carried reasoning in choice 0. */
  private boolean eventBearsReasoning;
  /** An "On Your Data" message's content was the {@code [DONE]} that ends its stream. */
  private boolean eventEndsStream;

  // "On Your Data" messages: the role a message index was given holds for its later deltas.
  private String messageRole;
  private int messageIndex = -1;
  private String deltaRole;
  private final StringBuilder deltaContent = new StringBuilder();

  ChunkInterpreter() {
    super("[DONE]", false);
  }

  @Override
  String expectedEnd() {
    return "[DONE] or a finish reason";
  }

  @Override
  boolean readEvent(byte[] data, int offset, int length, int eventIndex, long nowNanos) {
    return read(data, offset, length, eventIndex, nowNanos);
  }

  @Override
  boolean readDocument(byte[] body, int length, long nowNanos) {
    return read(body, 0, length, 0, nowNanos);
  }

  @Override
  long firstReasoningNanos() {
    return firstReasoningNanos;
  }

  @Override
  String reasoning() {
    return reasoning.toString();
  }

  @Override
  String callArguments() {
    return callArguments.toString();
  }

  @Override
  boolean otherChoices() {
    return otherChoices;
  }

  /** "3 events had no choices (the first one's fields: type, delta)", or null when every event had them. */
  @Override
  String unknownShape() {
    return eventsWithoutChoices == 0 ? null : eventsWithoutChoices + " event" + (eventsWithoutChoices == 1 ? "" : "s")
        + " had no choices (the first one's fields: " + firstEventWithoutChoices + ")";
  }

  /** Choice 0 deltas with a role and no content, tool call or function call. */
  int roleOnlyChunks() {
    return roleOnlyChunks;
  }

  /** Events with {@code "choices": []} (Azure prompt filter results, usage-only events). */
  int emptyChoicesEvents() {
    return emptyChoicesEvents;
  }

  /** Choice 0 deltas carrying at least one {@code tool_calls} fragment. */
  int toolCallChunks() {
    return toolCallChunks;
  }

  /** Events whose choice 0 carried reasoning (reasoning content or a reasoning summary). */
  int reasoningChunks() {
    return reasoningChunks;
  }

  /** 0-based index of the first event whose choice 0 carried reasoning, or -1. */
  int firstReasoningEvent() {
    return firstReasoningEvent;
  }

  private boolean read(byte[] data, int offset, int length, int eventIndex, long nowNanos) {
    eventBearsContent = false;
    eventBearsReasoning = false;
    eventEndsStream = false;
    EventJsonParser p = EventJsonParser.forThisThread();
    try {
      if (p.start(data, offset, length) != JsonToken.START_OBJECT) {
        malformed(what(eventIndex) + " is not a JSON object: " + snippet(data, offset, length));
      } else {
        readRoot(p);
        if (!p.endsHere()) {
          malformed(what(eventIndex) + " has data after its JSON object: " + snippet(data, offset, length));
        }
      }
    } catch (JsonProcessingException e) {
      malformed(what(eventIndex) + " is not valid JSON (" + e.getOriginalMessage() + "): " + snippet(data, offset, length));
    } catch (IOException e) {
      malformed(what(eventIndex) + " could not be read: " + e.getMessage()); // cannot happen on a byte array
    }
    if (eventBearsReasoning && firstReasoningNanos < 0) {
      firstReasoningNanos = nowNanos;
      firstReasoningEvent = eventIndex;
    }
    if (eventEndsStream) {
      endStream(nowNanos);
    }
    // Content read before a syntax error still arrived; its timing counts.
    return eventBearsContent;
  }

  private void readRoot(JsonParser p) throws IOException {
    boolean chatShape = false;
    rootFields.setLength(0);
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (rootFields.length() < MAX_SHAPE_CHARS) {
        rootFields.append(rootFields.length() == 0 ? "" : ", ").append(name);
      }
      switch (name) {
        case "choices" -> {
          chatShape = true;
          readChoices(p);
        }
        case "usage" -> {
          chatShape = true;
          readUsage(p);
        }
        case "prompt_filter_results", "content_filter_results" -> readFilterResults(p);
        case "error" -> {
          chatShape = true;
          readError(p);
        }
        default -> {
          p.nextToken();
          p.skipChildren();
        }
      }
    }
    if (!chatShape && eventsWithoutChoices++ == 0) {
      // Bounded, so that the record's one-line message (200 characters) keeps its end.
      firstEventWithoutChoices = rootFields.length() <= MAX_SHAPE_CHARS ? rootFields.toString()
          : rootFields.substring(0, MAX_SHAPE_CHARS - 1) + "…";
    }
  }

  private void readChoices(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_ARRAY) {
      p.skipChildren(); // "choices": null
      return;
    }
    int position = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.START_OBJECT) {
        readChoice(p, position);
      } else {
        p.skipChildren();
      }
      position++;
    }
    if (position == 0) {
      emptyChoicesEvents++;
    }
  }

  private void readChoice(JsonParser p, int position) throws IOException {
    int index = position;
    choiceText.setLength(0);
    choiceHasRole = false;
    choiceHasToolCall = false;
    choiceHasFunctionCall = false;
    choiceReasoning.setLength(0);
    choiceHasReasoning = false;
    choiceArguments.setLength(0);
    choiceFinishReason = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      switch (name) {
        case "index" -> {
          if (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
            index = p.getIntValue();
          }
        }
        case "delta", "message" -> readDelta(p);
        case "messages" -> readMessages(p);
        case "finish_reason" -> {
          if (p.nextToken() == JsonToken.VALUE_STRING) {
            choiceFinishReason = p.getText();
          }
        }
        case "content_filter_results" -> readFilterResults(p);
        default -> {
          p.nextToken();
          p.skipChildren();
        }
      }
    }
    if (index == 0) {
      applyChoiceZero();
    } else if (choiceText.length() > 0 || choiceHasToolCall || choiceHasFunctionCall || choiceHasReasoning) {
      otherChoices = true;
    }
  }

  private void readDelta(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    String name;
    while ((name = p.nextFieldName()) != null) {
      readDeltaField(p, name, p.nextToken(), choiceText);
    }
  }

  /**
   * Reads one field of a delta (or of a whole message) whose value starts at {@code t}; its {@code
   * content} goes to {@code content}, what else it carries to the choice's findings.
   */
  private void readDeltaField(JsonParser p, String name, JsonToken t, StringBuilder content) throws IOException {
    switch (name) {
      case "content" -> appendString(p, t, content);
      case "role" -> choiceHasRole |= t == JsonToken.VALUE_STRING;
      // DeepSeek, Azure AI Foundry and vLLM's reasoning parsers; vLLM 0.10+ and OpenRouter say "reasoning".
      case "reasoning_content", "reasoning" -> {
        int before = choiceReasoning.length();
        appendString(p, t, choiceReasoning);
        choiceHasReasoning |= choiceReasoning.length() > before;
      }
      // A summary of the reasoning (Azure o-series): it marks the reasoning phase, but is not its tokens.
      case "cot_summary" -> {
        choiceHasReasoning |= t == JsonToken.VALUE_STRING && p.getTextLength() > 0;
        p.skipChildren();
      }
      case "tool_calls" -> {
        if (t == JsonToken.START_ARRAY) {
          JsonToken item;
          while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
            choiceHasToolCall = true;
            if (item == JsonToken.START_OBJECT) {
              readToolCall(p);
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      case "function_call" -> {
        if (t == JsonToken.START_OBJECT) {
          choiceHasFunctionCall = true;
          readFunction(p);
        } else {
          p.skipChildren();
        }
      }
      default -> p.skipChildren();
    }
  }

  /** One {@code tool_calls} fragment, from its start: its function's arguments are kept. */
  private void readToolCall(JsonParser p) throws IOException {
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (p.nextToken() == JsonToken.START_OBJECT && "function".equals(name)) {
        readFunction(p);
      } else {
        p.skipChildren();
      }
    }
  }

  /** A function object (of a tool call, or a legacy {@code function_call}), from its start: keeps its arguments. */
  private void readFunction(JsonParser p) throws IOException {
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if ("arguments".equals(name)) {
        appendString(p, t, choiceArguments);
      } else {
        p.skipChildren();
      }
    }
  }

  /**
   * The {@code messages} of an Azure OpenAI "On Your Data" choice (the 2023 extensions API): each
   * holds a {@code delta} (streaming) or is a whole message, with the index of the message it
   * belongs to. Content counts as the answer unless its message is a {@code tool} message (the
   * citations and intent); a content of exactly {@code [DONE]} is that API's end of stream.
   */
  private void readMessages(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.START_OBJECT) {
        readMessage(p);
      } else {
        p.skipChildren();
      }
    }
  }

  private void readMessage(JsonParser p) throws IOException {
    int index = -1;
    deltaRole = null;
    deltaContent.setLength(0);
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "index" -> index = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
        case "delta" -> {
          if (t == JsonToken.START_OBJECT) {
            String field;
            while ((field = p.nextFieldName()) != null) {
              readMessageField(p, field, p.nextToken());
            }
          } else {
            p.skipChildren();
          }
        }
        default -> readMessageField(p, name, t);
      }
    }
    if (deltaRole != null) {
      messageRole = deltaRole;
    } else if (index != messageIndex) {
      messageRole = null; // a new message that has not said whose it is
    }
    messageIndex = index;
    if ("[DONE]".contentEquals(deltaContent)) {
      eventEndsStream = true;
    } else if (!"tool".equals(messageRole)) {
      choiceText.append(deltaContent);
    }
  }

  private void readMessageField(JsonParser p, String name, JsonToken t) throws IOException {
    if ("role".equals(name) && t == JsonToken.VALUE_STRING) {
      deltaRole = p.getText();
    }
    readDeltaField(p, name, t, deltaContent);
  }

  /** Appends a string value starting at {@code t} to {@code to}; skips any other value. */
  private static void appendString(JsonParser p, JsonToken t, StringBuilder to) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      to.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    } else {
      p.skipChildren();
    }
  }

  private void applyChoiceZero() {
    boolean hasContent = choiceText.length() > 0;
    appendContent(choiceText);
    if (choiceHasToolCall) {
      toolCallChunks++;
    }
    callArguments.append(choiceArguments);
    if (choiceHasReasoning) {
      reasoningChunks++;
      reasoning.append(choiceReasoning);
      eventBearsReasoning = true;
    }
    if (choiceHasRole && !hasContent && !choiceHasToolCall && !choiceHasFunctionCall && !choiceHasReasoning) {
      roleOnlyChunks++;
    }
    if (hasContent || choiceHasToolCall || choiceHasFunctionCall) {
      eventBearsContent = true;
    }
    if (choiceFinishReason != null) {
      finishReason = choiceFinishReason;
      if ("content_filter".equals(choiceFinishReason)) {
        contentFiltered = true;
      }
    }
  }

  /**
   * Walks a content_filter_results object (or a prompt_filter_results array) and notes any {@code
   * "filtered": true}, at whatever depth the API version puts it (categories, custom blocklists).
   */
  private void readFilterResults(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      t = p.nextToken();
      if (t == null) {
        throw new JsonParseException(p, "unexpected end of content filter results");
      }
      switch (t) {
        case START_OBJECT, START_ARRAY -> depth++;
        case END_OBJECT, END_ARRAY -> depth--;
        case VALUE_TRUE -> contentFiltered |= "filtered".equals(p.currentName());
        default -> { }
      }
    }
  }

  private void readUsage(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      p.skipChildren(); // "usage": null on content chunks
      return;
    }
    Integer prompt = null;
    Integer completion = null;
    Integer cached = null;
    Integer reasoning = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      switch (name) {
        case "prompt_tokens" -> prompt = readInt(p);
        case "completion_tokens" -> completion = readInt(p);
        case "prompt_tokens_details" -> cached = readDetail(p, "cached_tokens");
        case "completion_tokens_details" -> reasoning = readDetail(p, "reasoning_tokens");
        default -> {
          p.nextToken();
          p.skipChildren();
        }
      }
    }
    usage = new ChatOutcome.Usage(prompt, completion, cached, reasoning);
  }

  private static Integer readInt(JsonParser p) throws IOException {
    if (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
      return p.getIntValue();
    }
    p.skipChildren();
    return null;
  }

  private static Integer readDetail(JsonParser p, String field) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    Integer value = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (field.equals(name)) {
        value = readInt(p);
      } else {
        p.nextToken();
        p.skipChildren();
      }
    }
    return value;
  }

  /** An {@code error} object inside a 200 stream (OpenAI, vLLM): the answer broke off. */
  private void readError(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t == JsonToken.VALUE_STRING) {
      malformed("stream carried an error: " + truncate(p.getText()));
      return;
    }
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      malformed("stream carried an error");
      return;
    }
    String code = null;
    String message = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      t = p.nextToken();
      if ("code".equals(name) && t.isScalarValue() && t != JsonToken.VALUE_NULL) {
        code = p.getText();
      } else if ("message".equals(name) && t == JsonToken.VALUE_STRING) {
        message = p.getText();
      } else {
        p.skipChildren();
      }
    }
    malformed("stream carried an error" + (code == null ? "" : " " + code) + ": "
        + truncate(message == null ? "(no message)" : message));
  }
}
