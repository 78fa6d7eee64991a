package rightsize.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import org.junit.jupiter.api.Test;

/** An emulated deployment's wire format, flow fields and application profile, read and checked before load. */
class EmulatedApplicationSettingsTest {
  private static final ConfigParseOptions AS_APPLICATION_CONF =
      ConfigParseOptions.defaults().setOriginDescription("application.conf");

  private static RightsizeSettings parse(String hocon) {
    return RightsizeSettings.from(ConfigFactory.parseString(hocon, AS_APPLICATION_CONF), k -> null);
  }

  private static InvalidConfigException invalid(String hocon) {
    return catchThrowableOfType(InvalidConfigException.class, () -> parse(hocon));
  }

  @Test
  void anEmulatedDeploymentAnswersOpenAiChatUnlessToldOtherwise() {
    EmulatedDeployment e = parse("").deployments().get(0).emulator();
    assertThat(e.wireFormat()).isEqualTo(WireFormat.OPENAI_CHAT);
    assertThat(e.flow()).isNull();
    assertThat(e.app()).isNull();
  }

  @Test
  void anApplicationTakesItsVcpusFromTheVmCatalog() {
    RightsizeSettings s = parse("""
        rightsize.deployments = [
          { name = f2, vm-size = Standard_F2s_v2, wire-format = promptflow, emulator.profile = promptflow-app }
          { name = f8, vm-size = standard_f8s_v2, wire-format = promptflow, emulator.profile = promptflow-app,
            promptflow { input-field = chat_input, output-field = chat_output } }
          { name = own, vm-size = "", emulator { profile = promptflow-app, vcpus = 3 } }
        ]
        """);
    EmulatedDeployment f2 = s.deployment("f2").emulator();
    assertThat(f2.vcpus()).isEqualTo(2);
    assertThat(f2.app().cpuMsPerRequest()).isEqualTo(250.0);
    assertThat(f2.app().workers(f2.vcpus())).isEqualTo(4);
    assertThat(f2.wireFormat()).isEqualTo(WireFormat.PROMPTFLOW);
    assertThat(f2.flow()).isEqualTo(new EmulatedDeployment.FlowFields("question", "chat_history", "answer"));
    EmulatedDeployment f8 = s.deployment("f8").emulator();
    assertThat(f8.vcpus()).isEqualTo(8);
    assertThat(f8.flow()).isEqualTo(new EmulatedDeployment.FlowFields("chat_input", "chat_history", "chat_output"));
    assertThat(s.deployment("own").emulator().vcpus()).isEqualTo(3);
  }

  @Test
  void anApplicationWithoutKnownVcpusOrAnUnknownFormatIsRefusedBeforeLoad() {
    assertThat(invalid("""
        rightsize.deployments = [
          { name = odd, vm-size = Standard_Q3, emulator.profile = promptflow-app }
          { name = none, emulator.profile = promptflow-app }
          { name = typo, wire-format = prompt-flow }
        ]
        """).problems()).containsExactly(
        "rightsize.deployments[0].emulator.profile is an application profile, which needs the VM's vCPUs, but the"
            + " deployment has vm-size 'Standard_Q3', which the VM catalog data/vm-catalog.csv does not list: set"
            + " vm-size to a size of the catalog, or emulator.vcpus for deployment 'odd' in application.conf: 2",
        "rightsize.deployments[1].emulator.profile is an application profile, which needs the VM's vCPUs, but the"
            + " deployment has no vm-size: set vm-size to a size of the catalog, or emulator.vcpus for deployment"
            + " 'none' in application.conf: 3",
        "rightsize.deployments[2].wire-format 'prompt-flow' is not a wire format: use openai-chat, promptflow,"
            + " aml-chat, custom for deployment 'typo' in application.conf: 4");
  }

  @Test
  void anApplicationProfileIsCheckedLikeEveryProfile() {
    assertThat(invalid("""
        rightsize.emulator.app-profiles.slow-app {
          cpu-ms-per-request = 0, workers-per-vcpu = 1, threads-per-worker = 0
          model { first-token-ms = 100, prefill-tokens-per-second = 1000, decode-tokens-per-second = 50 }
        }
        rightsize.emulator.app-profiles.cpu-small {
          cpu-ms-per-request = 10, workers-per-vcpu = 1, threads-per-worker = 1
          model { first-token-ms = 100, prefill-tokens-per-second = 1000, decode-tokens-per-second = 50 }
        }
        """).problems()).containsExactly(
        "rightsize.emulator.app-profiles.cpu-small is also the name of a serving profile: give the application"
            + " profile its own name in application.conf: 5",
        "rightsize.emulator.app-profiles.slow-app.cpu-ms-per-request is 0.0: set a number > 0 in application.conf: 2",
        "rightsize.emulator.app-profiles.slow-app.threads-per-worker is 0: set a whole number >= 1 in application.conf: 2");
  }
}
