package rightsize.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiEnvironmentTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private CiEnvironment ci(Map<String, String> env) {
    return new CiEnvironment(env, new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  private String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onGitHubActionsTheSummaryIsAppendedToTheStepSummaryAndOutputsToTheOutputFile() throws Exception {
    Path stepSummary = dir.resolve("step_summary");
    Path output = dir.resolve("output");
    Files.writeString(stepSummary, "earlier step\n");
    Path summary = dir.resolve("summary.md");
    Files.writeString(summary, "## gate passed");
    CiEnvironment ci =
        ci(Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", stepSummary.toString(), "GITHUB_OUTPUT", output.toString()));

    assertThat(ci.kind()).isEqualTo(CiEnvironment.Kind.GITHUB_ACTIONS);
    assertThat(ci.publishSummary(summary)).isTrue();
    ci.setOutput("config", "config/nightly.conf");
    ci.setOutput("baseline", "");
    ci.warn("100% emulator");

    assertThat(Files.readString(stepSummary)).isEqualTo("earlier step\n## gate passed\n");
    assertThat(Files.readString(output)).isEqualTo("config=config/nightly.conf\nbaseline=\n");
    assertThat(console()).isEqualTo("::warning title=rightsize::100%25 emulator\n");
  }

  @Test
  void onAzurePipelinesLoggingCommandsGoToTheConsoleWithAnAbsoluteSummaryPath() throws Exception {
    Path summary = dir.resolve("summary.md");
    Files.writeString(summary, "## gate passed");
    CiEnvironment ci = ci(Map.of("TF_BUILD", "True"));

    assertThat(ci.kind()).isEqualTo(CiEnvironment.Kind.AZURE_PIPELINES);
    assertThat(ci.publishSummary(summary)).isTrue();
    ci.setOutput("gatling_args", "-Dconfig.file=config/nightly.conf");
    ci.warn("emulator");

    assertThat(console())
        .isEqualTo(
            "##vso[task.uploadsummary]" + summary.toAbsolutePath() + "\n"
                + "##vso[task.setvariable variable=gatling_args]-Dconfig.file=config/nightly.conf\n"
                + "##vso[task.logissue type=warning]emulator\n");
  }

  @Test
  void locallyNothingIsPublished() throws Exception {
    Path summary = dir.resolve("summary.md");
    Files.writeString(summary, "x");
    CiEnvironment ci = ci(Map.of());

    assertThat(ci.kind()).isEqualTo(CiEnvironment.Kind.LOCAL);
    assertThat(ci.publishSummary(summary)).isFalse();
    ci.setOutput("config", "x");
    assertThat(console()).isEmpty();
  }

  @Test
  void anOutputMustBeOneLine() {
    assertThatThrownBy(() -> ci(Map.of()).setOutput("x", "a\nb")).hasMessage("output x must be one line");
  }
}
