package rightsize.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON-lines prompt files (chat conversations, documents) into conversations, checking
 * every line before any load starts.
 *
 * <p>Formats (docs/workloads.md): a conversation line is {@code {"id": "...", "system": "...",
 * "turns": ["...", ...]}} with {@code id} and {@code system} optional; a document line is {@code
 * {"id": "...", "title": "...", "text": "..."}} with {@code id} and {@code title} optional. Blank
 * lines are ignored; unknown fields are allowed.
 */
public final class PromptFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PromptFiles() {}

  /**
   * The conversations of a chat file, each answered with at most {@code maxTokens} tokens and cut
   * to its first {@code maxTurns} turns (0 keeps them all).
   */
  public static List<Conversation> chatConversations(Path file, int maxTokens, int maxTurns) {
    return read(
        file,
        "conversation",
        (line, node) -> {
          List<String> turns = new ArrayList<>();
          JsonNode array = node.get("turns");
          if (array == null || !array.isArray() || array.isEmpty()) {
            throw line.problem("\"turns\" must be a non-empty array of strings (the user messages)");
          }
          for (JsonNode turn : array) {
            if (!turn.isTextual() || turn.asText().isBlank()) {
              throw line.problem("every element of \"turns\" must be a non-empty string");
            }
            turns.add(turn.asText());
          }
          if (maxTurns > 0 && turns.size() > maxTurns) {
            turns = turns.subList(0, maxTurns);
          }
          return new Conversation(
              optionalText(line, node, "id", "chat-" + line.number()),
              optionalText(line, node, "system", null),
              turns,
              maxTokens);
        });
  }

  /**
   * One single-turn conversation per document of a documents file: the {@code instruction}, a
   * blank line, then the document's text, under the {@code system} message (none when null).
   */
  public static List<Conversation> summarizationRequests(
      Path file, String system, String instruction, int maxTokens) {
    return read(
        file,
        "document",
        (line, node) -> {
          JsonNode text = node.get("text");
          if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw line.problem("\"text\" must be a non-empty string (the document to summarize)");
          }
          return new Conversation(
              optionalText(line, node, "id", "doc-" + line.number()),
              system,
              List.of(instruction + "\n\n" + text.asText()),
              maxTokens);
        });
  }

  /** Where a line came from, to name it in errors. */
  private record Line(Path file, long number) {
    PromptFileException problem(String what) {
      return new PromptFileException(file + " line " + number + ": " + what);
    }
  }

  private interface LineParser {
    Conversation parse(Line line, JsonNode node);
  }

  /**
   * Reads the file from disk, or, for a relative path missing on disk, from the classpath: the
   * bundled data/ files travel inside a Gatling Enterprise package, where no working copy exists.
   */
  private static byte[] readBytes(Path file) {
    try {
      if (Files.isRegularFile(file)) {
        return Files.readAllBytes(file);
      }
      if (!file.isAbsolute()) {
        String resource = file.normalize().toString().replace(java.io.File.separatorChar, '/');
        try (InputStream in = PromptFiles.class.getClassLoader().getResourceAsStream(resource)) {
          if (in != null) {
            return in.readAllBytes();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    throw new PromptFileException(
        file + " not found (working directory " + Path.of("").toAbsolutePath() + ")");
  }

  private static List<Conversation> read(Path file, String itemName, LineParser parser) {
    byte[] bytes = readBytes(file);
    // Lines are decoded one by one (strictly), so a bad byte is reported on its own line.
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    List<Conversation> items = new ArrayList<>();
    long number = 0;
    int from = 0;
    while (from < bytes.length) {
      int to = from;
      while (to < bytes.length && bytes[to] != '\n') {
        to++;
      }
      number++;
      Line line = new Line(file, number);
      String text;
      try {
        text = utf8.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
      } catch (CharacterCodingException e) {
        throw line.problem("not UTF-8 text");
      }
      from = to + 1;
      if (number == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw line.problem("not valid JSON (" + e.getOriginalMessage() + ")");
      }
      if (node == null || !node.isObject()) {
        throw line.problem("expected one JSON object per line");
      }
      items.add(parser.parse(line, node));
    }
    if (items.isEmpty()) {
      throw new PromptFileException(
          file + " is empty: it needs at least one " + itemName + " (one JSON object per line)");
    }
    return List.copyOf(items);
  }

  private static String optionalText(Line line, JsonNode node, String field, String fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw line.problem("\"" + field + "\" must be a string");
    }
    return value.asText();
  }
}
