package rightsize.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.testing.ScriptedChatServer;

/**
 * {@code mvn gatling:test} with a bad configuration ends inside Maven, before the Gatling JVM: one
 * line per problem is the last thing printed, the exit code is 78, and the target gets nothing.
 */
class PreflightMainTest {
  @Test
  void onlyGatlingsTestGoalAsksForTheCheck() {
    assertThat(PreflightMain.asksForGatlingTest("-B -o gatling:test -Dsizes=F2")).isTrue();
    assertThat(PreflightMain.asksForGatlingTest("io.gatling:gatling-maven-plugin:4.21.12:test")).isTrue();
    assertThat(PreflightMain.asksForGatlingTest("-B test")).isFalse();
    assertThat(PreflightMain.asksForGatlingTest("clean verify -Dgatling.simulationClass=x")).isFalse();
  }

  @Test
  void aTypoStopsMavenItselfWithOneLineAndExit78(@TempDir Path dir) throws Exception {
    try (ScriptedChatServer target = new ScriptedChatServer(r -> ScriptedChatServer.Reply.json("{}"))) {
      Path conf = dir.resolve("typo.conf");
      Files.writeString(conf, "rightsize.deployments = [ { name = loop, kind = openai-compatible, endpoint = \"http://127.0.0.1:"
          + target.port() + "\", deployment = m } ]\nrightsize.populaton.closed.steps = [1]\n");
      Path output = dir.resolve("mvn-output.txt");
      // The outer build has compiled everything: the nested Maven only runs the preflight and Gatling's goal.
      Process mvn = new ProcessBuilder("mvn", "-B", "gatling:test", "-Dconfig.file=" + conf,
          "-Dmaven.main.skip=true", "-Dmaven.test.skip=true", "-Dmaven.resources.skip=true",
          "-Drightsize.run.results-dir=" + dir.resolve("results"))
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      assertThat(mvn.waitFor(5, TimeUnit.MINUTES)).as("mvn ended").isTrue();

      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
      assertThat(mvn.exitValue()).as(String.join("\n", lines)).isEqualTo(78);
      assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly(
          "rightsize: the configuration is invalid, nothing was run:",
          "  rightsize.populaton is not a known setting: did you mean rightsize.population? rename or remove it in " + conf + ": 2");
      assertThat(lines).noneMatch(l -> l.startsWith("[ERROR]") || l.contains("BUILD FAILURE"));
      assertThat(Files.readString(dir.resolve("results/last-run-status"))).startsWith("invalid-config");
      assertThat(target.received()).isEmpty();
    }
  }
}
