package rightsize.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rightsize.config.InvalidConfigException;
import rightsize.gate.CiEnvironment;
import rightsize.gate.ExitCode;

/** Every main answers {@code --help}, wrong arguments and user errors the same way (docs/commands.md). */
class CommandLinesTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path dir;

  /** The four mains, each with the options the docs, CI files and tests call it with. */
  static Stream<Arguments> mains() {
    return Stream.of(
        Arguments.of("ReportMain", (Supplier<Object>) ReportMain::new, new String[] {"--run", "--baseline", "--records", "--gatling"}),
        Arguments.of("EmulatorMain", (Supplier<Object>) EmulatorMain::new, new String[] {"--port", "--config"}),
        Arguments.of("PriceRefreshMain", (Supplier<Object>) PriceRefreshMain::new, new String[] {"--catalog", "--response"}),
        Arguments.of("GateMain", (Supplier<Object>) CommandLinesTest::gateMain, new String[] {"plan", "gate", "codes"}));
  }

  private static GateMain gateMain() {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new GateMain(new CiEnvironment(Map.of(), quiet), quiet);
  }

  private int run(Object command, String... args) {
    return CommandRunner.execute(
        command, args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} --help")
  @MethodSource("mains")
  void helpPrintsTheUsageWithEveryOptionAndExitsZero(String name, Supplier<Object> main, String[] options) {
    assertThat(run(main.get(), "--help")).isZero();

    assertThat(out()).startsWith("Usage: " + name + " ").contains(options).contains("Exit codes:");
    assertThat(err()).isEmpty();
  }

  @ParameterizedTest(name = "GateMain {0} --help")
  @MethodSource("gateSubcommands")
  void everyGateSubcommandHasItsOwnHelp(String subcommand, String[] options) {
    assertThat(run(gateMain(), subcommand, "--help")).isZero();

    assertThat(out()).startsWith("Usage: GateMain " + subcommand + " ").contains(options);
  }

  static Stream<Arguments> gateSubcommands() {
    return Stream.of(
        Arguments.of("plan", new String[] {"--config", "--fallback", "--baseline-dir"}),
        Arguments.of("gate", new String[] {"--run", "--load-outcome", "--advisory"}),
        Arguments.of("codes", new String[] {"--help"}));
  }

  @ParameterizedTest(name = "{0} --bogus")
  @MethodSource("mains")
  void anUnknownOptionIsOneLineAndTheUsageCode(String name, Supplier<Object> main, String[] options) {
    assertThat(run(main.get(), "--bogus")).isEqualTo(64);

    assertThat(err()).isEqualTo(name + ": Unknown option: '--bogus' (see " + name + " --help)\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void theDocumentedTableHasEveryExitCode() throws Exception {
    String docs = Files.readString(Path.of("docs/commands.md"));
    String table = docs.substring(docs.indexOf("## Exit codes"));

    for (ExitCode code : ExitCode.values()) {
      // "passed", "usage error", "regression", ...: what CI prints before its colon.
      assertThat(row(table, code.code())).contains(code.meaning().substring(0, code.meaning().indexOf(':')));
    }
    assertThat(row(table, InvalidConfigException.EXIT_CODE)).contains("invalid configuration");
  }

  private static String row(String table, int code) {
    return table.lines().filter(l -> l.startsWith("| " + code + " |")).findFirst()
        .orElseThrow(() -> new AssertionError("docs/commands.md has no row for exit code " + code));
  }

  @Test
  void versionNamesTheBuiltVersion() {
    assertThat(run(new ReportMain(), "--version")).isZero();

    assertThat(out()).matches("rightsize \\d+\\.\\d+\\.\\d+\\S*\n");
  }

  @Test
  void aMissingOrEmptyRequiredOptionSaysWhatToGive() {
    assertThat(run(new ReportMain(), "--baseline", "x")).isEqualTo(64);
    assertThat(run(new ReportMain(), "--run")).isEqualTo(64);

    assertThat(err()).isEqualTo(
        "ReportMain: Missing required option: '--run=results/<id>' (see ReportMain --help)\n"
            + "ReportMain: Missing required parameter for option '--run' (results/<id>) (see ReportMain --help)\n");
  }

  @Test
  void aMisspeltRequiredOptionIsReportedAsUnknownRatherThanMissing() {
    assertThat(run(new ReportMain(), "--rnu", "results/x")).isEqualTo(64);

    assertThat(err()).isEqualTo("ReportMain: Unknown options: '--rnu', 'results/x' (see ReportMain --help)\n");
  }

  @Test
  void aMistypedRunFolderIsOneLineAndAddsNoRunToTheIndex() {
    Path typo = dir.resolve("runs/nightyl-42");

    assertThat(run(new ReportMain(), "--run", typo.toString())).isEqualTo(64);

    assertThat(err()).isEqualTo("ReportMain: --run " + typo + ": there is no run folder " + typo
        + ": give an existing run folder (results/<id>), or --records to build a new one from\n");
    assertThat(typo).doesNotExist();
    assertThat(dir.resolve("runs/index.html")).doesNotExist();
  }

  @Test
  void mistypedOrEmptyRecordFilesNeverReplaceAReport() throws Exception {
    Path runDir = Files.createDirectories(dir.resolve("runs/good"));
    Files.writeString(runDir.resolve("records.jsonl"), "{\"run_id\":\"good\",\"deployment\":\"d\",\"step\":\"1 user\",\"load\":1,"
        + "\"load_unit\":\"users\",\"request\":\"chat\",\"start_epoch_micros\":1795000000000000,\"ttft_ms\":10,\"e2e_ms\":20,"
        + "\"tokens\":{\"prompt\":5,\"completion\":7,\"source\":\"usage\"},\"status\":\"ok\",\"http_status\":200}\n");
    assertThat(run(new ReportMain(), "--run", runDir.toString())).isZero();
    byte[] good = Files.readAllBytes(runDir.resolve("tradeoffs.json"));
    Path typo = runDir.resolve("recrods.jsonl");
    Path empty = Files.createFile(runDir.resolve("records-empty.jsonl"));

    assertThat(run(new ReportMain(), "--run", runDir.toString(), "--records", typo.toString())).isEqualTo(64);
    assertThat(run(new ReportMain(), "--run", runDir.toString(), "--records", empty.toString())).isEqualTo(64);

    assertThat(err()).isEqualTo("ReportMain: --records " + typo + " does not exist: name the run's record files (records*.jsonl)\n"
        + "ReportMain: no record in " + empty + ": the report in " + runDir + " is kept; name the record files it was built from\n");
    assertThat(Files.readAllBytes(runDir.resolve("tradeoffs.json"))).isEqualTo(good);
  }

  @Test
  void aFileThatIsNotWhatItShouldBeIsOneLineWithoutAStackTrace() throws Exception {
    Path response = Files.writeString(dir.resolve("saved.json"), "{\"error\": \"throttled\"}");

    assertThat(run(new PriceRefreshMain(), "--catalog", "data/vm-catalog.csv", "--response", response.toString()))
        .isEqualTo(64);

    assertThat(err()).isEqualTo("PriceRefreshMain: --response " + response
        + ": not an Azure Retail Prices API response: no Items array\n");
  }

  @Test
  void anInvalidConfigurationExitsWithTheConfigCodeAndOneLinePerProblem() throws Exception {
    Path config = Files.writeString(dir.resolve("emulator.conf"), "rightsize.emulator.tokens-per-chunk = 0\n");

    assertThat(run(new EmulatorMain(), "--port", "0", "--config", config.toString())).isEqualTo(78);

    assertThat(err()).isEqualTo("EmulatorMain: the configuration is invalid, nothing was run:\n"
        + "  rightsize.emulator.tokens-per-chunk is 0: set a whole number >= 1 in " + config + ": 1\n");
  }

  @Test
  void aMissingConfigFileIsAUsageError() {
    assertThat(run(new EmulatorMain(), "--config", dir.resolve("nope.conf").toString())).isEqualTo(64);

    assertThat(err()).isEqualTo("EmulatorMain: --config " + dir.resolve("nope.conf")
        + " does not exist: give the path of a HOCON file (see EmulatorMain --help)\n");
  }
}
