package rightsize.emulator.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.api.Encoding;

/**
 * Counts the prompt tokens of a chat-completions {@code messages} array the way OpenAI documents
 * for its chat models: 3 tokens per message, plus the tokens of its role, content and name (1 more
 * for a name), plus 3 that prime the reply.
 */
public final class PromptTokens {
  private static final int PER_MESSAGE = 3;
  private static final int PER_NAME = 1;
  private static final int REPLY_PRIMING = 3;

  private PromptTokens() {}

  /** Prompt tokens of {@code messages} (an array of message objects) in {@code encoding}. */
  public static int count(JsonNode messages, Encoding encoding) {
    int total = REPLY_PRIMING;
    for (JsonNode message : messages) {
      total += PER_MESSAGE;
      total += encoding.countTokens(message.path("role").asText(""));
      total += countContent(message.path("content"), encoding);
      if (message.hasNonNull("name")) {
        total += PER_NAME + encoding.countTokens(message.get("name").asText());
      }
    }
    return total;
  }

  private static int countContent(JsonNode content, Encoding encoding) {
    if (content.isTextual()) {
      return encoding.countTokens(content.asText());
    }
    int total = 0;
    if (content.isArray()) {
      for (JsonNode part : content) {
        if (part.path("text").isTextual()) {
          total += encoding.countTokens(part.get("text").asText());
        }
      }
    }
    return total;
  }
}
