package rightsize.cli;

import rightsize.config.RightsizeSettings;
import rightsize.report.ReportGenerator;
import rightsize.report.ReportRequest;
import rightsize.report.ReportResult;
import rightsize.report.ReportSettings;
import rightsize.report.model.TradeoffsJson;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Regenerates a run's report from record files alone (the rightsize config is read and checked as a
 * run reads it, {@link RightsizeSettings#load(RightsizeSettings.Secrets)}, without the deployments' keys).
 *
 * <pre>
 * rightsize.cli.ReportMain --run results/&lt;id&gt; [--baseline results/&lt;id2&gt;]
 *     [--records a.jsonl b.jsonl ...] [--gatling target/gatling/&lt;run&gt; ...]
 * </pre>
 */
@Command(
    name = "ReportMain",
    mixinStandardHelpOptions = true,
    description = "Regenerates a run's report (tradeoffs.html, .md, .csv, .json and results/index.html) from"
        + " record files alone, with the rightsize config of a run: -D, -Dconfig.file, ./application.conf.")
public final class ReportMain implements Callable<Integer> {
  @Option(names = "--run", required = true, paramLabel = "results/<id>",
      description = "The run folder to write into (a bare id means results/<id>).")
  private String run;

  @Option(names = "--baseline", paramLabel = "results/<id2>",
      description = "The run to compare with; default rightsize.run.baseline (empty: none).")
  private String baseline;

  @Option(names = "--records", arity = "1..*", paramLabel = "FILE",
      description = "The record files; default every records*.jsonl in the run folder.")
  private List<Path> records = new ArrayList<>();

  @Option(names = "--gatling", arity = "1..*", paramLabel = "DIR",
      description = "Gatling run folders to copy in; reports already under <run>/gatling/ are always used.")
  private List<Path> gatling = new ArrayList<>();

  @Spec private CommandSpec spec;

  ReportMain() {}

  public static void main(String[] args) {
    CommandRunner.exitWith(new ReportMain(), args);
  }

  /** Parses {@code args} and writes the report; a wrong argument throws picocli's ParameterException. */
  public static ReportResult run(String... args) {
    return CommandLine.populateCommand(new ReportMain(), args).generate();
  }

  @Override
  public Integer call() {
    ReportResult r = generate();
    PrintWriter out = spec.commandLine().getOut();
    out.println("wrote " + r.html() + ", " + r.markdown() + ", " + r.csv() + ", " + r.json());
    out.println("runs index: " + r.index());
    if (r.partial()) {
      out.println("PARTIAL: " + r.tradeoffs().partialNotice());
    }
    r.regressions().forEach(g -> out.println("REGRESSION: " + g.describe()));
    return 0;
  }

  private ReportResult generate() {
    Path base = Path.of("").toAbsolutePath();
    // The report sends no request: deployment keys need not be set.
    ReportSettings settings = ReportSettings.of(RightsizeSettings.load(RightsizeSettings.Secrets.NONE), base);
    ReportRequest request = new ReportRequest(
        ReportSettings.resolveRun(run, base, settings.resultsDir()),
        records.stream().map(base::resolve).toList(),
        gatling.stream().map(base::resolve).toList(),
        baseline == null ? null : ReportSettings.resolveRun(baseline, base, settings.resultsDir()));
    checkInputs(request);
    return new ReportGenerator(settings).generate(request);
  }

  /**
   * Refuses a mistyped {@code --run} or {@code --records} in one line rather than writing an empty
   * run into results/index.html, or replacing a run's report with one built from nothing.
   */
  private void checkInputs(ReportRequest request) {
    for (Path file : request.recordFiles()) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--records " + file + " does not exist: name the run's record files (records*.jsonl)");
      }
    }
    Path runDir = request.runDir();
    if (request.recordFiles().isEmpty() && !Files.isDirectory(runDir)) {
      throw new IllegalArgumentException("--run " + run + ": there is no run folder " + runDir
          + ": give an existing run folder (results/<id>), or --records to build a new one from");
    }
    List<Path> files = request.recordFiles().isEmpty() ? ReportGenerator.recordFilesOf(runDir) : request.recordFiles();
    if (Files.exists(runDir.resolve(TradeoffsJson.FILE_NAME)) && files.stream().allMatch(ReportMain::holdsNothing)) {
      throw new IllegalArgumentException("no record in " + files.stream().map(Path::toString).collect(Collectors.joining(", "))
          + ": the report in " + runDir + " is kept; name the record files it was built from");
    }
  }

  private static boolean holdsNothing(Path file) {
    try {
      return !Files.isRegularFile(file) || Files.size(file) == 0;
    } catch (IOException e) {
      return true;
    }
  }
}
