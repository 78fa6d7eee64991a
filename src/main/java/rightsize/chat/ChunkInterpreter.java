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

  // Diagnostics the fixture tests compare with the recorded streams' expected facts.
  private int roleOnlyChunks;
  private int emptyChoicesEvents;
  private int toolCallChunks;

  // Findings of the choice being read, applied when its object ends if it is choice 0.
  private final StringBuilder choiceText = new StringBuilder(64);
  private boolean choiceHasRole;
  private boolean choiceHasToolCall;
  private boolean choiceHasFunctionCall;
  private String choiceFinishReason;
  /** The event being read carried content or a call fragment in choice 0. */
  private boolean eventBearsContent;

  ChunkInterpreter() {
    super("[DONE]", false);
  }

  @Override
  String expectedEnd() {
    return "[DONE] or a finish reason";
  }

  @Override
  boolean readEvent(byte[] data, int offset, int length, int eventIndex) {
    return read(data, offset, length, eventIndex);
  }

  @Override
  boolean readDocument(byte[] body, int length) {
    return read(body, 0, length, 0);
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

  private boolean read(byte[] data, int offset, int length, int eventIndex) {
    eventBearsContent = false;
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
    // Content read before a syntax error still arrived; its timing counts.
    return eventBearsContent;
  }

  private void readRoot(JsonParser p) throws IOException {
    String name;
    while ((name = p.nextFieldName()) != null) {
      switch (name) {
        case "choices" -> readChoices(p);
        case "usage" -> readUsage(p);
        case "prompt_filter_results", "content_filter_results" -> readFilterResults(p);
        case "error" -> readError(p);
        default -> {
          p.nextToken();
          p.skipChildren();
        }
      }
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
    }
  }

  private void readDelta(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "content" -> {
          if (t == JsonToken.VALUE_STRING) {
            choiceText.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
          } else {
            p.skipChildren();
          }
        }
        case "role" -> choiceHasRole |= t == JsonToken.VALUE_STRING;
        case "tool_calls" -> {
          if (t == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              choiceHasToolCall = true;
              p.skipChildren();
            }
          } else {
            p.skipChildren();
          }
        }
        case "function_call" -> {
          choiceHasFunctionCall |= t == JsonToken.START_OBJECT;
          p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
  }

  private void applyChoiceZero() {
    boolean hasContent = choiceText.length() > 0;
    appendContent(choiceText);
    if (choiceHasToolCall) {
      toolCallChunks++;
    }
    if (choiceHasRole && !hasContent && !choiceHasToolCall && !choiceHasFunctionCall) {
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
