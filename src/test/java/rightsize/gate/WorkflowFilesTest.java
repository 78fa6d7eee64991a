package rightsize.gate;

import rightsize.cli.GateMain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Structural checks of the two nightly CI definitions: what each CI system needs to run them, and
 * that they agree with the code they call (subcommands, file names, exit codes, artifact names).
 */
class WorkflowFilesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern CRON = Pattern.compile("^(\\S+\\s+){4}\\S+$");
  private static final Pattern GATE_ARGS = Pattern.compile("-Dexec\\.args=\"([^\"]*)\"");

  private static JsonNode read(String file) throws Exception {
    return YAML.readTree(Path.of(file).toFile());
  }

  /** Every step of a job, with Azure Pipelines' compile-time {@code ${{ if }}} blocks flattened. */
  private static List<JsonNode> steps(JsonNode steps) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode step : steps) {
      var names = step.fieldNames();
      String first = names.hasNext() ? names.next() : "";
      if (first.startsWith("${{") && step.size() == 1) {
        all.addAll(steps(step.get(first)));
      } else {
        all.add(step);
      }
    }
    return all;
  }

  private static JsonNode stepUsing(List<JsonNode> steps, String field, String prefix) {
    return steps.stream()
        .filter(s -> s.path(field).asText().startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step with " + field + " " + prefix + "*"));
  }

  private static String scriptCalling(List<JsonNode> steps, String field, String subcommand) {
    return steps.stream()
        .map(s -> s.path(field).asText())
        .filter(s -> s.contains("-Dexec.args=\"" + subcommand + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step runs GateMain " + subcommand));
  }

  /** The GateMain arguments of a step, which must at least parse (run locally, without CI). */
  private static String[] gateArgs(String script) {
    Matcher m = GATE_ARGS.matcher(script);
    assertThat(m.find()).as("-Dexec.args in %s", script).isTrue();
    return m.group(1).trim().split("\\s+");
  }

  private static int runLocally(String[] args) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return GateMain.run(args, new CiEnvironment(Map.of(), quiet), quiet, quiet);
  }

  /** "exit 0 passed, 3 regression, 4 SLO failed, 5 broken run": the codes the step names mention. */
  private static void namesTheRealExitCodes(String stepName) {
    assertThat(stepName)
        .contains(
            "exit " + ExitCode.PASSED.code() + " passed",
            ExitCode.REGRESSION.code() + " regression",
            ExitCode.SLO_FAILED.code() + " SLO failed",
            ExitCode.BROKEN_RUN.code() + " broken run");
  }

  @Test
  void theGitHubWorkflowRunsNightlyWithOidcAndGatesOnTheExitCode() throws Exception {
    JsonNode wf = read(".github/workflows/nightly.yml");

    assertThat(wf.path("on").path("schedule").get(0).path("cron").asText()).matches(CRON);
    assertThat(wf.path("on").has("workflow_dispatch")).isTrue();
    assertThat(wf.path("permissions").path("id-token").asText()).isEqualTo("write");
    assertThat(wf.path("permissions").path("contents").asText()).isEqualTo("read");
    assertThat(wf.path("permissions").path("actions").asText()).isEqualTo("read");

    JsonNode job = wf.path("jobs").path("nightly");
    assertThat(job.path("env").path("RIGHTSIZE_RUN_ID").asText()).isNotBlank();
    assertThat(job.path("env").path("RIGHTSIZE_INJECTOR").asText()).isNotBlank();
    List<JsonNode> steps = steps(job.path("steps"));

    JsonNode java = stepUsing(steps, "uses", "actions/setup-java@");
    assertThat(java.path("with").path("java-version").asText()).isEqualTo("17");
    assertThat(java.path("with").path("cache").asText()).isEqualTo("maven");

    JsonNode login = stepUsing(steps, "uses", "azure/login@");
    assertThat(login.path("if").asText()).contains("AZURE_CLIENT_ID");
    assertThat(login.path("with").fieldNames()).toIterable().contains("client-id", "tenant-id", "subscription-id");

    JsonNode download = stepUsing(steps, "uses", "dawidd6/action-download-artifact@");
    JsonNode upload = stepUsing(steps, "uses", "actions/upload-artifact@");
    assertThat(download.path("with").path("workflow").asText()).isEqualTo("nightly.yml");
    assertThat(download.path("with").path("workflow_conclusion").asText()).isEqualTo("success");
    assertThat(download.path("with").path("name").asText()).isEqualTo(upload.path("with").path("name").asText());
    assertThat(upload.path("with").path("path").asText()).isEqualTo("results/${{ env.RIGHTSIZE_RUN_ID }}/");
    assertThat(upload.path("if").asText()).contains("!cancelled()");

    String plan = scriptCalling(steps, "run", "plan");
    assertThat(plan).contains("--baseline-dir " + download.path("with").path("path").asText());
    JsonNode planStep = steps.stream().filter(s -> s.path("run").asText().equals(plan)).findFirst().orElseThrow();
    assertThat(planStep.path("env").path(GateMain.CI_VARIABLES).asText()).isEqualTo("${{ toJSON(vars) }}");
    // Mapped one by one, an unset repository variable would arrive as "" and override config defaults.
    assertThat(job.path("env").fieldNames()).toIterable().noneMatch(n -> n.startsWith(GateMain.NIGHTLY_PREFIX));
    assertThat(runLocally(gateArgs(plan))).as("GateMain %s", plan).isZero();

    JsonNode load = stepUsing(steps, "run", "mvn -B gatling:test");
    assertThat(load.path("continue-on-error").asBoolean()).isTrue();
    assertThat(load.path("run").asText()).contains("steps.plan.outputs.gatling_args");

    JsonNode gate = steps.stream().filter(s -> s.path("run").asText().contains("\"gate ")).findFirst().orElseThrow();
    namesTheRealExitCodes(gate.path("name").asText());
    assertThat(gate.path("run").asText()).contains("--run results/${{ env.RIGHTSIZE_RUN_ID }}", "--load-outcome ${{ steps.load.outcome }}");
    assertThat(steps.indexOf(gate)).isLessThan(steps.indexOf(upload));
  }

  @Test
  void theAzurePipelineRunsNightlyWithAServiceConnectionAndPublishesTheGate() throws Exception {
    JsonNode p = read("azure-pipelines/nightly.yml");

    assertThat(p.path("trigger").asText()).isEqualTo("none");
    JsonNode schedule = p.path("schedules").get(0);
    assertThat(schedule.path("cron").asText()).matches(CRON);
    assertThat(schedule.path("always").asBoolean()).isTrue();
    assertThat(p.path("pool").path("vmImage").asText()).isNotBlank();

    JsonNode job = p.path("jobs").get(0);
    List<JsonNode> steps = steps(job.path("steps"));

    assertThat(stepUsing(steps, "task", "JavaToolInstaller@").path("inputs").path("versionSpec").asText()).isEqualTo("17");
    assertThat(stepUsing(steps, "task", "Cache@").path("inputs").path("path").asText()).isEqualTo("$(MAVEN_CACHE_FOLDER)");

    JsonNode azureCli = stepUsing(steps, "task", "AzureCLI@2");
    assertThat(azureCli.path("inputs").path("azureSubscription").asText()).isEqualTo("${{ variables.serviceConnection }}");
    assertThat(azureCli.path("inputs").path("inlineScript").asText())
        .contains("az account get-access-token --resource https://cognitiveservices.azure.com")
        .endsWith("mvn -B gatling:test $(gatling_args)\n");
    JsonNode plainLoad = stepUsing(steps, "script", "mvn -B gatling:test");
    for (JsonNode load : List.of(azureCli, plainLoad)) {
      assertThat(load.path("continueOnError").asBoolean()).isTrue();
      // Secret variables reach a step only when mapped explicitly.
      assertThat(load.path("env").path("RIGHTSIZE_API_KEY").asText()).isEqualTo("$(RIGHTSIZE_API_KEY)");
    }

    JsonNode download = stepUsing(steps, "task", "DownloadPipelineArtifact@2");
    JsonNode publish = stepUsing(steps, "task", "PublishPipelineArtifact@");
    assertThat(download.path("continueOnError").asBoolean()).isTrue();
    assertThat(download.path("inputs").path("pipeline").asText()).isEqualTo("$(System.DefinitionId)");
    assertThat(download.path("inputs").path("artifact").asText()).isEqualTo(publish.path("inputs").path("artifact").asText());
    assertThat(publish.path("inputs").path("targetPath").asText()).isEqualTo("results/$(RIGHTSIZE_RUN_ID)");

    String plan = scriptCalling(steps, "script", "plan");
    assertThat(plan).contains("--baseline-dir baseline-download");
    assertThat(download.path("inputs").path("path").asText()).endsWith("/baseline-download");
    assertThat(runLocally(gateArgs(plan))).as("GateMain %s", plan).isZero();

    JsonNode gate = steps.stream().filter(s -> s.path("script").asText().contains("\"gate ")).findFirst().orElseThrow();
    namesTheRealExitCodes(gate.path("displayName").asText());
    assertThat(gate.path("condition").asText()).isEqualTo("succeededOrFailed()");

    JsonNode tests = stepUsing(steps, "task", "PublishTestResults@2");
    assertThat(tests.path("inputs").path("testResultsFormat").asText()).isEqualTo("JUnit");
    assertThat(tests.path("inputs").path("testResultsFiles").asText()).isEqualTo("results/$(RIGHTSIZE_RUN_ID)/" + JUnitXml.FILE_NAME);
    assertThat(tests.path("condition").asText()).isEqualTo("succeededOrFailed()");
    assertThat(publish.path("condition").asText()).isEqualTo("succeededOrFailed()");
  }
}
