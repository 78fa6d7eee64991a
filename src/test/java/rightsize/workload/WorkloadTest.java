package rightsize.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import rightsize.config.InvalidConfigException;
import rightsize.config.RightsizeSettings;
import rightsize.config.WorkloadSettings;
import rightsize.metrics.TokenCounter;

class WorkloadTest {
  private static final WorkloadSettings REFERENCE = RightsizeSettings.reference().workload();

  @Test
  void theDefaultIsTheChatbotOverTheProjectsConversationsInASeededOrder() {
    Workload chat = Workload.from(REFERENCE);
    assertThat(chat.name()).isEqualTo("chatbot");
    assertThat(chat.requestName()).isEqualTo("chat");
    assertThat(chat.conversations()).hasSize(240);
    assertThat(chat.conversations()).extracting(Conversation::maxTokens).containsOnly(REFERENCE.chatbot().maxTokens());
    List<String> ids = chat.conversations().stream().map(Conversation::id).toList();
    assertThat(ids).isNotEqualTo(ids.stream().sorted().toList()).as("shuffled");
    assertThat(Workload.from(REFERENCE).conversations()).isEqualTo(chat.conversations()).as("same seed, same order");
    assertThat(Workload.from(config("workload.seed = 7")).conversations()).isNotEqualTo(chat.conversations());
    assertThat(Workload.from(config("workload.chatbot.max-turns = 1")).conversations())
        .allSatisfy(c -> assertThat(c.turns()).hasSize(1));
  }

  @Test
  void summarizationSendsEachDocumentAfterTheInstruction() {
    Workload docs = Workload.from(config("workload.kind = summarization"));
    assertThat(docs.requestName()).isEqualTo("summarize");
    assertThat(docs.conversations()).hasSize(50).allSatisfy(c -> {
      assertThat(c.turns()).hasSize(1);
      assertThat(c.turns().get(0)).startsWith("Summarize the following document in three to five sentences.\n\n# ");
      assertThat(c.system()).isEqualTo("You are an assistant that writes accurate, concise summaries.");
      assertThat(c.maxTokens()).isEqualTo(150);
    });
    assertThat(Workload.from(config("workload { kind = summarization, summarization.system = \"\" }"))
        .conversations().get(0).system()).isNull();
  }

  @Test
  void syntheticPromptsHaveExactlyTheDrawnLengthAndRepeatForASeed() {
    WorkloadSettings c = config("""
        workload { kind = synthetic, synthetic {
          input-tokens { distribution = uniform, min = 1, max = 3000 }
          max-tokens { distribution = normal, mean = 128, stddev = 32, min = 32, max = 256 }
          prompts = 60 } }
        """);
    Workload synthetic = Workload.from(c);
    TokenCounter o200k = TokenCounter.forEncoding("o200k_base");
    assertThat(synthetic.requestName()).isEqualTo("generate");
    assertThat(synthetic.conversations()).hasSize(60);
    List<Integer> lengths = synthetic.conversations().stream().map(p -> o200k.count(p.turns().get(0))).toList();
    assertThat(lengths).allMatch(n -> n >= 1 && n <= 3000);
    assertThat(lengths.stream().distinct().count()).isGreaterThan(50);
    assertThat(synthetic.conversations()).extracting(Conversation::maxTokens).allMatch(n -> n >= 32 && n <= 256);
    assertThat(Workload.from(c).conversations()).isEqualTo(synthetic.conversations());

    Workload fixed = Workload.from(config("workload { kind = synthetic, synthetic { input-tokens = 512, max-tokens = 64, prompts = 5 } }"));
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
    assertThat(problems("workload.kind = rag")).containsExactly(
        "rightsize.workload.kind 'rag' is not a workload kind: use chatbot, summarization, synthetic in application.conf: 1");
    assertThat(problems("workload { kind = synthetic, synthetic.max-tokens { distribution = uniform, min = 9, max = 1 } }")).containsExactly(
        "rightsize.workload.synthetic.max-tokens is not a valid distribution (uniform distribution: max 1 < min 9): fix it in application.conf: 1");
    assertThat(problems("workload.chatbot.max-tokens = 0")).containsExactly(
        "rightsize.workload.chatbot.max-tokens is 0: set a whole number >= 1 in application.conf: 1");
    assertThatThrownBy(() -> Workload.from(config("workload.chatbot.file = \"data/missing.jsonl\"")))
        .isInstanceOf(PromptFileException.class)
        .hasMessageStartingWith("data/missing.jsonl not found");
  }

  private static WorkloadSettings config(String hocon) {
    return RightsizeSettings.from(parse(hocon), System::getenv).workload();
  }

  private static List<String> problems(String hocon) {
    return catchThrowableOfType(InvalidConfigException.class, () -> RightsizeSettings.from(parse(hocon), System::getenv)).problems();
  }

  /** {@code hocon} inside the rightsize block, as if written on the first lines of application.conf. */
  private static Config parse(String hocon) {
    return ConfigFactory.parseString("rightsize { " + hocon + "\n}", ConfigParseOptions.defaults().setOriginDescription("application.conf"));
  }
}
