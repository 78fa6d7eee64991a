package rightsize.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import rightsize.config.RightsizeSettings;
import rightsize.config.WireFormat;
import rightsize.config.WireFormatSettings;

/** The genai protocol switches a deployment's wire format in code as the config does. */
class WireFormatDslTest {
  private static final RightsizeSettings SETTINGS = RightsizeSettings.reference();

  private static GenAiProtocolBuilder protocol() {
    return new GenAiProtocolBuilder(SETTINGS.deployments().get(0), SETTINGS.request());
  }

  @Test
  void theProtocolSpeaksTheConfiguredFormatUnlessToldOtherwise() {
    assertThat(protocol().wireFormat()).isEqualTo(new WireFormatSettings.OpenAiChat());
    GenAiProtocolBuilder flow = protocol().wireFormat(WireFormatSettings.promptFlow("chat_input", "chat_history", "chat_output"));
    assertThat(flow.wireFormat()).isEqualTo(new WireFormatSettings.PromptFlow("chat_input", "chat_history", "chat_output", Map.of()));
    assertThat(flow.deployment().wireFormat().format()).isEqualTo(WireFormat.PROMPTFLOW);
    assertThat(flow.deployment().name()).isEqualTo(protocol().deployment().name());
    assertThat(protocol().wireFormat(WireFormatSettings.amlChat()).wireFormat().format()).isEqualTo(WireFormat.AML_CHAT);
    WireFormatSettings.Custom custom = (WireFormatSettings.Custom) WireFormatSettings.custom(
        "{\"q\": ${prompt}, \"n\": ${max_tokens}}", "/answer", "/delta", "");
    assertThat(custom.stream().deltaPointer().toString()).isEqualTo("/delta");
    assertThatThrownBy(() -> WireFormatSettings.custom("{\"q\": \"${prompt}\"}", "/answer", "", ""))
        .hasMessageStartingWith("the custom body template is not valid JSON once its placeholders are filled")
        .hasMessageContaining("each ${...} standing for a whole value");
  }
}
