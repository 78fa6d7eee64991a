package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rightsize.emulator.EmulatorTestSupport.body;
import static rightsize.emulator.EmulatorTestSupport.post;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.config.DeploymentSettings;
import rightsize.config.RightsizeSettings;
import rightsize.config.TargetKind;
import rightsize.emulator.settings.DeploymentSpec;
import rightsize.emulator.settings.EmulatorSettings;
import rightsize.endpoint.Endpoint;

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
  void anEmulatorDeploymentFindsItThroughTheLauncherRegisteredOnTheClasspath() {
    Config config = ConfigFactory.load();
    DeploymentSettings d = RightsizeSettings.from(config, name -> null).deployment("Standard_F4s_v2");
    assertThat(EmbeddedEmulator.isRunning()).isFalse();

    Endpoint endpoint = Endpoint.resolve(d, config.getConfig("rightsize"));

    assertThat(EmbeddedEmulator.isRunning()).as("started by resolving the deployment").isTrue();
    assertThat(endpoint.kind()).isEqualTo(TargetKind.EMULATOR);
    assertThat(endpoint.wireKind()).isEqualTo(TargetKind.AML_ONLINE_ENDPOINT);
    assertThat(endpoint.uri()).isEqualTo(EmbeddedEmulator.server().uri().resolve("/score"));
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
  void aJvmThatExitsWithoutStoppingItStillWritesTheGroundTruthFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ground-truth.jsonl");
    Path log = dir.resolve("child.log");
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            ExitsWithoutStop.class.getName(), file.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    assertThat(child.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).singleElement().asString().contains("\"requestId\":\"at-exit-1\"");
  }

  /** As a Gatling run does: starts the embedded emulator, uses it, and ends in System.exit without stop(). */
  static final class ExitsWithoutStop {
    public static void main(String[] args) {
      URI uri = EmbeddedEmulator.ensureStarted(ConfigFactory.load()
          .withValue("rightsize.emulator.ground-truth-file", ConfigValueFactory.fromAnyRef(args[0]))
          .getConfig("rightsize"));
      int status = post(uri, "/score", body("hi", 2, false, false), "azureml-model-deployment", "Standard_F8s_v2",
          "x-ms-client-request-id", "at-exit-1").status();
      System.exit(status == 200 ? 0 : 1);
    }
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
