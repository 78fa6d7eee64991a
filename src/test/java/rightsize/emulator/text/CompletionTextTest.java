package rightsize.emulator.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;

class CompletionTextTest {
  private static final CompletionText O200K = CompletionText.forEncoding("o200k_base");

  @Test
  void theSameSeedPlansTheSameTextAndAnotherSeedAnotherText() {
    assertThat(O200K.plan(7, 50)).containsExactly(O200K.plan(7, 50));
    assertThat(String.join("", O200K.plan(8, 50))).isNotEqualTo(String.join("", O200K.plan(7, 50)));
  }

  @Test
  void theTextReEncodesToExactlyThePlannedNumberOfTokens() {
    Encoding tokenizer = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    for (long seed = 1; seed <= 8; seed++) {
      for (int n : new int[] {1, 2, 3, 17, 128, 256, 1000}) {
        String text = CompletionText.text(O200K.plan(seed, n), 0, n);
        assertThat(tokenizer.countTokens(text)).as("seed %d, %d tokens: %s", seed, n, text).isEqualTo(n);
      }
    }
  }

  @Test
  void otherEncodingsWorkToo() {
    CompletionText cl100k = CompletionText.forEncoding("cl100k_base");
    Encoding tokenizer = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    String text = CompletionText.text(cl100k.plan(3, 300), 0, 300);
    assertThat(tokenizer.countTokens(text)).isEqualTo(300);
  }

  @Test
  void chunksConcatenateToTheWholeText() {
    String[] plan = O200K.plan(11, 40);
    StringBuilder chunks = new StringBuilder();
    for (int i = 0; i < 40; i += 3) {
      chunks.append(CompletionText.text(plan, i, Math.min(40, i + 3)));
    }
    assertThat(chunks.toString()).isEqualTo(CompletionText.text(plan, 0, 40));
  }

  @Test
  void itReadsLikeSentences() {
    String text = CompletionText.text(O200K.plan(5, 200), 0, 200);
    assertThat(text).matches("[A-Z][a-z]*( [A-Za-z]+|,|\\.)*");
    assertThat(text).contains(". ");
  }

  @Test
  void anUnknownEncodingIsNamedInTheError() {
    assertThatThrownBy(() -> CompletionText.forEncoding("gpt9_base"))
        .hasMessageContaining("unknown tokenizer encoding 'gpt9_base'");
  }

  @Test
  void promptTokensFollowOpenAisChatFormula() throws Exception {
    Encoding enc = O200K.encoding();
    var messages = new ObjectMapper().readTree(
        "[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello there\"}],\"name\":\"ann\"}]");
    int expected = 3
        + 3 + enc.countTokens("system") + enc.countTokens("Be brief.")
        + 3 + enc.countTokens("user") + enc.countTokens("Hello there") + 1 + enc.countTokens("ann");
    assertThat(PromptTokens.count(messages, enc)).isEqualTo(expected);
  }
}
