package rightsize.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import rightsize.metrics.TokenCounter;

class WorkloadTest {
  private static final Config REFERENCE = ConfigFactory.defaultReference().getConfig("rightsize");

  @Test
  void theDefaultIsTheChatbotOverTheProjectsConversationsInASeededOrder() {
    Workload chat = Workload.fromConfig(REFERENCE);
    assertThat(chat.name()).isEqualTo("chatbot");
    assertThat(chat.requestName()).isEqualTo("chat");
    assertThat(chat.conversations()).hasSize(240);
    assertThat(chat.conversations()).extracting(Conversation::maxTokens).containsOnly(REFERENCE.getInt("workload.chatbot.max-tokens"));
    List<String> ids = chat.conversations().stream().map(Conversation::id).toList();
    assertThat(ids).isNotEqualTo(ids.stream().sorted().toList()).as("shuffled");
    assertThat(Workload.fromConfig(REFERENCE).conversations()).isEqualTo(chat.conversations()).as("same seed, same order");
    assertThat(Workload.fromConfig(config("workload.seed = 7")).conversations()).isNotEqualTo(chat.conversations());
    assertThat(Workload.fromConfig(config("workload.chatbot.max-turns = 1")).conversations())
        .allSatisfy(c -> assertThat(c.turns()).hasSize(1));
  }

  @Test
  void summarizationSendsEachDocumentAfterTheInstruction() {
    Workload docs = Workload.fromConfig(config("workload.kind = summarization"));
    assertThat(docs.requestName()).isEqualTo("summarize");
    assertThat(docs.conversations()).hasSize(50).allSatisfy(c -> {
      assertThat(c.turns()).hasSize(1);
      assertThat(c.turns().get(0)).startsWith("Summarize the following document in three to five sentences.\n\n# ");
      assertThat(c.system()).isEqualTo("You are an assistant that writes accurate, concise summaries.");
      assertThat(c.maxTokens()).isEqualTo(150);
    });
    assertThat(Workload.fromConfig(config("workload { kind = summarization, summarization.system = \"\" }"))
        .conversations().get(0).system()).isNull();
  }

  @Test
  void syntheticPromptsHaveExactlyTheDrawnLengthAndRepeatForASeed() {
    Config c = config("""
        workload { kind = synthetic, synthetic {
          input-tokens { distribution = uniform, min = 1, max = 3000 }
          max-tokens { distribution = normal, mean = 128, stddev = 32, min = 32, max = 256 }
          prompts = 60 } }
        """);
    Workload synthetic = Workload.fromConfig(c);
    TokenCounter o200k = TokenCounter.forEncoding("o200k_base");
    assertThat(synthetic.requestName()).isEqualTo("generate");
    assertThat(synthetic.conversations()).hasSize(60);
    List<Integer> lengths = synthetic.conversations().stream().map(p -> o200k.count(p.turns().get(0))).toList();
    assertThat(lengths).allMatch(n -> n >= 1 && n <= 3000);
    assertThat(lengths.stream().distinct().count()).isGreaterThan(50);
    assertThat(synthetic.conversations()).extracting(Conversation::maxTokens).allMatch(n -> n >= 32 && n <= 256);
    assertThat(Workload.fromConfig(c).conversations()).isEqualTo(synthetic.conversations());

    Workload fixed = Workload.fromConfig(config("workload { kind = synthetic, synthetic { input-tokens = 512, max-tokens = 64, prompts = 5 } }"));
    assertThat(fixed.conversations()).allSatisfy(p -> {
      assertThat(o200k.count(p.turns().get(0))).isEqualTo(512);
      assertThat(p.maxTokens()).isEqualTo(64);
      assertThat(p.system()).isNull();
    });
    assertThat(fixed.conversations().get(0).turns().get(0)).startsWith("Continue this text: ");
  }

  @Test
  void syntheticPromptsAreExactAtEveryLength() {
    SyntheticPrompts prompts = new SyntheticPrompts(TokenCounter.forEncoding("o200k_base"));
    TokenCounter o200k = TokenCounter.forEncoding("o200k_base");
    java.util.Random random = new java.util.Random(1);
    for (int n = 1; n <= 300; n++) {
      assertThat(o200k.count(prompts.prompt(n, random))).as("length %d", n).isEqualTo(n);
    }
  }

  @Test
  void badSettingsAreOneLine() {
    assertThatThrownBy(() -> Workload.fromConfig(config("workload.kind = rag")))
        .hasMessage("rightsize.workload.kind must be chatbot, summarization or synthetic, was \"rag\"");
    assertThatThrownBy(() -> Workload.fromConfig(config("workload { kind = synthetic, synthetic.max-tokens { distribution = uniform, min = 9, max = 1 } }")))
        .hasMessage("workload.synthetic.max-tokens: uniform distribution: max 1 < min 9");
    assertThatThrownBy(() -> Workload.fromConfig(config("workload.chatbot.file = \"data/missing.jsonl\"")))
        .isInstanceOf(PromptFileException.class)
        .hasMessageStartingWith("data/missing.jsonl not found");
  }

  private static Config config(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(REFERENCE).resolve();
  }
}
