package rightsize.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import rightsize.analysis.CapacityFile;
import rightsize.config.RightsizeSettings;
import rightsize.injector.InjectorLog;
import rightsize.report.analysis.Baseline;
import rightsize.report.analysis.GatlingCrossCheck;
import rightsize.report.analysis.StepLengths;
import rightsize.report.input.GatlingReport;
import rightsize.report.input.RunScan;
import rightsize.report.model.CrossCheck;
import rightsize.report.model.Tradeoffs;
import rightsize.report.model.TradeoffsJson;
import rightsize.report.render.CsvReport;
import rightsize.report.render.HtmlReport;
import rightsize.report.render.JsonReport;
import rightsize.report.render.MarkdownReport;
import rightsize.report.render.RunIndex;
import rightsize.report.render.TextFile;
import rightsize.telemetry.Telemetry;
import rightsize.telemetry.TelemetryFile;

/**
 * Builds a run's trade-off report from its record files (and its capacity.json, when the capacity
 * search ran, for the steps it skipped; its injector files, when the load generators were
 * monitored, for how they fared; its telemetry.json, when the server side was read, for what the
 * deployments measured themselves) and writes it into the run folder: tradeoffs.md, .csv,
 * .json and .html, the copied Gatling reports, and results/index.html.
 *
 * <p>From a simulation: call {@link #atEndOfRun(Path, RightsizeSettings)} in {@code after()}. From
 * record files alone: {@code rightsize.cli.ReportMain}.
 */
public final class ReportGenerator {
  static final String GATLING_FOLDER = "gatling";

  private final ReportSettings settings;

  /** A generator configured by {@code settings}; relative paths resolve against the working directory. */
  public ReportGenerator(RightsizeSettings settings) {
    this(ReportSettings.of(settings, Path.of("").toAbsolutePath()));
  }

  public ReportGenerator(ReportSettings settings) {
    this.settings = settings;
  }

  /** Writes the report of {@code runDir} from its own record files and Gatling reports. */
  public ReportResult generate(Path runDir) {
    return generate(ReportRequest.of(runDir));
  }

  /**
   * Writes the report described by {@code request}. Missing, truncated or corrupt record files
   * give a report marked partial, never an exception; only an unwritable run folder throws.
   */
  public ReportResult generate(ReportRequest request) {
    Path runDir = request.runDir();
    List<String> warnings = new ArrayList<>();
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the run folder " + runDir + ": " + e.getMessage(), e);
    }
    StepLengths lengths = new StepLengths();
    RunScan scan = RunScan.read(request.recordFiles().isEmpty() ? recordFilesOf(runDir) : request.recordFiles(),
        lengths::add);

    for (Path source : request.gatlingReports()) {
      copyGatlingReport(source, runDir, warnings);
    }
    List<GatlingReport> reports = new ArrayList<>();
    List<String> links = new ArrayList<>();
    for (Path folder : gatlingReportsOf(runDir)) {
      try {
        reports.add(GatlingReport.read(folder));
        links.add(folder.getFileName().toString());
      } catch (RuntimeException e) {
        warnings.add("Gatling report " + folder + " skipped: " + e.getMessage());
      }
    }
    CrossCheck crossCheck = reports.isEmpty() ? null : GatlingCrossCheck.of(reports, scan.names(), scan.paths());

    Path baselineDir = request.baseline() != null ? request.baseline() : settings.baseline();
    Baseline baseline = null;
    if (baselineDir != null) {
      if (baselineDir.toAbsolutePath().normalize().equals(runDir.toAbsolutePath().normalize())) {
        warnings.add("the baseline is this run itself: no comparison");
      } else {
        baseline = Baseline.read(baselineDir);
      }
    }

    Tradeoffs tradeoffs = new TradeoffsBuilder(settings).build(scan, lengths,
        runDir.toAbsolutePath().normalize().getFileName().toString(), capacityOf(runDir, warnings), crossCheck,
        links, baseline, InjectorLog.read(runDir), telemetryOf(runDir, warnings), warnings, Instant.now());
    Path md = runDir.resolve("tradeoffs.md");
    Path csv = runDir.resolve("tradeoffs.csv");
    Path json = runDir.resolve(TradeoffsJson.FILE_NAME);
    Path html = runDir.resolve("tradeoffs.html");
    TextFile.write(md, MarkdownReport.render(tradeoffs));
    TextFile.write(csv, CsvReport.render(tradeoffs));
    JsonReport.of(tradeoffs).write(json);
    TextFile.write(html, HtmlReport.render(tradeoffs));
    Path index = RunIndex.write(runDir.toAbsolutePath().normalize().getParent());
    return new ReportResult(runDir, md, csv, json, html, index, tradeoffs);
  }

  /**
   * For a simulation's {@code after()} hook: writes the report now, then once more when the JVM
   * exits, by which time Gatling has written its HTML report (after {@code after()}), so that the
   * report is copied in and cross-checked. Reads Gatling's results from {@code target/gatling}.
   */
  public static void atEndOfRun(Path runDir, RightsizeSettings settings) {
    atEndOfRun(runDir, settings, Path.of("target", "gatling"));
  }

  /** As {@link #atEndOfRun(Path, RightsizeSettings)}, with Gatling's results folder given. */
  public static void atEndOfRun(Path runDir, RightsizeSettings settings, Path gatlingResults) {
    ReportGenerator generator = new ReportGenerator(settings);
    // Gatling's folder for this run exists (simulation.log) but has no index.html until after() returns.
    List<Path> pending = listDirectories(gatlingResults).stream()
        .filter(d -> Files.exists(d.resolve("simulation.log")) && !Files.exists(d.resolve("index.html")))
        .toList();
    generateAndTell(generator, ReportRequest.of(runDir));
    if (pending.isEmpty()) {
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      List<Path> written = pending.stream().filter(d -> Files.exists(d.resolve("index.html"))).toList();
      if (!written.isEmpty()) {
        generateAndTell(generator, ReportRequest.of(runDir).withGatlingReports(written));
      }
    }, "rightsize-report"));
  }

  private static void generateAndTell(ReportGenerator generator, ReportRequest request) {
    try {
      ReportResult r = generator.generate(request);
      // System.out, not a logger: this also runs in a shutdown hook, after logging may have stopped.
      System.out.println("rightsize report: " + r.html().toAbsolutePath()
          + (r.partial() ? " (PARTIAL: " + r.tradeoffs().partialNotice() + ")" : "")
          + (r.regressions().isEmpty() ? "" : " (" + r.regressions().size() + " regressions)"));
    } catch (RuntimeException e) {
      System.err.println("rightsize report failed for " + request.runDir() + ": " + e.getMessage()
          + " (regenerate it with: rightsize.cli.ReportMain --run " + request.runDir() + ")");
    }
  }

  /**
   * The run folder's capacity.json (written when the capacity search ran), or null when there is
   * none; an unreadable one is a note, not a failure.
   */
  private static CapacityFile.Contents capacityOf(Path runDir, List<String> warnings) {
    Path file = runDir.resolve(CapacityFile.NAME);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return CapacityFile.read(file);
    } catch (RuntimeException e) {
      warnings.add(e.getMessage() + ": the steps the capacity search skipped are not shown");
      return null;
    }
  }

  /**
   * The run folder's telemetry.json (written after a run that read the server side), or null when
   * there is none; an unreadable one is a note, not a failure.
   */
  private static Telemetry telemetryOf(Path runDir, List<String> warnings) {
    Path file = runDir.resolve(TelemetryFile.NAME);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return TelemetryFile.read(file);
    } catch (IOException e) {
      warnings.add(e.getMessage() + ": the server-side figures are not shown");
      return null;
    }
  }

  /** The run folder's record files: records*.jsonl (one per injector), or records.jsonl when there is none (then reported missing). */
  public static List<Path> recordFilesOf(Path runDir) {
    try (Stream<Path> files = Files.list(runDir)) {
      List<Path> found = files
          .filter(f -> f.getFileName().toString().startsWith("records") && f.getFileName().toString().endsWith(".jsonl"))
          .sorted()
          .toList();
      return found.isEmpty() ? List.of(runDir.resolve("records.jsonl")) : found;
    } catch (IOException e) {
      return List.of(runDir.resolve("records.jsonl"));
    }
  }

  private static List<Path> gatlingReportsOf(Path runDir) {
    return listDirectories(runDir.resolve(GATLING_FOLDER)).stream()
        .filter(d -> Files.exists(d.resolve("index.html")))
        .sorted()
        .toList();
  }

  private static List<Path> listDirectories(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void copyGatlingReport(Path source, Path runDir, List<String> warnings) {
    if (!Files.exists(source.resolve("index.html"))) {
      warnings.add("Gatling report " + source + " has no index.html: not copied");
      return;
    }
    Path target = runDir.resolve(GATLING_FOLDER).resolve(source.getFileName().toString());
    if (target.toAbsolutePath().normalize().equals(source.toAbsolutePath().normalize())) {
      return;
    }
    try {
      Files.walkFileTree(source, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          Files.createDirectories(target.resolve(source.relativize(dir).toString()));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      warnings.add("cannot copy the Gatling report " + source + ": " + e.getMessage());
    }
  }
}
