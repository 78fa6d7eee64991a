package rightsize.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rightsize.emulator.EmulatorTestSupport.body;
import static rightsize.emulator.EmulatorTestSupport.post;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.config.DeploymentSettings;
import rightsize.config.RightsizeSettings;
import rightsize.config.TargetKind;
import rightsize.emulator.settings.DeploymentSpec;
import rightsize.emulator.settings.EmulatorSetup;
import rightsize.endpoint.Endpoint;

/** The suite's entry point: one emulator per JVM serving the configured emulator deployments. */
class EmbeddedEmulatorTest {

  @AfterEach
  void stop() {
    EmbeddedEmulator.stop();
  }

  /** Starts the emulator for the emulated deployments of {@code settings}, as a run's endpoint does. */
  static URI start(RightsizeSettings settings) {
    return EmbeddedEmulator.ensureStarted(settings.emulator(), settings.allDeployments());
  }

  @Test
  void startsOnceOnLoopbackAndServesTheDefaultDeploymentsAsAzureMl() {
    URI uri = start(RightsizeSettings.reference());
    assertThat(uri.getHost()).isEqualTo("127.0.0.1");
    assertThat(uri.getPort()).isPositive();
    assertThat(start(RightsizeSettings.reference())).isEqualTo(uri);
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
    RightsizeSettings settings = RightsizeSettings.reference();
    DeploymentSettings d = settings.deployment("Standard_F4s_v2");
    assertThat(EmbeddedEmulator.isRunning()).isFalse();

    Endpoint endpoint = Endpoint.resolve(d, settings);

    assertThat(EmbeddedEmulator.isRunning()).as("started by resolving the deployment").isTrue();
    assertThat(endpoint.kind()).isEqualTo(TargetKind.EMULATOR);
    assertThat(endpoint.wireKind()).isEqualTo(TargetKind.AML_ONLINE_ENDPOINT);
    assertThat(endpoint.uri()).isEqualTo(EmbeddedEmulator.server().uri().resolve("/score"));
  }

  @Test
  void stopClosesItAndALaterStartGetsAFreshOne() {
    URI first = start(RightsizeSettings.reference());
    EmbeddedEmulator.stop();
    assertThat(EmbeddedEmulator.isRunning()).isFalse();
    assertThat(post(first, "/score", body("hi", 2, false, false), "azureml-model-deployment", "Standard_F8s_v2").failure())
        .isNotNull();
    assertThatThrownBy(EmbeddedEmulator::server).hasMessageContaining("call EmbeddedEmulator.ensureStarted first");
    URI second = start(RightsizeSettings.reference());
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
      URI uri = start(RightsizeSettings.from(
          ConfigFactory.parseMap(Map.of("rightsize.emulator.ground-truth-file", args[0])), System::getenv));
      int status = post(uri, "/score", body("hi", 2, false, false), "azureml-model-deployment", "Standard_F8s_v2",
          "x-ms-client-request-id", "at-exit-1").status();
      System.exit(status == 200 ? 0 : 1);
    }
  }

  @Test
  void onlyDeploymentsOfKindEmulatorAreServed() {
    var settings = RightsizeSettings.from(ConfigFactory.parseString("""
        rightsize.deployments = [
          { name = emu, kind = emulator }
          { name = real, kind = azure-openai, endpoint = "https://example.invalid" }
        ]
        """), System::getenv);
    assertThat(EmulatorSetup.of(settings).deployments()).extracting(DeploymentSpec::name).containsExactly("emu");
  }

  @Test
  void anUnknownProfileIsNamedWithTheChoices() {
    var config = ConfigFactory.parseString("rightsize.deployments = [{ name = x, emulator.profile = gpu-huge }]");
    assertThatThrownBy(() -> RightsizeSettings.from(config, System::getenv))
        .hasMessageContaining("emulator.profile 'gpu-huge' is not defined")
        .hasMessageContaining("cpu-small");
  }
}
