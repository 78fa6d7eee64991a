package rightsize.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RightsizeSettingsTest {
  private static final Map<String, String> ENV = Map.of("AOAI_KEY", "k-123", "AML_KEY", "aml-456");

  private static RightsizeSettings parse(String hocon) {
    return RightsizeSettings.from(ConfigFactory.parseString(hocon), ENV::get);
  }

  private static InvalidConfigException invalid(String hocon) {
    return catchThrowableOfType(InvalidConfigException.class, () -> parse(hocon));
  }

  @Test
  void defaultsAreTheThreeEmulatedSizes() {
    RightsizeSettings s = parse("");
    assertThat(s.deployments()).extracting(DeploymentSettings::name)
        .containsExactly("Standard_F2s_v2", "Standard_F4s_v2", "Standard_F8s_v2");
    assertThat(s.deployments()).allSatisfy(d -> {
      assertThat(d.kind()).isEqualTo(TargetKind.EMULATOR);
      assertThat(d.auth().type()).isEqualTo(AuthType.NONE);
    });
    assertThat(s.deployments().get(1).config().getString("emulator.profile")).isEqualTo("cpu-medium");
    assertThat(s.request().stream()).isTrue();
    assertThat(s.request().maxTokens()).isEqualTo(256);
    assertThat(s.request().timeouts().firstToken()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.run().id()).matches("\\d{8}-\\d{6}-[0-9a-f]{4}");
    assertThat(s.run().id()).as("one generated id per JVM").isEqualTo(parse("").run().id());
    assertThat(s.run().folder()).isEqualTo(Path.of("results", s.run().id()));
    assertThat(s.config().getString("slo.p95-ttft")).isEqualTo("2s");
  }

  @Test
  void readsEveryDeploymentField() {
    RightsizeSettings s = parse(
        "rightsize.run.id = nightly-42\n"
            + "rightsize.request.timeouts.first-token = 5s\n"
            + "rightsize.deployments = [\n"
            + " { name = aoai, kind = azure-openai, endpoint = \"https://res.openai.azure.com/\", deployment = gpt-4o-mini,\n"
            + "   auth { type = api-key, key-env = AOAI_KEY }, headers { x-team = qa }, pricing { mode = pay-per-token, output-per-1m = 0.6 } },\n"
            + " { name = f4, kind = aml-online-endpoint, endpoint = \"https://ep.eastus.inference.ml.azure.com\", deployment = blue,\n"
            + "   vm-size = Standard_F4s_v2, instance-count = 3, auth { type = bearer, key-env = AML_KEY } },\n"
            + " { name = entra, kind = foundry-models, endpoint = \"https://x.services.ai.azure.com\", deployment = Phi-4, auth.type = entra }\n"
            + "]");
    assertThat(s.run().id()).isEqualTo("nightly-42");
    assertThat(s.request().timeouts().firstToken()).isEqualTo(Duration.ofSeconds(5));

    DeploymentSettings aoai = s.deployment("aoai");
    assertThat(aoai.kind()).isEqualTo(TargetKind.AZURE_OPENAI);
    assertThat(aoai.endpoint()).isEqualTo("https://res.openai.azure.com");
    assertThat(aoai.apiVersion()).isEqualTo("2024-10-21");
    assertThat(aoai.maxTokensParam()).isEqualTo("max_tokens");
    assertThat(aoai.auth().key().reveal()).isEqualTo("k-123");
    assertThat(aoai.auth().key().toString()).doesNotContain("k-123");
    assertThat(aoai.headers()).containsExactly(Map.entry("x-team", "qa"));
    assertThat(aoai.config().getString("pricing.mode")).isEqualTo("pay-per-token");
    assertThat(aoai.config().getDouble("pricing.output-per-1m")).isEqualTo(0.6);
    assertThat(aoai.config().getString("pricing.region")).as("merged over deployment-defaults").isEqualTo("eastus");

    DeploymentSettings f4 = s.deployment("f4");
    assertThat(f4.vmSize()).isEqualTo("Standard_F4s_v2");
    assertThat(f4.instanceCount()).isEqualTo(3);
    assertThat(f4.auth().type()).isEqualTo(AuthType.BEARER);

    DeploymentSettings entra = s.deployment("entra");
    assertThat(entra.auth().type()).isEqualTo(AuthType.ENTRA);
    assertThat(entra.auth().key()).isNull();
  }

  @Test
  void sizesSelectDeploymentsByNameOrVmSize() {
    String three = "rightsize.run.sizes = \"%s\"";
    assertThat(parse(String.format(three, "F4s_v2")).deployments()).extracting(DeploymentSettings::name).containsExactly("Standard_F4s_v2");
    assertThat(parse(String.format(three, "Standard_F2s_v2, standard_f8s_v2")).deployments()).extracting(DeploymentSettings::name)
        .containsExactly("Standard_F2s_v2", "Standard_F8s_v2");
    assertThat(parse(String.format(three, "F4s_v2")).allDeployments()).hasSize(3);
    assertThat(invalid(String.format(three, "F3")).problems()).containsExactly(
        "rightsize.run.sizes 'F3' matches no deployment: use a deployment name or VM size among: Standard_F2s_v2 (Standard_F2s_v2), "
            + "Standard_F4s_v2 (Standard_F4s_v2), Standard_F8s_v2 (Standard_F8s_v2)");
  }

  @Test
  void injectorsSayHowManyLoadGeneratorsShareTheTestAndWhichOneThisIs() {
    assertThat(parse("").run()).extracting(RunSettings::injectorCount, RunSettings::injectorIndex).containsExactly(1, 1);
    // Environment variables arrive as strings, as RIGHTSIZE_INJECTORS and RIGHTSIZE_INJECTOR_INDEX do.
    assertThat(parse("rightsize.run.injectors { count = \"3\", index = \"2\" }").run())
        .extracting(RunSettings::injectorCount, RunSettings::injectorIndex).containsExactly(3, 2);
    assertThat(invalid("rightsize.run.injectors { count = 2, index = 3 }").problems()).containsExactly(
        "rightsize.run.injectors.index is 3 but injectors.count is 2: give each load generator its own index from 1 to 2 (or RIGHTSIZE_INJECTOR_INDEX)");
    assertThat(invalid("rightsize.run.injectors.index = 0").problems()).containsExactly(
        "rightsize.run.injectors.index is 0 but injectors.count is 1: give each load generator its own index from 1 to 1 (or RIGHTSIZE_INJECTOR_INDEX)");
    assertThat(invalid("rightsize.run.injectors.count = 0").problems()).containsExactly(
        "rightsize.run.injectors.count is 0: set how many load generators share the test, a whole number >= 1 (or RIGHTSIZE_INJECTORS)");
    assertThat(invalid("rightsize.run.injectors.count = two").problems()).containsExactly(
        "rightsize.run.injectors.count is 'two', not a whole number: set it to a whole number in application.conf");
  }

  @Test
  void everyProblemIsReportedOnItsOwnLineBeforeAnyLoad() {
    InvalidConfigException e = invalid(
        "rightsize.request.max-tokens = lots\n"
            + "rightsize.request.timeouts.total = 0s\n"
            + "rightsize.request.encoding = gpt2\n"
            + "rightsize.run.id = \"a/b\"\n"
            + "rightsize.deployments = [\n"
            + " { name = prod-f2, kind = azure-openai, endpoint = \"https://res.openai.azure.com\", auth { type = api-key, key-env = MISSING_KEY } },\n"
            + " { name = prod-f4, kind = aml-online-endpoint, headers { Authorization = \"Bearer x\" } },\n"
            + " { name = prod-f4, kind = sagemaker, endpoint = \"ftp://x\" },\n"
            + " { name = local, kind = openai-compatible, endpoint = \"http://localhost:8000?x=1\", instance-count = 0, auth.type = entra }\n"
            + "]");
    assertThat(e.problems()).containsExactly(
        "rightsize.deployments[0].auth.key-env names environment variable MISSING_KEY, which is not set: export MISSING_KEY with the key (auth.type = api-key) for deployment 'prod-f2'",
        "rightsize.deployments[1].endpoint is missing: set endpoint (the base URL, e.g. https://myres.openai.azure.com) for deployment 'prod-f4' in application.conf",
        "rightsize.deployments[1].headers.Authorization would put a secret in the config: remove it and use auth.type with auth.key-env (the key goes in an environment variable)",
        "rightsize.deployments[2].kind 'sagemaker' is not a target kind: use one of azure-openai, azure-openai-v1, foundry-models, aml-online-endpoint, openai-compatible, emulator",
        "rightsize.deployments[2].name 'prod-f4' is used twice: give every deployment its own name in application.conf",
        "rightsize.deployments[3].endpoint 'http://localhost:8000?x=1' has a query string: set only the base URL; api-version has its own key for deployment 'local' in application.conf",
        "rightsize.deployments[3].instance-count is 0: set a whole number >= 1 for deployment 'local' in application.conf",
        "rightsize.deployments[3].auth.scope is missing: set the Entra scope (e.g. api://<app-id>/.default) for kind openai-compatible for deployment 'local' in application.conf",
        "rightsize.run.id 'a/b' is not a folder name: use only letters, digits, '.', '_' and '-' (or leave it empty to generate one)",
        "rightsize.request.max-tokens is 'lots', not a whole number: set it to a whole number in application.conf",
        "rightsize.request.encoding 'gpt2' is not a known tokenizer encoding: use one of cl100k_base, o200k_base, p50k_base, p50k_edit, r50k_base",
        "rightsize.request.timeouts.total is 0s but timeouts are always on: set a duration > 0 such as 30s in application.conf");
    assertThat(e.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
    assertThat(e.getMessage()).isEqualTo(String.join(System.lineSeparator(), e.problems()));
  }

  @Test
  void theEmulatorNeedsNoEndpointAndIgnoresAuth() {
    RightsizeSettings s = parse("rightsize.deployments = [ { name = e, kind = emulator, auth { type = api-key, key-env = NOPE } } ]");
    assertThat(s.deployment("e").auth().type()).isEqualTo(AuthType.NONE);
  }

  @Test
  void standardSourcesLayerConfigFileSystemPropertiesAndShortcuts(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sizing.conf");
    Files.writeString(file, "rightsize.request.max-tokens = 64\nrightsize.request.temperature = 0.1\nrightsize.run.injector = file\n");
    Map<String, String> props = Map.of(
        "config.file", file.toString(), "rightsize.request.max-tokens", "32", "sizes", "F8s_v2");
    props.forEach(System::setProperty);
    try {
      RightsizeSettings s = RightsizeSettings.from(RightsizeSettings.loadConfig(), ENV::get);
      assertThat(s.request().maxTokens()).as("-D beats the file").isEqualTo(32);
      assertThat(s.request().temperature()).as("the file beats reference.conf").isEqualTo(0.1);
      assertThat(s.run().injector()).isEqualTo("file");
      assertThat(s.deployments()).extracting(DeploymentSettings::name).containsExactly("Standard_F8s_v2");
    } finally {
      props.keySet().forEach(System::clearProperty);
      ConfigFactory.invalidateCaches();
    }
  }

  @Test
  void aMissingOrBrokenConfigFileIsOneLine(@TempDir Path dir) throws Exception {
    System.setProperty("config.file", dir.resolve("nope.conf").toString());
    try {
      assertThatThrownBy(RightsizeSettings::loadConfig).isInstanceOf(InvalidConfigException.class)
          .hasMessage("-Dconfig.file=" + dir.resolve("nope.conf") + " does not exist: point -Dconfig.file at an existing HOCON file");
      Path broken = dir.resolve("broken.conf");
      Files.writeString(broken, "rightsize { request {\n");
      System.setProperty("config.file", broken.toString());
      InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, RightsizeSettings::loadConfig);
      assertThat(e.problems()).singleElement().asString().startsWith("-Dconfig.file=" + broken + " cannot be parsed (").endsWith("): fix its syntax")
          .doesNotContain("\n");
    } finally {
      System.clearProperty("config.file");
      ConfigFactory.invalidateCaches();
    }
  }
}
