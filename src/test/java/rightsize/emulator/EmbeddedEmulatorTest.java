package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rightsize.emulator.EmulatorTestSupport.body;
import static rightsize.emulator.EmulatorTestSupport.post;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The suite's entry point: one emulator per JVM serving the configured emulator deployments. */
class EmbeddedEmulatorTest {

  @AfterEach
  void stop() {
    EmbeddedEmulator.stop();
  }

  @Test
  void startsOnceOnLoopbackAndServesTheDefaultDeploymentsAsAzureMl() {
    URI uri = EmbeddedEmulator.ensureStarted(ConfigFactory.load().getConfig("rightsize"));
    assertThat(uri.getHost()).isEqualTo("127.0.0.1");
    assertThat(uri.getPort()).isPositive();
    assertThat(EmbeddedEmulator.ensureStarted(ConfigFactory.load().getConfig("rightsize"))).isEqualTo(uri);
    for (String size : new String[] {"Standard_F2s_v2", "Standard_F4s_v2", "Standard_F8s_v2"}) {
      var a = post(uri, "/score", body("hi", 2, true, true), "azureml-model-deployment", size,
          "x-ms-client-request-id", "embedded-" + size);
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.events()).last().isEqualTo("[DONE]");
    }
    assertThat(EmbeddedEmulator.server().groundTruth().request("embedded-Standard_F4s_v2").orElseThrow().deployment())
        .isEqualTo("Standard_F4s_v2");
  }

  @Test
  void stopClosesItAndALaterStartGetsAFreshOne() {
    URI first = EmbeddedEmulator.ensureStarted(ConfigFactory.load().getConfig("rightsize"));
    EmbeddedEmulator.stop();
    assertThat(EmbeddedEmulator.isRunning()).isFalse();
    assertThat(post(first, "/score", body("hi", 2, false, false), "azureml-model-deployment", "Standard_F8s_v2").failure())
        .isNotNull();
    assertThatThrownBy(EmbeddedEmulator::server).hasMessageContaining("call EmbeddedEmulator.ensureStarted first");
    URI second = EmbeddedEmulator.ensureStarted(ConfigFactory.load().getConfig("rightsize"));
    assertThat(post(second, "/score", body("hi", 2, false, false), "azureml-model-deployment", "Standard_F8s_v2").status())
        .isEqualTo(200);
  }

  @Test
  void onlyDeploymentsOfKindEmulatorAreServed() {
    var config = ConfigFactory.parseString("""
        rightsize.deployments = [
          { name = emu, kind = emulator }
          { name = real, kind = azure-openai, endpoint = "https://example.invalid" }
        ]
        """).withFallback(ConfigFactory.load()).resolve().getConfig("rightsize");
    assertThat(EmulatorSettings.fromConfig(config).deployments()).extracting(DeploymentSpec::name).containsExactly("emu");
  }

  @Test
  void anUnknownProfileIsNamedWithTheChoices() {
    var config = ConfigFactory.parseString("rightsize.deployments = [{ name = x, emulator.profile = gpu-huge }]")
        .withFallback(ConfigFactory.load()).resolve().getConfig("rightsize");
    assertThatThrownBy(() -> EmulatorSettings.fromConfig(config))
        .hasMessageContaining("emulator.profile 'gpu-huge' is not defined")
        .hasMessageContaining("cpu-small");
  }
}
