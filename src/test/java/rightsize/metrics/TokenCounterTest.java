package rightsize.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenCounterTest {

  @Test
  void countsWithTheNamedEncodingAndDefaultsToO200k() {
    assertThat(TokenCounter.forEncoding("o200k_base").count("Say hello to the world.")).isEqualTo(6);
    assertThat(TokenCounter.forEncoding("cl100k_base").count("Hello world")).isEqualTo(2);
    assertThat(TokenCounter.forEncoding(null).encodingName()).isEqualTo("o200k_base");
    assertThat(TokenCounter.forEncoding(" ").encodingName()).isEqualTo("o200k_base");
  }

  @Test
  void encodingsAreLoadedOnceAndShared() {
    assertThat(TokenCounter.forEncoding("o200k_base")).isSameAs(TokenCounter.forEncoding(null));
  }

  @Test
  void specialTokenMarkersInAnAnswerCountAsText() {
    assertThat(TokenCounter.forEncoding("o200k_base").count("<|endoftext|> end")).isEqualTo(8);
  }

  @Test
  void unknownEncodingIsOneClearError() {
    assertThatThrownBy(() -> TokenCounter.forEncoding("o300k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokenizer encoding 'o300k' is unknown: use one of r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base");
  }
}
