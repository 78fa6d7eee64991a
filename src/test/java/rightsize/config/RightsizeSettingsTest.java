package rightsize.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RightsizeSettingsTest {
  private static final Map<String, String> ENV = Map.of("AOAI_KEY", "k-123", "AML_KEY", "aml-456");
  private static final ConfigParseOptions AS_APPLICATION_CONF = ConfigParseOptions.defaults().setOriginDescription("application.conf");

  /** {@code hocon} as if it were ./application.conf, so problems name "application.conf: <line>". */
  private static RightsizeSettings parse(String hocon) {
    return RightsizeSettings.from(ConfigFactory.parseString(hocon, AS_APPLICATION_CONF), ENV::get);
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
    assertThat(s.deployments().get(1).emulator().profile()).isEqualTo("cpu-medium");
    assertThat(s.request().stream()).isTrue();
    assertThat(s.request().maxTokens()).isEqualTo(256);
    assertThat(s.request().timeouts().firstToken()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.run().id()).matches("\\d{8}-\\d{6}-[0-9a-f]{4}");
    assertThat(s.run().id()).as("one generated id per JVM").isEqualTo(parse("").run().id());
    assertThat(s.run().folder()).isEqualTo(Path.of("results", s.run().id()));
    assertThat(s.slo().objective().p95TtftMs()).isEqualTo(2000.0);
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
    assertThat(aoai.pricing().mode()).isEqualTo(PricingMode.PAY_PER_TOKEN);
    assertThat(aoai.pricing().outputPer1m()).isEqualTo(0.6);
    assertThat(aoai.pricing().region()).as("merged over deployment-defaults").isEqualTo("eastus");
    assertThat(aoai.emulator()).as("only an emulated deployment has an emulator block").isNull();

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
        "rightsize.run.injectors.count is 'two', not a whole number: set it to a whole number in application.conf: 1");
  }

  @Test
  void aWholeNumberBeyondAnIntIsNamedAsTooLargeNotAsTheWrongType() {
    assertThat(invalid("rightsize.request.max-tokens = 3000000000").problems()).containsExactly(
        "rightsize.request.max-tokens is 3000000000: set a whole number up to 2147483647 in application.conf: 1");
    assertThat(parse("rightsize.request.max-tokens = 2147483647").request().maxTokens()).isEqualTo(2147483647);
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
        "rightsize.deployments[1].endpoint is missing: set endpoint (the base URL, e.g. https://myres.openai.azure.com) for deployment 'prod-f4' in application.conf: 7",
        "rightsize.deployments[1].headers.Authorization would put a secret in the config: remove it and use auth.type with auth.key-env (the key goes in an environment variable)",
        "rightsize.deployments[2].kind 'sagemaker' is not a target kind: use azure-openai, azure-openai-v1, foundry-models, aml-online-endpoint, openai-compatible, emulator for deployment 'prod-f4' in application.conf: 8",
        "rightsize.deployments[2].name 'prod-f4' is used twice: give every deployment its own name in application.conf: 8",
        "rightsize.deployments[3].endpoint 'http://localhost:8000?x=***' has a query string: set only the base URL; api-version has its own key, the key goes in auth for deployment 'local' in application.conf: 9",
        "rightsize.deployments[3].instance-count is 0: set a whole number >= 1 for deployment 'local' in application.conf: 9",
        "rightsize.deployments[3].auth.scope is missing: set the Entra scope (e.g. api://<app-id>/.default) for kind openai-compatible for deployment 'local' in application.conf: 9",
        "rightsize.run.id 'a/b' is not a folder name: use only letters, digits, '.', '_' and '-' (or leave it empty to generate one)",
        "rightsize.request.max-tokens is 'lots', not a whole number: set it to a whole number in application.conf: 1",
        "rightsize.request.encoding 'gpt2' is not a known tokenizer encoding: use one of cl100k_base, o200k_base, p50k_base, p50k_edit, r50k_base",
        "rightsize.request.timeouts.total is 0s but timeouts are always on: set a duration > 0 such as 30s in application.conf: 2");
    assertThat(e.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
    assertThat(e.getMessage()).isEqualTo(String.join(System.lineSeparator(), e.problems()));
  }

  @Test
  void anUnknownAuthTypeIsNamedWithTheTypesThereAre() {
    assertThat(invalid("rightsize.deployments = [ { name = a, kind = openai-compatible, endpoint = \"http://localhost:8000\", auth.type = token } ]")
        .problems()).containsExactly(
        "rightsize.deployments[0].auth.type 'token' is not an auth type: use api-key, bearer, entra, none for deployment 'a' in application.conf: 1");
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

  /**
   * One bad value in each section, and the one line that reports it: every section is read and
   * checked by {@link RightsizeSettings} before anything runs, not when a simulation is built or
   * the report prices the run.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("aBadValueInEachSection")
  void aBadValueInAnySectionIsReportedBeforeAnythingRuns(String hocon, String problem) {
    InvalidConfigException e = invalid(hocon);
    assertThat(e).as("no problem found for " + hocon).isNotNull();
    assertThat(e.problems()).containsExactly(problem);
  }

  static Stream<Arguments> aBadValueInEachSection() {
    String at = " in application.conf: 1";
    String a = " for deployment 'a'" + at;
    return Stream.of(
        // run, request
        arguments("rightsize.run.results-dir = \"\"", "rightsize.run.results-dir is missing: set results-dir" + at),
        arguments("rightsize.request.temperature = 3", "rightsize.request.temperature is 3.0, outside 0..2: set a value between 0 and 2" + at),
        // deployments, with their pricing and emulator blocks
        arguments("rightsize.deployments = [ { name = a, instance-count = none } ]",
            "rightsize.deployments[0].instance-count is 'none', not a whole number: set it to a whole number" + a),
        arguments("rightsize.deployments = [ { name = a, pricing.mode = bogus } ]",
            "rightsize.deployments[0].pricing.mode 'bogus' is not a pricing mode: use managed-compute, pay-per-token, provisioned" + a),
        arguments("rightsize.deployments = [ { name = a, pricing.usd-per-hour = cheap } ]",
            "rightsize.deployments[0].pricing.usd-per-hour is 'cheap', not a number: set it to a number" + a),
        arguments("rightsize.deployments = [ { name = a, emulator.profile = gpu-huge } ]",
            "rightsize.deployments[0].emulator.profile 'gpu-huge' is not defined: use pay-per-token, cpu-large, cpu-medium, cpu-small,"
                + " promptflow-app (or define it under rightsize.emulator.profiles or app-profiles)" + a),
        arguments("rightsize.deployments = [ { name = a, emulator.max-concurrent-requests-per-instance = 0 } ]",
            "rightsize.deployments[0].emulator.max-concurrent-requests-per-instance is 0: set a whole number >= 1" + a),
        arguments("rightsize.deployments = [ { name = a, emulator { profile = pay-per-token, tokens-per-minute = lots } } ]",
            "rightsize.deployments[0].emulator.tokens-per-minute is 'lots', not a whole number: set it to a whole number" + a),
        // workload: kind, seed, each kind's block, distributions
        arguments("rightsize.workload.kind = rag",
            "rightsize.workload.kind 'rag' is not a workload kind: use chatbot, summarization, synthetic" + at),
        arguments("rightsize.workload.seed = x", "rightsize.workload.seed is 'x', not a whole number: set it to a whole number" + at),
        arguments("rightsize.workload.chatbot.max-turns = -1", "rightsize.workload.chatbot.max-turns is -1: set a whole number >= 0" + at),
        arguments("rightsize.workload.summarization.instruction = \"\"",
            "rightsize.workload.summarization.instruction is missing: set instruction" + at),
        arguments("rightsize.workload.synthetic.prompts = 0", "rightsize.workload.synthetic.prompts is 0: set a whole number >= 1" + at),
        arguments("rightsize.workload.synthetic.input-tokens { distribution = normal, mean = 10 }",
            "rightsize.workload.synthetic.input-tokens.stddev is missing: set it to a number" + at),
        // population: model, closed, open
        arguments("rightsize.population.model = ramp",
            "rightsize.population.model 'ramp' is not a population model: use closed, open" + at),
        arguments("rightsize.population.closed.warmup = -1s",
            "rightsize.population.closed.warmup is -1s: set a duration >= 0 such as 0s or 5s" + at),
        arguments("rightsize.population.open.hold = 0s", "rightsize.population.open.hold is 0s: set a duration > 0 such as 30s" + at),
        // slo, sizing, target-load, regression, cost, report
        arguments("rightsize.slo.p95-ttft = fast",
            "rightsize.slo.p95-ttft is 'fast', not a duration such as 30s or 500ms: set it to a duration such as 30s or 500ms" + at),
        arguments("rightsize.slo.enforce = maybe", "rightsize.slo.enforce is 'maybe', not true or false: set it to true or false" + at),
        arguments("rightsize.sizing.capacity-search = maybe",
            "rightsize.sizing.capacity-search is 'maybe', not true or false: set it to true or false" + at),
        arguments("rightsize.population.closed { min-hold = 10s, max-hold = 5s }",
            "rightsize.population.closed.max-hold is shorter than min-hold (10000 ms): set max-hold >= min-hold, or one fixed hold," + at),
        arguments("rightsize.target-load.concurrent-users = lots",
            "rightsize.target-load.concurrent-users is 'lots', not a number: set it to a number" + at),
        arguments("rightsize.regression.p95-e2e = worse", "rightsize.regression.p95-e2e is 'worse', not a number: set it to a number" + at),
        arguments("rightsize.cost.catalog = \"\"", "rightsize.cost.catalog is missing: set catalog" + at),
        arguments("rightsize.report.trust.max-injector-stall = soon",
            "rightsize.report.trust.max-injector-stall is 'soon', not a duration such as 30s or 500ms: set it to a duration such as 30s or 500ms" + at),
        arguments("rightsize.client.io-threads = 0", "rightsize.client.io-threads is 0: set a whole number >= 1" + at),
        arguments("rightsize.client.io-threads = many",
            "rightsize.client.io-threads is 'many', not a whole number: set it to a whole number" + at),
        arguments("rightsize.client.warm-up-requests = -1", "rightsize.client.warm-up-requests is -1: set a whole number >= 0" + at),
        arguments("rightsize.report.trust.max-client-lag = 0ms",
            "rightsize.report.trust.max-client-lag is 0ms: set a duration > 0 such as 30s" + at),
        // emulator
        arguments("rightsize.emulator.seed = x", "rightsize.emulator.seed is 'x', not a whole number: set it to a whole number" + at),
        arguments("rightsize.emulator.tokens-per-chunk = 0", "rightsize.emulator.tokens-per-chunk is 0: set a whole number >= 1" + at),
        arguments("rightsize.emulator.model = \"\"", "rightsize.emulator.model is missing: set model" + at),
        arguments("rightsize.emulator.encoding = gpt2", "rightsize.emulator.encoding 'gpt2' is not a known tokenizer encoding:"
            + " use one of cl100k_base, o200k_base, p50k_base, p50k_edit, r50k_base"),
        arguments("rightsize.emulator.content-filter-annotations = maybe",
            "rightsize.emulator.content-filter-annotations is 'maybe', not true or false: set it to true or false" + at),
        arguments("rightsize.emulator.output-length.max-fraction = 1.5",
            "rightsize.emulator.output-length.max-fraction does not fit (needs default-max-tokens >= 1 and"
                + " 0 < min-fraction <= max-fraction <= 1, got 512, 0.25 and 1.5): fix output-length" + at),
        arguments("rightsize.emulator.auth { enabled = true, key-env = EMULATOR_KEY_NOT_SET }",
            "rightsize.emulator.auth.key-env names environment variable EMULATOR_KEY_NOT_SET, which is not set:"
                + " export EMULATOR_KEY_NOT_SET=<key> or set rightsize.emulator.auth.enabled = false"),
        arguments("rightsize.emulator.ground-truth-file = []",
            "rightsize.emulator.ground-truth-file is [], not a string: set it to a string" + at),
        arguments("rightsize.emulator.faults.allow-header = maybe",
            "rightsize.emulator.faults.allow-header is 'maybe', not true or false: set it to true or false" + at),
        arguments("rightsize.emulator.faults.rules = [ { kind = meltdown } ]",
            "rightsize.emulator.faults.rules[0].kind 'meltdown' is not an emulator fault:"
                + " use http-500, http-503, http-424, reset, stall, malformed-chunk, truncate" + at),
        arguments("rightsize.emulator.event-loops = 0", "rightsize.emulator.event-loops is 0: set a whole number >= 1" + at),
        arguments("rightsize.emulator.ground-truth = all",
            "rightsize.emulator.ground-truth 'all' is not a ground-truth detail: use chunks, requests" + at),
        arguments("rightsize.emulator.faults.rules = [ { kind = stall, rate = 2 } ]",
            "rightsize.emulator.faults.rules[0].rate is 2.0: set a probability between 0 and 1" + at),
        arguments("rightsize.emulator.profiles.cpu-small.saturation-streams = 0",
            "rightsize.emulator.profiles.cpu-small.saturation-streams is 0: set a whole number >= 1" + at),
        arguments("rightsize.emulator.profiles.cpu-small.saturated-decode-tokens-per-second = 10",
            "rightsize.emulator.profiles.cpu-small.saturated-decode-tokens-per-second is 10.0: set it between"
                + " decode-tokens-per-second (20.0) and saturation-streams x decode-tokens-per-second (320.0)" + at),
        arguments("rightsize.emulator.pay-per-token.window = 0s",
            "rightsize.emulator.pay-per-token.window is 0s: set a duration > 0 such as 30s" + at));
  }

  @Test
  void problemsOfEverySectionAreReportedTogether() {
    InvalidConfigException e = invalid(
        "rightsize.slo.max-error-rate = none\n"
            + "rightsize.population.model = ramp\n"
            + "rightsize.deployments = [ { name = a, pricing.mode = bogus } ]\n");
    assertThat(e.problems()).containsExactly(
        "rightsize.deployments[0].pricing.mode 'bogus' is not a pricing mode: use managed-compute, pay-per-token, provisioned"
            + " for deployment 'a' in application.conf: 3",
        "rightsize.population.model 'ramp' is not a population model: use closed, open in application.conf: 2",
        "rightsize.slo.max-error-rate is 'none', not a number: set it to a number in application.conf: 1");
  }

  @Test
  void everySectionIsTyped() {
    RightsizeSettings s = parse("");
    assertThat(s.workload().kind()).isEqualTo(WorkloadSettings.Kind.CHATBOT);
    assertThat(s.workload().chatbot().file()).isEqualTo(Path.of("data/chat-conversations.jsonl"));
    assertThat(s.workload().synthetic().inputTokens()).isEqualTo(new Distribution.Fixed(512));
    assertThat(s.workload().synthetic().encoding()).as("request.encoding").isEqualTo("o200k_base");
    assertThat(s.population().model()).isEqualTo(PopulationSettings.Model.CLOSED);
    assertThat(s.population().closed().users()).containsExactly(1, 10, 50, 100);
    assertThat(s.population().open().rates()).containsExactly(0.5, 1.0, 2.0, 4.0);
    assertThat(s.slo()).isEqualTo(new SloSettings(new Slo(2000, 20_000, 0.05), false));
    assertThat(s.sizing()).isEqualTo(new SizingSettings(true));
    assertThat(s.targetLoad()).isEqualTo(new TargetLoad(100, 0));
    assertThat(s.regression()).isEqualTo(new RegressionThresholds(0.10, 0.10, 0.10, 1.0));
    assertThat(s.trust()).isEqualTo(new TrustThresholds(20, 100, 20.0, 0.90, 2.5, false));
    assertThat(s.client().ioThreads()).as("auto").isNull();
    assertThat(parse("rightsize.client.io-threads = 2").client().ioThreads()).isEqualTo(2);
    assertThat(s.client().warmUpRequests()).isEqualTo(20_000);
    assertThat(parse("rightsize.client.warm-up-requests = 0").client().warmUpRequests()).isZero();
    assertThat(s.cost().catalog()).isEqualTo(Path.of("data/vm-catalog.csv"));
    assertThat(s.cost().defaultPricing().mode()).isEqualTo(PricingMode.MANAGED_COMPUTE);
    assertThat(s.emulator().profiles()).containsOnlyKeys("cpu-small", "cpu-medium", "cpu-large");
    assertThat(s.emulator().payPerToken().window()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.emulator().apiKey()).as("auth off").isNull();
    assertThat(s.deployment("Standard_F2s_v2").emulator().managed()).isEqualTo(s.emulator().profiles().get("cpu-small"));

    RightsizeSettings ppt = parse("rightsize.deployments = [ { name = p, emulator { profile = pay-per-token, tokens-per-minute = 1000 } } ]");
    EmulatedDeployment p = ppt.deployment("p").emulator();
    assertThat(p.isPayPerToken()).isTrue();
    assertThat(p.payPerToken().tokensPerMinute()).as("the deployment's override").isEqualTo(1000);
    assertThat(p.payPerToken().requestsPerMinute()).as("rightsize.emulator.pay-per-token").isEqualTo(180);
  }

  @Test
  void onlyTheSecretsACommandNeedsAreRead() {
    String hocon = "rightsize.deployments = [ { name = a, kind = azure-openai, endpoint = \"https://x.openai.azure.com\","
        + " auth { type = api-key, key-env = UNSET_KEY } } ]\n"
        + "rightsize.emulator.auth { enabled = true, key-env = UNSET_EMULATOR_KEY }";
    Map<String, String> none = Map.of();
    RightsizeSettings offline = RightsizeSettings.from(ConfigFactory.parseString(hocon), none::get, RightsizeSettings.Secrets.NONE);
    assertThat(offline.deployment("a").auth().key()).isNull();
    assertThat(offline.emulator().apiKey()).isNull();
    assertThat(catchThrowableOfType(InvalidConfigException.class,
        () -> RightsizeSettings.from(ConfigFactory.parseString(hocon), none::get, RightsizeSettings.Secrets.EMULATOR)).problems())
        .singleElement().asString().startsWith("rightsize.emulator.auth.key-env names environment variable UNSET_EMULATOR_KEY");
    assertThat(catchThrowableOfType(InvalidConfigException.class,
        () -> RightsizeSettings.from(ConfigFactory.parseString(hocon), none::get, RightsizeSettings.Secrets.ALL)).problems())
        .hasSize(2);
  }

  @Test
  void aProblemNamesWhereTheValueWasSet(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sizing.conf");
    Files.writeString(file, "# sizing\nrightsize.slo.p95-e2e = slow\nrightsize.run.injectors.count = ${?COUNT}\n");
    System.setProperty("rightsize.sizing.capacity-search", "sometimes");
    System.setProperty("config.file", file.toString());
    try {
      assertThat(catchThrowableOfType(InvalidConfigException.class, () -> RightsizeSettings.from(RightsizeSettings.loadConfig(), ENV::get))
          .problems()).containsExactly(
              "rightsize.slo.p95-e2e is 'slow', not a duration such as 30s or 500ms: set it to a duration such as 30s or 500ms in " + file + ": 2",
              "rightsize.sizing.capacity-search is 'sometimes', not true or false: set it to true or false in a -D system property");
    } finally {
      System.clearProperty("rightsize.sizing.capacity-search");
      System.clearProperty("config.file");
      ConfigFactory.invalidateCaches();
    }
    assertThat(catchThrowableOfType(InvalidConfigException.class, () -> RightsizeSettings.fromFile(file, Map.of("COUNT", "two")))
        .problems()).contains(
            "rightsize.run.injectors.count is 'two', not a whole number: set it to a whole number in an environment variable");
  }

  @Test
  void wireFormatsAreReadAndCheckedBeforeAnyLoad() {
    RightsizeSettings ok = parse("rightsize.deployments = [\n"
        + " { name = flow, kind = aml-online-endpoint, endpoint = \"https://ep.eastus.inference.ml.azure.com\", wire-format = promptflow,\n"
        + "   promptflow { input-field = chat_input, output-field = chat_output, extra-inputs { lang = fr } } },\n"
        + " { name = app, kind = openai-compatible, endpoint = \"http://localhost:8000\", path = /chat, wire-format = custom,\n"
        + "   custom { body-template = \"\"\"{\"message\": ${prompt}, \"user\": ${tenant}}\"\"\", answer-pointer = \"/reply/text\",\n"
        + "            stream { delta-pointer = \"/delta/text\", end-marker = \"[END]\" } } },\n"
        + " { name = model, kind = aml-online-endpoint, endpoint = \"https://ep.eastus.inference.ml.azure.com\" }\n"
        + "]\nrightsize.deployment-defaults.wire-format = aml-chat");
    assertThat(ok.deployment("flow").wireFormat()).isEqualTo(new WireFormatSettings.PromptFlow("chat_input", "chat_history", "chat_output", Map.of("lang", "fr")));
    WireFormatSettings.Custom custom = (WireFormatSettings.Custom) ok.deployment("app").wireFormat();
    assertThat(custom.bodyTemplate().sessionFields()).containsExactly("tenant");
    assertThat(custom.answerPointer().toString()).isEqualTo("/reply/text");
    assertThat(custom.stream().endMarker()).isEqualTo("[END]");
    assertThat(ok.deployment("app").path()).isEqualTo("/chat");
    assertThat(ok.deployment("model").wireFormat()).isEqualTo(new WireFormatSettings.AmlChat());
    assertThat(parse("").deployments()).allSatisfy(d -> assertThat(d.wireFormat()).isEqualTo(new WireFormatSettings.OpenAiChat()));
    // The emulator's own custom app needs no settings: it is spoken to in the shape the emulator serves.
    assertThat(parse("rightsize.deployments = [ { name = app, kind = emulator, wire-format = custom } ]").deployment("app").wireFormat())
        .isSameAs(WireFormatSettings.EMULATED_CUSTOM_APP);

    InvalidConfigException e = invalid("rightsize.deployments = [\n"
        + " { name = a, kind = aml-online-endpoint, endpoint = \"https://x\", wire-format = gradio },\n"
        + " { name = b, kind = azure-openai, endpoint = \"https://x\", wire-format = promptflow },\n"
        + " { name = c, kind = openai-compatible, endpoint = \"http://x\", path = chat, wire-format = custom,\n"
        + "   custom { body-template = \"\"\"{\"message\": \"${prompt}\"}\"\"\", stream.delta-pointer = \"delta.text\" } },\n"
        + " { name = d, kind = aml-online-endpoint, endpoint = \"https://x\", wire-format = promptflow, promptflow.extra-inputs { question = x } }\n"
        + "]");
    assertThat(e.problems()).hasSize(7).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
    assertThat(e.problems()).contains(
        "rightsize.deployments[0].wire-format 'gradio' is not a wire format: use openai-chat, promptflow, aml-chat, custom for deployment 'a' in application.conf: 2",
        "rightsize.deployments[1].wire-format 'promptflow' cannot be spoken to kind azure-openai, which serves OpenAI chat completions only: use kind aml-online-endpoint (an Azure ML /score), openai-compatible (any other URL, with path) or emulator for deployment 'b' in application.conf: 3",
        "rightsize.deployments[2].path 'chat' does not start with /: write the path from the host on, e.g. /chat for deployment 'c' in application.conf: 4",
        "rightsize.deployments[2].custom.answer-pointer is missing: set answer-pointer for deployment 'c' in application.conf: 4",
        "rightsize.deployments[2].custom.stream.delta-pointer 'delta.text' is not a JSON pointer: write it as /field/sub-field (RFC 6901) for deployment 'c' in application.conf: 5",
        "rightsize.deployments[3].promptflow.extra-inputs sets 'question', which the suite fills from the conversation: remove it from extra-inputs for deployment 'd' in application.conf: 6");
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(
        "rightsize.deployments[2].custom.body-template is not valid JSON once its placeholders are filled (").contains(
        "write JSON with each ${...} standing for a whole value"));
  }
}
