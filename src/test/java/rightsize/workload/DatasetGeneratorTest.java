package rightsize.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {
  private static final Path DATA = Path.of("data");

  @Test
  void committedDataIsExactlyTheGeneratorsOutput(@TempDir Path dir) throws Exception {
    new DatasetGenerator().writeTo(dir);
    for (String file : List.of(DatasetGenerator.CHAT_FILE, DatasetGenerator.DOCUMENTS_FILE)) {
      assertThat(Files.readString(DATA.resolve(file)))
          .as("data/%s is stale: run java src/test/java/rightsize/workload/DatasetGenerator.java data", file)
          .isEqualTo(Files.readString(dir.resolve(file)));
    }
    assertThat(DATA.resolve("LICENSE-prompts.md")).exists();
  }

  @Test
  void conversationsAreManyVariedAndMultiTurn() {
    List<Conversation> chats = PromptFiles.chatConversations(DATA.resolve(DatasetGenerator.CHAT_FILE), 200, 0);
    assertThat(chats).hasSizeGreaterThanOrEqualTo(200);
    assertThat(chats.stream().map(Conversation::id).distinct()).hasSize(chats.size());
    Set<Integer> turnCounts = chats.stream().map(c -> c.turns().size()).collect(Collectors.toSet());
    assertThat(turnCounts).contains(1, 2, 3, 4, 5, 6);
    assertThat(chats.stream().filter(c -> c.system() != null).count()).isBetween(150L, 220L);
    assertThat(chats.stream().map(c -> c.turns().get(0)).distinct().count()).isGreaterThan(200);
  }

  @Test
  void documentsRangeFromAFewHundredToSeveralThousandTokens() {
    Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    List<Conversation> docs =
        PromptFiles.summarizationRequests(DATA.resolve(DatasetGenerator.DOCUMENTS_FILE), null, "Summarize.", 100);
    assertThat(docs).hasSize(50);
    List<Integer> tokens = docs.stream().map(d -> o200k.countTokens(d.turns().get(0))).sorted().toList();
    assertThat(tokens.get(0)).isBetween(300, 600);
    assertThat(tokens.get(tokens.size() - 1)).isBetween(4000, 8000);
    // Spread over the range, not bunched at the ends: a quarter under 800, a quarter over 2500.
    assertThat(tokens.stream().filter(t -> t < 800).count()).isGreaterThanOrEqualTo(10);
    assertThat(tokens.stream().filter(t -> t > 2500).count()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void dataStaysSmall() throws Exception {
    long bytes = Files.size(DATA.resolve(DatasetGenerator.CHAT_FILE)) + Files.size(DATA.resolve(DatasetGenerator.DOCUMENTS_FILE));
    assertThat(bytes).isLessThan(2_000_000);
  }
}
