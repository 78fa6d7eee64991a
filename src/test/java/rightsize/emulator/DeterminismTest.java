package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static rightsize.emulator.EmulatorTestSupport.body;
import static rightsize.emulator.EmulatorTestSupport.post;

import org.junit.jupiter.api.Test;
import rightsize.emulator.settings.EmulatorSetup;

/** The same seed and request give the same answer, on any deployment and any run. */
class DeterminismTest {

  private static String answer(EmulatorServer server, String deployment, String prompt, int maxTokens) {
    return post(server.uri(), "/score", body(prompt, maxTokens, true, true), "azureml-model-deployment", deployment)
        .streamedText();
  }

  @Test
  void sameSeedSameTextDifferentSeedDifferentText() {
    EmulatorSetup seed42 = EmulatorTestSupport.setup(EmulatorTestSupport.FAST);
    EmulatorSetup seed7 = EmulatorTestSupport.setup(EmulatorTestSupport.FAST + "rightsize.emulator.seed = 7");
    String first;
    String second;
    String onOther;
    String otherPrompt;
    String otherSeed;
    try (EmulatorServer a = EmulatorServer.start(seed42, 0)) {
      first = answer(a, "fast", "Tell me about sizing.", 60);
      onOther = answer(a, "other", "Tell me about sizing.", 60);
      otherPrompt = answer(a, "fast", "Tell me about pricing.", 60);
    }
    try (EmulatorServer b = EmulatorServer.start(seed42, 0)) {
      second = answer(b, "fast", "Tell me about sizing.", 60);
    }
    try (EmulatorServer c = EmulatorServer.start(seed7, 0)) {
      otherSeed = answer(c, "fast", "Tell me about sizing.", 60);
    }
    assertThat(first).isNotEmpty().isEqualTo(second).isEqualTo(onOther);
    assertThat(otherPrompt).isNotEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void outputLengthFollowsMaxTokensAndTheConfiguredFractions() {
    EmulatorSetup exact = EmulatorTestSupport.setup(EmulatorTestSupport.FAST
        + "rightsize.emulator.output-length { min-fraction = 1.0, max-fraction = 1.0 }");
    try (EmulatorServer s = EmulatorServer.start(exact, 0)) {
      for (int max : new int[] {1, 7, 33}) {
        var a = post(s.uri(), "/score", body("len " + max, max, true, true), "azureml-model-deployment", "fast");
        var events = a.jsonEvents();
        assertThat(events.get(events.size() - 1).at("/usage/completion_tokens").asInt()).isEqualTo(max);
        assertThat(events.get(events.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("length");
      }
    }
  }
}
