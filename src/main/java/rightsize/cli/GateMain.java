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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
public final class GateMain {
  static final String USAGE =
      "usage: GateMain plan [--config FILE] [--fallback FILE] [--baseline-dir DIR]"
          + " | gate --run DIR [--load-outcome OUTCOME] [--advisory] | codes";

  /** Where the GitHub workflow hands the plan step its repository variables, as {@code toJSON(vars)}. */
  public static final String CI_VARIABLES = "RIGHTSIZE_CI_VARIABLES";

  /** The variables the nightly config reads; only these are taken from {@link #CI_VARIABLES}. */
  public static final String NIGHTLY_PREFIX = "RIGHTSIZE_NIGHTLY_";

  private GateMain() {}

  public static void main(String[] args) {
    System.exit(run(args, CiEnvironment.current(), System.out, System.err));
  }

  /** Runs one subcommand and returns the process exit code. */
  public static int run(String[] args, CiEnvironment ci, PrintStream out, PrintStream err) {
    try {
      if (args.length == 0) {
        throw new IllegalArgumentException("no subcommand");
      }
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      return switch (args[0]) {
        case "plan" ->
            plan(options(rest, Set.of("config", "fallback", "baseline-dir"), Set.of()), ci, out);
        case "gate" ->
            gate(options(rest, Set.of("run", "load-outcome"), Set.of("advisory")), ci, out);
        case "codes" -> {
          for (ExitCode code : ExitCode.values()) {
            out.println(code.code() + "  " + code.meaning());
          }
          yield 0;
        }
        default -> throw new IllegalArgumentException("unknown subcommand '" + args[0] + "'");
      };
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("gate: " + e.getMessage());
      err.println(USAGE);
      return ExitCode.USAGE.code();
    }
  }

  private static int plan(Map<String, String> options, CiEnvironment ci, PrintStream out) {
    Path config = Path.of(options.getOrDefault("config", "config/nightly.conf"));
    Path fallback = Path.of(options.getOrDefault("fallback", "config/nightly-emulator.conf"));
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
    Optional<BaselineFinder.Baseline> baseline =
        Optional.ofNullable(options.get("baseline-dir")).map(Path::of).flatMap(BaselineFinder::find);
    baseline.ifPresentOrElse(
        b ->
            out.println(
                "baseline: " + b.folder() + " (run " + b.runId() + ", started " + b.started() + ")"),
        () ->
            out.println(
                "baseline: none"
                    + (options.containsKey("baseline-dir") ? " in " + options.get("baseline-dir") : "")
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

  private static int gate(Map<String, String> options, CiEnvironment ci, PrintStream out) {
    String runOption = options.get("run");
    if (runOption == null) {
      throw new IllegalArgumentException("gate needs --run results/<run-id>");
    }
    Path runFolder = Path.of(runOption);
    String runId = runFolder.getFileName().toString();
    boolean loadFailed = loadFailed(options.get("load-outcome"));
    boolean advisory = options.containsKey("advisory");

    Verdict verdict = judge(runFolder, runId, loadFailed);

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

  /** Parses {@code --name value} and {@code --flag} options; anything else is a usage error. */
  static Map<String, String> options(String[] args, Set<String> valued, Set<String> flags) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.startsWith("--") ? arg.substring(2) : null;
      if (name != null && flags.contains(name)) {
        options.put(name, "true");
      } else if (name != null && valued.contains(name)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
    }
    return options;
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
      Files.writeString(file, text, StandardCharsets.UTF_8);
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
