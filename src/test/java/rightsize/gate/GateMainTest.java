package rightsize.gate;

import rightsize.cli.GateMain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateMainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();
  private Path stepSummary;
  private Path outputs;

  @BeforeEach
  void githubActions() {
    stepSummary = dir.resolve("step_summary");
    outputs = dir.resolve("outputs");
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_STEP_SUMMARY", stepSummary.toString());
    env.put("GITHUB_OUTPUT", outputs.toString());
  }

  private int run(String... args) {
    CiEnvironment ci = new CiEnvironment(env, new PrintStream(out, true, StandardCharsets.UTF_8));
    return GateMain.run(args, ci, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void planOnAForkPicksTheEmulatorAndTheDownloadedBaseline() throws Exception {
    Path downloaded = dir.resolve("baseline-download");
    TradeoffsFixture.run(downloaded, "nightly-41-1", "2026-11-25T02:17:00Z", 50, 50, true, null, false);

    int code = run("plan", "--baseline-dir", downloaded.toString());

    assertThat(code).isZero();
    Path baseline = downloaded.resolve("nightly-41-1");
    assertThat(Files.readString(outputs))
        .isEqualTo(
            "config=config/nightly-emulator.conf\n"
                + "profile=emulator\n"
                + "baseline=" + baseline + "\n"
                + "gatling_args=-Dconfig.file=config/nightly-emulator.conf -Dbaseline=" + baseline + "\n");
    assertThat(out()).contains("::warning title=rightsize::nightly runs against the embedded emulator");
    assertThat(out()).contains("baseline: " + baseline + " (run nightly-41-1, started 2026-11-25T02:17:00Z)");
  }

  @Test
  void planWithEndpointsAndNoBaselinePicksTheNightlyConfigAlone() throws Exception {
    env.put("RIGHTSIZE_NIGHTLY_ENDPOINT", "https://staging.openai.azure.com");

    int code = run("plan", "--baseline-dir", dir.resolve("baseline-download").toString());

    assertThat(code).isZero();
    assertThat(Files.readString(outputs))
        .contains("profile=nightly\n", "baseline=\n", "gatling_args=-Dconfig.file=config/nightly.conf\n");
    assertThat(out()).contains("regressions will not be checked tonight");
  }

  @Test
  void planTakesTheNonEmptyNightlyRepositoryVariablesAndHandsThemToLaterSteps() throws Exception {
    Path githubEnv = dir.resolve("github_env");
    env.put("GITHUB_ENV", githubEnv.toString());
    env.put(
        GateMain.CI_VARIABLES,
        "{\"RIGHTSIZE_NIGHTLY_ENDPOINT\": \"https://ep.eastus.inference.ml.azure.com\","
            + " \"RIGHTSIZE_NIGHTLY_KIND\": \"aml-online-endpoint\", \"RIGHTSIZE_NIGHTLY_VM_SIZE\": \"\","
            + " \"AZURE_CLIENT_ID\": \"00000000-0000-0000-0000-000000000000\"}");

    int code = run("plan");

    assertThat(code).isZero();
    assertThat(Files.readString(outputs)).contains("profile=nightly\n");
    // An empty variable stays unset, so the config default (vm-size "") is not overridden by "".
    assertThat(Files.readString(githubEnv))
        .isEqualTo(
            "RIGHTSIZE_NIGHTLY_ENDPOINT=https://ep.eastus.inference.ml.azure.com\n"
                + "RIGHTSIZE_NIGHTLY_KIND=aml-online-endpoint\n");
    assertThat(out()).contains("variables: RIGHTSIZE_NIGHTLY_ENDPOINT, RIGHTSIZE_NIGHTLY_KIND");
  }

  @Test
  void gateOnARegressedRunExitsThreeAndWritesJUnitAndTheSummary() throws Exception {
    Path run = TradeoffsFixture.run(dir.resolve("results"), "nightly-42-1", "2026-11-26T02:17:00Z", 50, 50, true, "nightly-41-1", true);
    Files.writeString(run.resolve("tradeoffs.md"), "## Trade-offs of nightly-42-1\n");

    int code = run("gate", "--run", run.toString(), "--load-outcome", "success");

    assertThat(code).isEqualTo(3);
    assertThat(run.resolve(JUnitXml.FILE_NAME)).content().contains("<failure type=\"regression\"");
    String summary = Files.readString(run.resolve(GateSummary.FILE_NAME));
    assertThat(summary).startsWith("## rightsize nightly gate: regression (exit 3)").contains("## Trade-offs of nightly-42-1");
    assertThat(Files.readString(stepSummary)).isEqualTo(summary + "\n");
    assertThat(out()).contains("FAIL regression F4 / 10 users p95 ttft: F4 10 users: p95 ttft 800 -> 1100 (+37.5%, threshold +10.0%)");
  }

  @Test
  void gateInAdvisoryModeReportsButExitsZero() {
    Path run = TradeoffsFixture.run(dir, "nightly-42-1", "2026-11-26T02:17:00Z", 50, 50, true, "nightly-41-1", true);

    assertThat(run("gate", "--run", run.toString(), "--advisory")).isZero();
    assertThat(out()).contains("::warning title=rightsize::advisory gate, not failing the job: regression");
  }

  @Test
  void gateOnAnSloMissExitsFour() {
    Path run = TradeoffsFixture.run(dir, "nightly-42-1", "2026-11-26T02:17:00Z", 50, 49, false, "nightly-41-1", false);

    assertThat(run("gate", "--run", run.toString())).isEqualTo(4);
  }

  @Test
  void gateOnARunThatLeftNothingExitsFiveAndStillWritesItsFiles() {
    Path run = dir.resolve("results/nightly-43-1");

    int code = run("gate", "--run", run.toString(), "--load-outcome", "failure");

    assertThat(code).isEqualTo(5);
    assertThat(run.resolve(JUnitXml.FILE_NAME)).content().contains("name=\"report written\"");
    assertThat(run.resolve(GateSummary.FILE_NAME)).content()
        .contains("no tradeoffs.json in " + run)
        .contains("The load step failed; its log says why.");
  }

  @Test
  void gateOnAnUnreachableTargetExitsFive() {
    Path run = TradeoffsFixture.run(dir, "nightly-44-1", "2026-11-26T02:17:00Z", 30, 0, false, null, false);

    assertThat(run("gate", "--run", run.toString())).isEqualTo(5);
    assertThat(out()).contains("FAIL run F4 / answered: 0 of 30 requests ok (30 connect_failed): the target is unreachable");
  }

  @Test
  void wrongArgumentsExitWithTheUsageCodeAndOneLine() {
    assertThat(run("gate")).isEqualTo(64);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("GateMain gate: Missing required option: '--run=results/<run-id>' (see GateMain gate --help)\n");
    assertThat(run("gate", "--run")).isEqualTo(64);
    assertThat(run("bogus")).isEqualTo(64);
    assertThat(run()).isEqualTo(64);
  }

  @Test
  void codesListsEveryExitCode() {
    assertThat(run("codes")).isZero();
    assertThat(out()).contains("0  passed", "3  regression", "4  SLO failed", "5  broken run", "64  usage error");
  }

  @Test
  void loadOutcomesOfBothCiSystemsAreUnderstood() {
    assertThat(GateMain.loadFailed("success")).isFalse();
    assertThat(GateMain.loadFailed("Succeeded")).isFalse();
    assertThat(GateMain.loadFailed(null)).isFalse();
    assertThat(GateMain.loadFailed("failure")).isTrue();
    assertThat(GateMain.loadFailed("SucceededWithIssues")).isTrue();
    assertThat(GateMain.loadFailed("Failed")).isTrue();
  }
}
