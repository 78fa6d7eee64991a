package rightsize.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.config.AuthType;
import rightsize.config.RightsizeSettings;
import rightsize.config.TargetKind;

class ProfileChooserTest {
  private static final Path NIGHTLY = Path.of("config/nightly.conf");
  private static final Path FALLBACK = Path.of("config/nightly-emulator.conf");

  @TempDir Path dir;

  @Test
  void withoutEndpointVariablesTheCommittedNightlyFallsBackToTheEmulator() {
    ProfileChooser.Choice choice = ProfileChooser.choose(NIGHTLY, FALLBACK, Map.of("HOME", "/root"));

    assertThat(choice.fallback()).isTrue();
    assertThat(choice.config()).isEqualTo(FALLBACK);
    assertThat(choice.reason()).startsWith("emulator fallback: no endpoint configured for nightly");
  }

  @Test
  void withTheEndpointVariableSetTheCommittedNightlyIsChosen() {
    ProfileChooser.Choice choice =
        ProfileChooser.choose(
            NIGHTLY,
            FALLBACK,
            Map.of(
                "RIGHTSIZE_NIGHTLY_ENDPOINT", "https://staging.openai.azure.com",
                "RIGHTSIZE_NIGHTLY_NAME", "staging-gpt-4o-mini"));

    assertThat(choice.fallback()).isFalse();
    assertThat(choice.config()).isEqualTo(NIGHTLY);
    assertThat(choice.reason()).isEqualTo("nightly targets: staging-gpt-4o-mini");
  }

  @Test
  void theVariablesReachTheDeploymentTheRunWillUse() {
    var resolved =
        RightsizeSettings.fromFile(
            NIGHTLY,
            Map.of(
                "RIGHTSIZE_NIGHTLY_ENDPOINT", "https://ep.eastus.inference.ml.azure.com",
                "RIGHTSIZE_NIGHTLY_KIND", "aml-online-endpoint",
                "RIGHTSIZE_NIGHTLY_VM_SIZE", "Standard_F4s_v2",
                "RIGHTSIZE_NIGHTLY_AUTH", "bearer",
                "RIGHTSIZE_API_KEY", "k-1"));

    var deployment = resolved.allDeployments().get(0);
    assertThat(deployment.endpoint()).isEqualTo("https://ep.eastus.inference.ml.azure.com");
    assertThat(deployment.kind()).isEqualTo(TargetKind.AML_ONLINE_ENDPOINT);
    assertThat(deployment.vmSize()).isEqualTo("Standard_F4s_v2");
    assertThat(deployment.auth().type()).isEqualTo(AuthType.BEARER);
    assertThat(resolved.slo().enforce()).isFalse();
  }

  @Test
  void theFallbackKeepsTheNightlySettingsButTargetsOnlyTheEmulator() {
    var resolved = RightsizeSettings.fromFile(FALLBACK, Map.of("RIGHTSIZE_NIGHTLY_ENDPOINT", "https://x"));

    assertThat(resolved.allDeployments()).allSatisfy(d -> assertThat(d.kind()).isEqualTo(TargetKind.EMULATOR));
    assertThat(resolved.slo().enforce()).isFalse();
  }

  @Test
  void aHalfConfiguredNightlyIsAnErrorNotASilentEmulatorRun() throws Exception {
    Path config = dir.resolve("two.conf");
    Files.writeString(
        config,
        """
        rightsize.deployments = [
          { name = a, kind = azure-openai, endpoint = ${?A_ENDPOINT} },
          { name = b, kind = aml-online-endpoint, endpoint = ${?B_ENDPOINT} }
        ]
        """);

    assertThatThrownBy(() -> ProfileChooser.choose(config, FALLBACK, Map.of("A_ENDPOINT", "https://a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "deployments b in " + config + " have no endpoint while a do: set their endpoint variables"
                + " or remove them from the nightly config");
  }

  @Test
  void aChosenNightlyIsValidatedAsTheRunWillValidateIt() {
    // auth api-key with no key in the environment: the run would refuse to start.
    assertThatThrownBy(
            () ->
                ProfileChooser.choose(
                    NIGHTLY,
                    FALLBACK,
                    Map.of("RIGHTSIZE_NIGHTLY_ENDPOINT", "https://staging.openai.azure.com", "RIGHTSIZE_NIGHTLY_AUTH", "api-key")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(NIGHTLY + " is invalid: ")
        .hasMessageContaining("RIGHTSIZE_API_KEY");
  }

  @Test
  void aMissingConfigFileIsNamed() {
    assertThatThrownBy(() -> ProfileChooser.choose(dir.resolve("nope.conf"), FALLBACK, Map.of()))
        .hasMessageStartingWith("config file " + dir.resolve("nope.conf") + " does not exist");
  }
}
