package rightsize.cli;

import rightsize.gate.BaselineFinder;
import rightsize.gate.CiEnvironment;
import rightsize.gate.ExitCode;
import rightsize.gate.GateCheck;
import rightsize.gate.GateEvaluator;
import rightsize.gate.GateSummary;
import rightsize.gate.JUnitXml;
import rightsize.gate.ProfileChooser;
import rightsize.gate.RunReport;
import rightsize.gate.TradeoffsFile;
import rightsize.gate.Verdict;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import rightsize.secret.ScrubbedFiles;

/**
 * The command line the nightly CI jobs call: {@code plan} before the load (which config, which
 * baseline), {@code gate} after it (judge the run, write the JUnit XML and the job summary, exit
 * with a code CI understands), {@code codes} to print the exit codes.
 *
 * <pre>
 * GateMain plan [--config config/nightly.conf] [--fallback config/nightly-emulator.conf] [--baseline-dir DIR]
 * GateMain gate --run results/RUN_ID [--load-outcome success|failure|...] [--advisory]
 * GateMain codes
 * </pre>
 */
@Command(
    name = "GateMain",
    mixinStandardHelpOptions = true,
    description = "The nightly CI job's decisions: which config and baseline to run with, and whether the run passed.")
public final class GateMain implements Callable<Integer> {
  /** Where the GitHub workflow hands the plan step its repository variables, as {@code toJSON(vars)}. */
  public static final String CI_VARIABLES = "RIGHTSIZE_CI_VARIABLES";

  /** The variables the nightly config reads; only these are taken from {@link #CI_VARIABLES}. */
  public static final String NIGHTLY_PREFIX = "RIGHTSIZE_NIGHTLY_";

  private final CiEnvironment ci;
  private final PrintStream out;

  @Spec private CommandSpec spec;

  GateMain(CiEnvironment ci, PrintStream out) {
    this.ci = ci;
    this.out = out;
  }

  public static void main(String[] args) {
    CommandRunner.exitWith(new GateMain(CiEnvironment.current(), System.out), args);
  }

  /** Runs one subcommand and returns the process exit code. */
  public static int run(String[] args, CiEnvironment ci, PrintStream out, PrintStream err) {
    return CommandRunner.execute(new GateMain(ci, out), args, out, err);
  }

  /** Without a subcommand there is nothing to do. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: plan, gate or codes");
  }

  @Command(name = "plan", mixinStandardHelpOptions = true,
      description = "Chooses the config (the nightly one when its endpoints are set, else the emulator's) and the baseline,"
          + " and hands them to the later CI steps.")
  int plan(
      @Option(names = "--config", defaultValue = "config/nightly.conf", paramLabel = "FILE",
          description = "The nightly config (default ${DEFAULT-VALUE}).") Path config,
      @Option(names = "--fallback", defaultValue = "config/nightly-emulator.conf", paramLabel = "FILE",
          description = "The config when the nightly one has no endpoint (default ${DEFAULT-VALUE}).") Path fallback,
      @Option(names = "--baseline-dir", paramLabel = "DIR",
          description = "Where earlier runs were downloaded; the newest usable one is the baseline.") Path baselineDir) {
    Map<String, String> env = new HashMap<>(ci.env());
    Map<String, String> variables = ci.variablesFromJson(CI_VARIABLES, NIGHTLY_PREFIX);
    variables.forEach(
        (name, value) -> {
          env.put(name, value);
          ci.exportVariable(name, value);
        });
    if (!variables.isEmpty()) {
      out.println("variables: " + String.join(", ", variables.keySet()));
    }
    ProfileChooser.Choice choice = ProfileChooser.choose(config, fallback, env);
    out.println("profile: " + choice.reason() + " -> " + choice.config());
    if (choice.fallback()) {
      ci.warn("nightly runs against the embedded emulator: " + choice.reason());
    }
    Optional<BaselineFinder.Baseline> baseline = Optional.ofNullable(baselineDir).flatMap(BaselineFinder::find);
    baseline.ifPresentOrElse(
        b ->
            out.println(
                "baseline: " + b.folder() + " (run " + b.runId() + ", started " + b.started() + ")"),
        () ->
            out.println(
                "baseline: none"
                    + (baselineDir != null ? " in " + baselineDir : "")
                    + ": regressions will not be checked tonight"));
    String baselinePath = baseline.map(b -> b.folder().toString()).orElse("");
    List<String> gatlingArgs = new ArrayList<>();
    gatlingArgs.add("-Dconfig.file=" + choice.config());
    if (!baselinePath.isEmpty()) {
      gatlingArgs.add("-Dbaseline=" + baselinePath);
    }
    ci.setOutput("config", choice.config().toString());
    ci.setOutput("profile", choice.fallback() ? "emulator" : "nightly");
    ci.setOutput("baseline", baselinePath);
    ci.setOutput("gatling_args", String.join(" ", gatlingArgs));
    return 0;
  }

  @Command(name = "gate", mixinStandardHelpOptions = true,
      description = "Judges the run: writes summary.md and gate-junit.xml into it, publishes the summary in CI,"
          + " and exits with the code of the worst verdict.",
      footer = "%nExit codes: GateMain codes lists them (docs/commands.md).")
  int gate(
      @Option(names = "--run", required = true, paramLabel = "results/<run-id>",
          description = "The run folder to judge.") Path runFolder,
      @Option(names = "--load-outcome", paramLabel = "OUTCOME",
          description = "The load step's outcome as CI names it (success, failure, Succeeded, Failed, ...).") String loadOutcome,
      @Option(names = "--advisory",
          description = "Report every failure but exit 0 (accepts tonight's run as the next baseline).") boolean advisory) {
    String runId = runFolder.getFileName().toString();
    Verdict verdict = judge(runFolder, runId, loadFailed(loadOutcome));

    createFolder(runFolder);
    JUnitXml.write(verdict, runFolder.resolve(JUnitXml.FILE_NAME));
    Path summary = runFolder.resolve(GateSummary.FILE_NAME);
    String tradeoffsMarkdown = readIfPresent(runFolder.resolve("tradeoffs.md"));
    writeString(summary, GateSummary.render(verdict, tradeoffsMarkdown, advisory));
    ci.publishSummary(summary);

    ExitCode code = verdict.exitCode();
    out.println("gate: " + verdict.headline());
    for (GateCheck failure : verdict.failures()) {
      out.println(
          "  FAIL " + failure.kind().name().toLowerCase() + " " + failure.group() + " / "
              + failure.name() + ": " + failure.detail());
    }
    verdict.notes().forEach(n -> out.println("  note: " + n));
    out.println("gate: wrote " + summary + " and " + runFolder.resolve(JUnitXml.FILE_NAME));
    if (code != ExitCode.PASSED && advisory) {
      ci.warn("advisory gate, not failing the job: " + verdict.headline());
      return ExitCode.PASSED.code();
    }
    return code.code();
  }

  @Command(name = "codes", mixinStandardHelpOptions = true, description = "Prints the gate's exit codes, one line each.")
  int codes() {
    for (ExitCode code : ExitCode.values()) {
      out.println(code.code() + "  " + code.meaning());
    }
    return 0;
  }

  /** Judges the run in {@code runFolder} from its tradeoffs.json; a missing or unreadable one is a broken run. */
  static Verdict judge(Path runFolder, String runId, boolean loadFailed) {
    Path tradeoffs = runFolder.resolve(TradeoffsFile.FILE_NAME);
    if (!Files.isRegularFile(tradeoffs)) {
      return GateEvaluator.noReport(
          runId,
          "no " + TradeoffsFile.FILE_NAME + " in " + runFolder
              + ": the run did not finish or wrote no records (see the load step's log)",
          loadFailed);
    }
    RunReport report;
    try {
      report = TradeoffsFile.read(tradeoffs);
    } catch (RuntimeException e) {
      return GateEvaluator.noReport(runId, "unreadable report: " + e.getMessage(), loadFailed);
    }
    return GateEvaluator.evaluate(runId, report, loadFailed);
  }

  /**
   * Whether the load step's outcome, as GitHub ({@code success}, {@code failure}, ...) or Azure
   * Pipelines ({@code Succeeded}, {@code SucceededWithIssues}, {@code Failed}, ...) name it, was a failure.
   */
  public static boolean loadFailed(String outcome) {
    if (outcome == null || outcome.isBlank()) {
      return false;
    }
    String o = outcome.strip().toLowerCase();
    return !(o.equals("success") || o.equals("succeeded"));
  }

  private static String readIfPresent(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writeString(Path file, String text) {
    try {
      ScrubbedFiles.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void createFolder(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
    }
  }
}
