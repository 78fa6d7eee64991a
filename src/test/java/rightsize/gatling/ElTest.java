package rightsize.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class ElTest {
  private static final List<Map<String, Object>> HISTORY =
      List.of(Map.of("role", "system", "content", "Be brief."), Map.of("role", "user", "content", "Hi"));

  @Test
  void messagesComeFromJavaListsScalaSeqsOrJsonArrays() {
    assertThat(El.messages(HISTORY, "h")).isEqualTo(HISTORY);
    assertThat(El.messages(CollectionConverters.asScala(HISTORY).toSeq(), "h")).isEqualTo(HISTORY);
    assertThat(El.messages("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]", "h"))
        .isEqualTo(HISTORY);
  }

  @Test
  void badMessagesSayWhatIsWrong() {
    assertThatThrownBy(() -> El.messages(42, "'#{history}'")).hasMessage("'#{history}' is a Integer, not a list of messages");
    assertThatThrownBy(() -> El.messages(List.of(), "'#{history}'")).hasMessage("'#{history}' is an empty list of messages");
    assertThatThrownBy(() -> El.messages(List.of(Map.of("content", "x")), "'#{history}'"))
        .hasMessage("'#{history}' holds {content=x}, not a message with a role and content");
    assertThatThrownBy(() -> El.messages("not json", "'#{history}'")).hasMessageStartingWith("'#{history}' is a string but not a JSON array of messages");
  }

  @Test
  void aChatWithoutMessagesIsRejectedWhenTheScenarioIsBuilt() {
    assertThatThrownBy(() -> GenAi.genai.chat("ask").maxTokens(10).asScala())
        .hasMessage("genai.chat(\"ask\") has nothing to send: add .messages(...) or .prompt(...)");
    assertThatThrownBy(() -> GenAi.genai.chat(" ")).hasMessage("genai.chat needs a request name");
    assertThatThrownBy(() -> GenAi.genai.chat("ask").maxTokens(0)).hasMessage("maxTokens must be > 0, got 0");
  }
}
