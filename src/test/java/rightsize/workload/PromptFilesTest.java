package rightsize.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFilesTest {
  @TempDir Path dir;

  @Test
  void readsConversationsSkippingBlankLinesAndCuttingTurns() throws Exception {
    Path file = write("chat.jsonl",
        "{\"id\":\"a\",\"system\":\"Be brief.\",\"turns\":[\"one\",\"two\",\"three\"]}",
        "",
        "{\"turns\":[\"only\"],\"extra\":1}");
    List<Conversation> all = PromptFiles.chatConversations(file, 64, 0);
    assertThat(all).containsExactly(
        new Conversation("a", "Be brief.", List.of("one", "two", "three"), 64),
        new Conversation("chat-3", null, List.of("only"), 64));
    assertThat(PromptFiles.chatConversations(file, 64, 2).get(0).turns()).containsExactly("one", "two");
  }

  @Test
  void turnsADocumentIntoOneSummarizationRequest() throws Exception {
    Path file = write("docs.jsonl", "{\"id\":\"d1\",\"title\":\"T\",\"text\":\"Body text.\"}");
    assertThat(PromptFiles.summarizationRequests(file, "sys", "Summarize this.", 150))
        .containsExactly(new Conversation("d1", "sys", List.of("Summarize this.\n\nBody text."), 150));
  }

  @Test
  void aRelativePathMissingOnDiskIsReadFromTheClasspath() {
    // As on a Gatling Enterprise load generator, where only the package exists.
    Path relative = Path.of("classpath-only", "chat.jsonl");
    assertThat(Files.exists(relative)).isFalse();
    assertThat(PromptFiles.chatConversations(relative, 32, 0))
        .containsExactly(new Conversation("cp", null, List.of("hello from the classpath"), 32));
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.jsonl");
    assertThatThrownBy(() -> PromptFiles.chatConversations(missing, 10, 0))
        .isInstanceOf(PromptFileException.class)
        .hasMessageStartingWith(missing + " not found")
        .hasMessageNotContaining("\n");
  }

  @Test
  void anEmptyFileIsNamed() throws Exception {
    Path empty = write("empty.jsonl", "", "  ");
    assertThatThrownBy(() -> PromptFiles.summarizationRequests(empty, null, "S", 10))
        .isInstanceOf(PromptFileException.class)
        .hasMessage(empty + " is empty: it needs at least one document (one JSON object per line)");
  }

  @Test
  void aMalformedLineIsNamedByNumber() throws Exception {
    Path bad = write("bad.jsonl", "{\"turns\":[\"fine\"]}", "{\"turns\":[\"fine\"]}", "{\"turns\": [\"unterminated}");
    assertThatThrownBy(() -> PromptFiles.chatConversations(bad, 10, 0))
        .isInstanceOf(PromptFileException.class)
        .hasMessageStartingWith(bad + " line 3: not valid JSON")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aLineWithoutTheRequiredFieldIsNamed() throws Exception {
    Path chat = write("chat.jsonl", "{\"turns\":[\"fine\"]}", "{\"turns\":[]}");
    assertThatThrownBy(() -> PromptFiles.chatConversations(chat, 10, 0))
        .hasMessage(chat + " line 2: \"turns\" must be a non-empty array of strings (the user messages)");
    Path docs = write("docs.jsonl", "[1, 2]");
    assertThatThrownBy(() -> PromptFiles.summarizationRequests(docs, null, "S", 10))
        .hasMessage(docs + " line 1: expected one JSON object per line");
    Path noText = write("notext.jsonl", "{\"title\":\"x\"}");
    assertThatThrownBy(() -> PromptFiles.summarizationRequests(noText, null, "S", 10))
        .hasMessage(noText + " line 1: \"text\" must be a non-empty string (the document to summarize)");
  }

  @Test
  void invalidUtf8IsNamedByLine() throws Exception {
    Path file = dir.resolve("latin1.jsonl");
    Files.write(file, "{\"turns\":[\"ok\"]}\n{\"turns\":[\"caf\u00e9\"]}\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> PromptFiles.chatConversations(file, 10, 0))
        .hasMessage(file + " line 2: not UTF-8 text");
  }

  private Path write(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }
}
