package rightsize.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rightsize.config.InvalidConfigException;
import rightsize.config.RightsizeSettings;
import rightsize.testing.ScriptedChatServer;

/**
 * Bad configurations a new user writes, each stopped before any load with one line that names the
 * setting, what is wrong, what to do and where it was written; the loopback target they point at
 * receives nothing. Validated in-process through what {@link RightsizeSettings#loadOrExit()} (the
 * first call of every simulation) runs before it would print the lines and exit 78: {@code
 * load(...)} then {@code checkBeforeLoad()}. GatlingRunTest shows the exit code through a forked
 * Gatling run; in this JVM the exit would end the test run itself.
 */
class BadConfigurationTest {
  // A deployment entry on line 2, to be closed with its mistake and " } ]".
  private static final String LOOP = "rightsize.deployments = [ { name = loop, kind = openai-compatible, endpoint = \"http://127.0.0.1:1\"";
  private static ScriptedChatServer target;
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    target = new ScriptedChatServer(r -> ScriptedChatServer.Reply.json("{}"));
    dir = Files.createTempDirectory("bad-config");
    Files.writeString(dir.resolve("a-file"), "not a folder\n");
    Files.writeString(dir.resolve("chat.jsonl"), "{\"turns\": [\"hi\"]}\n{\"turns\": \"hi\"}\n");
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigurations")
  void stopsBeforeLoadWithOneLine(String what, String hocon, String expected) throws Exception {
    Path conf = dir.resolve(what.replaceAll("[^A-Za-z0-9]+", "-") + ".conf");
    // Line 1 points the run at the loopback target; line 2 is the mistake.
    Files.writeString(conf, "rightsize.deployments = [ { name = loop, kind = openai-compatible, endpoint = \"http://127.0.0.1:"
        + target.port() + "\", deployment = m } ]\n" + hocon.replace("$DIR", dir.toString()) + "\n");

    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> RightsizeSettings.load(conf, RightsizeSettings.Secrets.ALL).checkBeforeLoad());

    assertThat(e).as("no problem found in " + hocon).isNotNull();
    assertThat(e.problems()).containsExactly(expected.replace("$CONF", conf.toString()).replace("$DIR", dir.toString()));
    assertThat(InvalidConfigException.EXIT_CODE).isEqualTo(78);
    assertThat(target.received()).as("requests the target received").isEmpty();
  }

  /** A typo given with -D, as on the mvn gatling:test command line, is found and said to come from there. */
  @Test
  void aTypoInASystemPropertyIsFoundToo() throws Exception {
    Path conf = dir.resolve("loopback.conf");
    Files.writeString(conf, "rightsize.deployments = [ { name = loop, kind = openai-compatible, endpoint = \"http://127.0.0.1:"
        + target.port() + "\", deployment = m } ]\n");
    System.setProperty("rightsize.populaton.model", "open");
    try {
      InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
          () -> RightsizeSettings.load(conf, RightsizeSettings.Secrets.ALL).checkBeforeLoad());
      assertThat(e).isNotNull();
      assertThat(e.problems()).containsExactly(
          "rightsize.populaton is not a known setting: did you mean rightsize.population? rename or remove it in a -D system property");
    } finally {
      System.clearProperty("rightsize.populaton.model");
      ConfigFactory.invalidateCaches();
    }
    assertThat(target.received()).isEmpty();
  }

  static Stream<Arguments> badConfigurations() {
    return Stream.of(
        arguments("typo in a top-level key", "rightsize.populaton.model = open",
            "rightsize.populaton is not a known setting: did you mean rightsize.population? rename or remove it in $CONF: 2"),
        arguments("typo in a nested key", "rightsize.slo.p95-ttf = 1s",
            "rightsize.slo.p95-ttf is not a known setting: did you mean rightsize.slo.p95-ttft? rename or remove it in $CONF: 2"),
        arguments("typo in a deployment", LOOP + ", vm-sise = Standard_F4s_v2 } ]",
            "rightsize.deployments[0].vm-sise is not a known setting: did you mean rightsize.deployments[0].vm-size? rename or remove it in $CONF: 2"),
        arguments("typo in an emulator profile", "rightsize.emulator.profiles.cpu-small.decode-tokens-per-sec = 5",
            "rightsize.emulator.profiles.cpu-small.decode-tokens-per-sec is not a known setting:"
                + " did you mean rightsize.emulator.profiles.cpu-small.decode-tokens-per-second? rename or remove it in $CONF: 2"),
        arguments("typo in an application profile", "rightsize.emulator.app-profiles.promptflow-app.model.first-token = 300",
            "rightsize.emulator.app-profiles.promptflow-app.model.first-token is not a known setting:"
                + " did you mean rightsize.emulator.app-profiles.promptflow-app.model.first-token-ms? rename or remove it in $CONF: 2"),
        arguments("negative users", "rightsize.population.closed.steps = [-1, 10]",
            "rightsize.population.closed.steps must each be > 0, found -1.0: list ascending loads > 0, e.g. [1, 10, 50], in $CONF: 2"),
        arguments("steps not increasing", "rightsize.population.closed.steps = [10, 5]",
            "rightsize.population.closed.steps must be strictly ascending (the capacity search stops a size at the first step that"
                + " breaks the SLO), found 10.0 then 5.0: list ascending loads > 0, e.g. [1, 10, 50], in $CONF: 2"),
        arguments("a step that is not a number", "rightsize.population.closed.steps = \"1,x\"",
            "rightsize.population.closed.steps has \"x\", which is not a number: write numbers like [1, 10, 50] or \"1,10,50\" in $CONF: 2"),
        arguments("negative hold", "rightsize.population.closed.hold = -5s",
            "rightsize.population.closed.hold is -5s: set a duration > 0 such as 30s in $CONF: 2"),
        arguments("model typo", "rightsize.population.model = closd",
            "rightsize.population.model 'closd' is not a population model: use closed, open in $CONF: 2"),
        arguments("workload kind typo", "rightsize.workload.kind = chatbott",
            "rightsize.workload.kind 'chatbott' is not a workload kind: use chatbot, summarization, synthetic in $CONF: 2"),
        arguments("missing prompt file", "rightsize.workload.chatbot.file = \"$DIR/missing.jsonl\"",
            "rightsize.workload.chatbot.file cannot be used ($DIR/missing.jsonl not found (working directory "
                + Path.of("").toAbsolutePath() + ")): fix the file or point rightsize.workload.chatbot.file at a JSON-lines file"
                + " of the format in docs/workloads.md in $CONF: 2"),
        arguments("malformed prompt line", "rightsize.workload.chatbot.file = \"$DIR/chat.jsonl\"",
            "rightsize.workload.chatbot.file cannot be used ($DIR/chat.jsonl line 2: \"turns\" must be a non-empty array of strings"
                + " (the user messages)): fix the file or point rightsize.workload.chatbot.file at a JSON-lines file"
                + " of the format in docs/workloads.md in $CONF: 2"),
        arguments("bad normal distribution", "rightsize.workload.synthetic.input-tokens { distribution = normal, mean = 500, stddev = 50, min = 600, max = 900 }",
            "rightsize.workload.synthetic.input-tokens is not a valid distribution (normal distribution needs stddev >= 0 and"
                + " min <= mean <= max, got mean 500.0, stddev 50.0, min 600, max 900): fix it in $CONF: 2"),
        arguments("ttft not a duration", "rightsize.slo.p95-ttft = fast",
            "rightsize.slo.p95-ttft is 'fast', not a duration such as 30s or 500ms: set it to a duration such as 30s or 500ms in $CONF: 2"),
        arguments("enforce of the wrong type", "rightsize.slo.enforce = 3",
            "rightsize.slo.enforce is 3, not true or false: set it to true or false in $CONF: 2"),
        arguments("unknown emulator profile", "rightsize.deployments = [ { name = e, kind = emulator, emulator.profile = gpu-huge } ]",
            "rightsize.deployments[0].emulator.profile 'gpu-huge' is not defined: use pay-per-token, cpu-large, cpu-medium, cpu-small,"
                + " promptflow-app (or define it under rightsize.emulator.profiles or app-profiles) for deployment 'e' in $CONF: 2"),
        arguments("unwritable results directory", "rightsize.run.results-dir = \"$DIR/a-file/results\"",
            "rightsize.run.results-dir '$DIR/a-file/results' cannot hold the run's files ($DIR/a-file is a file, not a folder):"
                + " point it at a folder this user can write in $CONF: 2"),
        arguments("unknown pricing mode", LOOP + ", pricing.mode = bogus } ]",
            "rightsize.deployments[0].pricing.mode 'bogus' is not a pricing mode: use managed-compute, pay-per-token, provisioned"
                + " for deployment 'loop' in $CONF: 2"),
        arguments("error rate above 1", "rightsize.slo.max-error-rate = 1.5",
            "rightsize.slo.max-error-rate is 1.5, outside 0..1: set a number between 0 and 1 in $CONF: 2"),
        arguments("negative ttft", "rightsize.slo.p95-ttft = -2s",
            "rightsize.slo.p95-ttft is -2s: set a duration > 0 such as 30s in $CONF: 2"),
        arguments("port out of range", "rightsize.deployments = [ { name = loop, kind = openai-compatible, endpoint = \"http://127.0.0.1:99999\" } ]",
            "rightsize.deployments[0].endpoint has port 99999, outside 1..65535: fix the port in the base URL for deployment 'loop' in $CONF: 2"),
        arguments("zero max-tokens of a workload", "rightsize.workload.chatbot.max-tokens = 0",
            "rightsize.workload.chatbot.max-tokens is 0: set a whole number >= 1 in $CONF: 2"),
        arguments("zero request timeout", "rightsize.request.timeouts.total = 0s",
            "rightsize.request.timeouts.total is 0s but timeouts are always on: set a duration > 0 such as 30s in $CONF: 2"),
        arguments("max-hold under min-hold", "rightsize.population.closed { min-hold = 20s, max-hold = 10s }",
            "rightsize.population.closed.max-hold is shorter than min-hold (20000 ms): set max-hold >= min-hold, or one fixed hold, in $CONF: 2"),
        arguments("cpu share above 1", "rightsize.report.trust.max-injector-cpu = 90",
            "rightsize.report.trust.max-injector-cpu is 90.0, outside 0..1: set a number between 0 and 1 in $CONF: 2"),
        arguments("target kind typo", "rightsize.deployments = [ { name = loop, kind = azure-openai-v2, endpoint = \"http://127.0.0.1:1\" } ]",
            "rightsize.deployments[0].kind 'azure-openai-v2' is not a target kind: use azure-openai, azure-openai-v1,"
                + " foundry-models, aml-online-endpoint, openai-compatible, emulator for deployment 'loop' in $CONF: 2"),
        arguments("negative price", LOOP + ", pricing { mode = pay-per-token, output-per-1m = -0.6 } } ]",
            "rightsize.deployments[0].pricing.output-per-1m is -0.6: set a number >= 0 for deployment 'loop' in $CONF: 2"),
        arguments("zero sign-in timeout", "rightsize.deployment-defaults.auth.sign-in-timeout = 0s",
            "rightsize.deployments[0].auth.sign-in-timeout is 0s: set a duration > 0 such as 30s for deployment 'loop' in $CONF: 2"));
  }
}
