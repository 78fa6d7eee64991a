package rightsize.emulator.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rightsize.config.RightsizeSettings;
import rightsize.config.WireFormat;
import rightsize.emulator.settings.DeploymentSpec;
import rightsize.emulator.settings.EmulatorSetup;

/**
 * config/examples/promptflow-app.conf passes validation as a run reads it, and its three sizes of
 * the same prompt-flow app differ by CPU queueing in the app: the default sweep run in virtual time
 * breaks the SLO on F2s_v2 first, F8s_v2 last.
 */
class PromptflowAppExampleTest {
  private static final Path EXAMPLE = Path.of("config/examples/promptflow-app.conf");

  @Test
  void theExampleIsValidAndServesThePromptFlowAppOnThreeSizes() {
    RightsizeSettings settings = RightsizeSettings.fromFile(EXAMPLE, Map.of());
    EmulatorSetup setup = EmulatorSetup.of(settings);
    assertThat(setup.deployments()).extracting(DeploymentSpec::name)
        .containsExactly("Standard_F2s_v2", "Standard_F4s_v2", "Standard_F8s_v2");
    assertThat(setup.deployments()).allSatisfy(d -> {
      assertThat(d.wireFormat()).isEqualTo(WireFormat.PROMPTFLOW);
      assertThat(d.flow().outputField()).isEqualTo("answer");
      assertThat(d.profile().app()).isNotNull();
    });
    assertThat(setup.deployments()).extracting(d -> d.profile().app().vcpus()).containsExactly(2, 4, 8);
    assertThat(setup.deployments()).extracting(d -> d.profile().app().cpuLanes()).containsExactly(2, 4, 8);
    assertThat(setup.deployments()).extracting(d -> d.profile().concurrencyLimit()).containsExactly(64, 128, 256);
    assertThat(settings.population().closed().users()).containsExactly(1, 20, 50, 100);
  }

  @Test
  void theSizesBreakTheSloAtDifferentLoadsBecauseRequestsQueueForVcpus() {
    RightsizeSettings settings = RightsizeSettings.from(ConfigFactory.parseFile(EXAMPLE.toFile()), k -> null);
    EmulatorSetup setup = EmulatorSetup.of(settings);
    int maxTokens = setup.settings().outputLength().defaultMaxTokens();
    List<DefaultProfilesSweepTest.Step> steps = new ArrayList<>();
    for (DeploymentSpec spec : setup.deployments()) {
      for (int users : new int[] {1, 20, 50, 100}) {
        steps.add(DefaultProfilesSweepTest.run(spec, setup.settings().outputLength(), users, 42, maxTokens));
      }
    }
    steps.forEach(System.out::println);
    // Alone, the sizes are alike: the model's latency dominates and one request uses one vCPU.
    double f2Alone = step(steps, "Standard_F2s_v2", 1).p95TtftS();
    assertThat(step(steps, "Standard_F8s_v2", 1).p95TtftS()).isCloseTo(f2Alone, org.assertj.core.data.Offset.offset(0.05));
    assertThat(step(steps, "Standard_F2s_v2", 20).meetsSlo()).isTrue();
    assertThat(step(steps, "Standard_F2s_v2", 50).meetsSlo()).isFalse();
    assertThat(step(steps, "Standard_F4s_v2", 50).meetsSlo()).isTrue();
    assertThat(step(steps, "Standard_F4s_v2", 100).meetsSlo()).isFalse();
    assertThat(step(steps, "Standard_F8s_v2", 100).meetsSlo()).isTrue();
  }

  private static DefaultProfilesSweepTest.Step step(List<DefaultProfilesSweepTest.Step> steps, String name, int users) {
    return steps.stream().filter(s -> s.deployment().equals(name) && s.users() == users).findFirst().orElseThrow();
  }
}
