package rightsize.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import rightsize.analysis.CapacityFile;
import rightsize.config.RightsizeSettings;
import rightsize.emulator.EmbeddedEmulator;
import rightsize.emulator.truth.GroundTruth;
import rightsize.record.RecordReader;
import rightsize.record.RequestRecord;
import rightsize.run.RightsizeRun;

/**
 * Runs the real {@code SizingSimulation} in this JVM with the real Gatling engine against a fresh
 * embedded emulator, configured by a HOCON file ({@code -Dconfig.file}), and keeps what it left:
 * Gatling's exit status, the run's records and capacity.json, and the emulator's ground truth.
 */
public final class SizingRun {
  public static final String SIMULATION = "rightsize.simulations.SizingSimulation";

  public final int status;
  public final Path runFolder;
  public final List<RequestRecord> records;
  public final JsonNode capacity;
  public final GroundTruth truth;
  public final long capacityWrittenMillis;
  /** Gatling's HTML report folder of the run, or null when it was run without reports. */
  public final Path gatlingReport;

  private SizingRun(int status, Path runFolder, List<RequestRecord> records, JsonNode capacity, GroundTruth truth,
      long capacityWrittenMillis, Path gatlingReport) {
    this.status = status;
    this.runFolder = runFolder;
    this.records = records;
    this.capacity = capacity;
    this.truth = truth;
    this.capacityWrittenMillis = capacityWrittenMillis;
    this.gatlingReport = gatlingReport;
  }

  /**
   * Runs {@link #SIMULATION} with {@code hocon} (a {@code rightsize { ... }} block; {@code run.id}
   * and {@code run.results-dir} are set here) and returns what it left in {@code dir}.
   */
  public static SizingRun run(Path dir, String runId, String hocon) throws IOException {
    return run(dir, runId, hocon, false);
  }

  /** As {@link #run(Path, String, String)}, and Gatling also writes its HTML report. */
  public static SizingRun runWithGatlingReport(Path dir, String runId, String hocon) throws IOException {
    return run(dir, runId, hocon, true);
  }

  private static SizingRun run(Path dir, String runId, String hocon, boolean gatlingReport) throws IOException {
    Path conf = dir.resolve(runId + ".conf");
    Files.writeString(conf, hocon + "\nrightsize.run { id = \"" + runId + "\", results-dir = \""
        + dir.toAbsolutePath().toString().replace("\\", "/") + "\" }\n");
    String previous = System.getProperty("config.file");
    System.setProperty("config.file", conf.toString());
    System.setProperty("gatling.data.enableAnalytics", "false");
    // What the simulation checks first, here: an invalid configuration would make it exit this very
    // JVM with 78 (the test run with it, its message lost); thrown, the test says what is wrong.
    RightsizeSettings.load(conf, RightsizeSettings.Secrets.ALL).checkBeforeLoad();
    EmbeddedEmulator.stop(); // the emulator keeps the config it started with: start it from ours
    int status;
    try {
      List<String> args = new ArrayList<>(List.of(
          "--simulation", SIMULATION, "--results-folder", dir.resolve("gatling-" + runId).toString()));
      if (!gatlingReport) {
        args.add("--no-reports");
      }
      status = io.gatling.app.Gatling$.MODULE$.fromArgs(args.toArray(String[]::new));
    } finally {
      restore("config.file", previous);
    }
    Path folder = dir.resolve(runId);
    List<RequestRecord> records = new ArrayList<>();
    RecordReader.read(folder.resolve(RightsizeRun.RECORD_FILE), records::add);
    Path capacityFile = folder.resolve(CapacityFile.NAME);
    JsonNode capacity = Files.exists(capacityFile) ? new ObjectMapper().readTree(capacityFile.toFile()) : null;
    long written = Files.exists(capacityFile) ? Files.getLastModifiedTime(capacityFile).toMillis() : 0;
    GroundTruth truth = EmbeddedEmulator.isRunning() ? EmbeddedEmulator.server().groundTruth() : null;
    Path report = null;
    if (gatlingReport) {
      try (Stream<Path> runs = Files.list(dir.resolve("gatling-" + runId))) {
        report = runs.filter(d -> Files.exists(d.resolve("index.html"))).findFirst().orElse(null);
      }
    }
    return new SizingRun(status, folder, records, capacity, truth, written, report);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
