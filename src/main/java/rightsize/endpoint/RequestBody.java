package rightsize.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rightsize.config.BodyTemplate;
import rightsize.config.WireFormatSettings;

/**
 * The JSON body of one request in a deployment's wire format, the text in it the tokenizer counts,
 * and whether it asks for a stream.
 *
 * @param json the body
 * @param promptText the conversation text the body carries (what was actually sent, for the tokenizer)
 * @param stream whether a streamed answer is asked for (never for aml-chat)
 */
record RequestBody(byte[] json, String promptText, boolean stream) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The body of {@code p} in {@code format}; {@code model} (or null) goes into an OpenAI body,
   * {@code maxTokensParam} names its output limit.
   */
  static RequestBody of(WireFormatSettings format, ChatParams p, String model, String maxTokensParam) {
    if (format instanceof WireFormatSettings.PromptFlow f) {
      return promptFlow(f, p);
    }
    if (format instanceof WireFormatSettings.AmlChat) {
      return amlChat(p);
    }
    if (format instanceof WireFormatSettings.Custom c) {
      return custom(c, p);
    }
    return openAi(p, model, maxTokensParam);
  }

  private static RequestBody openAi(ChatParams p, String model, String maxTokensParam) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (model != null) {
      body.put("model", model);
    }
    body.put("messages", p.messages());
    body.put(maxTokensParam, p.maxTokens());
    body.put("temperature", p.temperature());
    body.put("stream", p.stream());
    if (p.stream() && p.includeUsage()) {
      body.put("stream_options", Map.of("include_usage", true));
    }
    return new RequestBody(write(body), contents(p.messages()), p.stream());
  }

  /**
   * The flow's inputs: the latest user message in the input field, the turns before it in prompt
   * flow's history shape, and the static extra inputs. System messages are not sent: a flow has its
   * own prompt.
   */
  private static RequestBody promptFlow(WireFormatSettings.PromptFlow f, ChatParams p) {
    Conversation c = Conversation.of(p.messages());
    List<Map<String, Object>> history = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String[] turn : c.turns()) {
      history.add(Map.of("inputs", Map.of(f.inputField(), turn[0]), "outputs", Map.of(f.outputField(), turn[1])));
      append(text, turn[0]);
      append(text, turn[1]);
    }
    Map<String, Object> body = new LinkedHashMap<>(f.extraInputs());
    body.put(f.inputField(), c.prompt());
    body.put(f.historyField(), history);
    for (Object extra : f.extraInputs().values()) {
      if (extra instanceof String s) {
        append(text, s);
      }
    }
    append(text, c.prompt());
    return new RequestBody(write(body), text.toString(), p.stream());
  }

  /** A catalog model's input_data: the messages, max_new_tokens from the request, the rest from the defaults. */
  private static RequestBody amlChat(ChatParams p) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("max_new_tokens", p.maxTokens());
    parameters.put("temperature", p.temperature());
    parameters.put("top_p", 1.0); // the neutral value: the suite sets no nucleus sampling for any format
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("input_string", roleAndContent(p.messages()));
    input.put("parameters", parameters);
    return new RequestBody(write(Map.of("input_data", input)), contents(p.messages()), false);
  }

  /** The template filled with JSON values; the text counted is what its placeholders put in. */
  private static RequestBody custom(WireFormatSettings.Custom c, ChatParams p) {
    Conversation conv = Conversation.of(p.messages());
    StringBuilder text = new StringBuilder();
    String body = c.bodyTemplate().fill(name -> switch (name) {
      case BodyTemplate.MESSAGES -> {
        append(text, contents(p.messages()));
        yield writeString(roleAndContent(p.messages()));
      }
      case BodyTemplate.HISTORY -> {
        append(text, contents(conv.before()));
        yield writeString(roleAndContent(conv.before()));
      }
      case BodyTemplate.PROMPT -> {
        append(text, conv.prompt());
        yield writeString(conv.prompt());
      }
      case BodyTemplate.MAX_TOKENS -> Integer.toString(p.maxTokens());
      case BodyTemplate.STREAM -> Boolean.toString(p.stream());
      default -> {
        if (!p.fields().containsKey(name)) {
          throw new IllegalArgumentException("the custom body-template names ${" + name + "}, which the session does not hold:"
              + " feed a column named " + name + " or remove it from the template");
        }
        Object value = p.fields().get(name);
        if (value instanceof String s) {
          append(text, s);
        }
        yield writeString(value);
      }
    });
    return new RequestBody(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), text.toString(), p.stream());
  }

  /** The conversation split where prompt-flow and custom bodies need it. */
  private record Conversation(List<Map<String, Object>> before, String prompt, List<String[]> turns) {
    /** The latest user message is the prompt; the user/assistant pairs before it are the turns. */
    static Conversation of(List<Map<String, Object>> messages) {
      int last = -1;
      for (int i = messages.size() - 1; i >= 0 && last < 0; i--) {
        if ("user".equals(messages.get(i).get("role"))) {
          last = i;
        }
      }
      if (last < 0) {
        throw new IllegalArgumentException("the conversation has no user message to send");
      }
      List<Map<String, Object>> before = messages.subList(0, last);
      List<String[]> turns = new ArrayList<>();
      String[] open = null;
      for (Map<String, Object> m : before) {
        Object role = m.get("role");
        String content = m.get("content") instanceof String s ? s : "";
        if ("user".equals(role)) {
          open = new String[] {content, ""};
          turns.add(open);
        } else if ("assistant".equals(role) && open != null) {
          open[1] = open[1].isEmpty() ? content : open[1] + "\n" + content;
        }
      }
      Object prompt = messages.get(last).get("content");
      return new Conversation(before, prompt instanceof String s ? s : "", turns);
    }
  }

  private static List<Map<String, Object>> roleAndContent(List<Map<String, Object>> messages) {
    List<Map<String, Object>> out = new ArrayList<>(messages.size());
    for (Map<String, Object> m : messages) {
      Map<String, Object> rc = new LinkedHashMap<>();
      rc.put("role", m.get("role"));
      rc.put("content", m.get("content"));
      out.add(rc);
    }
    return out;
  }

  /** The text contents of {@code messages}, one per line. */
  static String contents(List<Map<String, Object>> messages) {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> m : messages) {
      if (m.get("content") instanceof String c) {
        append(sb, c);
      }
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, String s) {
    if (s.isEmpty()) {
      return;
    }
    if (sb.length() > 0) {
      sb.append('\n');
    }
    sb.append(s);
  }

  private static byte[] write(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("chat messages cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String writeString(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a body template value cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
