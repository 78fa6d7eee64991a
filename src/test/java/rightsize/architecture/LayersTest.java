package rightsize.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;

/**
 * The layers of docs/architecture.md, checked on the main classes: the offline side (record files
 * to report and gate) needs none of the live measuring side, the emulator stands apart, the record
 * schema and the settings are leaves, the command line is on top, and no two packages depend on
 * each other.
 */
@AnalyzeClasses(packages = "rightsize", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {
  /** Reads record files, prices and settings and writes reports and verdicts; sends no request. */
  private static final String[] OFFLINE = {
    "rightsize.record..", "rightsize.secret..", "rightsize.config..", "rightsize.metrics..",
    "rightsize.analysis..", "rightsize.cost..", "rightsize.report..", "rightsize.gate..", "rightsize.injector..",
    "rightsize.telemetry.."
  };

  /** Puts load on a deployment and measures it: the simulation's building blocks, the Gatling action, the client. */
  private static final String[] LIVE = {
    "rightsize.sizing..", "rightsize.population..", "rightsize.workload..", "rightsize.gatling..",
    "rightsize.run..", "rightsize.endpoint..", "rightsize.client..", "rightsize.chat..", "rightsize.sse..",
    "rightsize.monitor.."
  };

  /** The stand-in server with ground truth: a test double the suite can also run by default. */
  private static final String EMULATOR = "rightsize.emulator..";

  /** The main classes: parse arguments and call one layer each. */
  private static final String CLI = "rightsize.cli..";

  /** The leaves the emulator may build on, and the interface through which endpoint starts it. */
  private static final String[] EMULATOR_MAY_USE = {
    EMULATOR, "rightsize.config", "rightsize.secret", "rightsize.record", "rightsize.endpoint.spi", "rightsize.netty"
  };

  @ArchTest
  static final ArchRule offlineSideNeedsNoLiveCode =
      noClasses().that().resideInAnyPackage(OFFLINE)
          .should().dependOnClassesThat().resideInAnyPackage(concat(LIVE, EMULATOR, CLI))
          .as("the offline layers (record, secret, config, metrics, analysis, cost, report, gate, injector, telemetry)"
              + " depend on no live package (sizing, population, workload, gatling, run, endpoint, client,"
              + " chat, sse, monitor), nor on the emulator or the command line")
          .because("a report is regenerated from record files alone, without the code that made them");

  @ArchTest
  static final ArchRule offlineSideNeedsNoLoadEngine =
      noClasses().that().resideInAnyPackage(OFFLINE)
          .should().dependOnClassesThat().resideInAnyPackage("io.gatling..", "io.netty..", "scala..", "com.azure..")
          .as("the offline layers use neither Gatling, Netty, Scala nor Azure identity")
          .because("reading records and writing reports must not load the load engine");

  @ArchTest
  static final ArchRule recordIsALeaf =
      dependsOnlyOn("rightsize.record", "rightsize.secret")
          .as("the record layer (rightsize.record) depends on no other rightsize package but secret")
          .because("the record file is the seam between measuring and reporting; both sides depend on it,"
              + " and it is written through the scrubber like every other file");

  @ArchTest
  static final ArchRule secretIsALeaf =
      dependsOnlyOn("rightsize.secret")
          .as("the scrubber (rightsize.secret) depends on no other rightsize package")
          .because("every layer writes through it, so it can depend on none of them");

  /** Writing a file without passing its text through the scrubber: java.nio Files, file streams, Jackson's writeValue to a file or stream. */
  private static final DescribedPredicate<JavaAccess<?>> WRITES_A_FILE =
      new DescribedPredicate<>("write a file (Files.write*, Files.newOutputStream/newBufferedWriter, file streams, Jackson writeValue)") {
        @Override
        public boolean test(JavaAccess<?> access) {
          String owner = access.getTargetOwner().getFullName();
          String name = access.getName();
          if (owner.equals("java.nio.file.Files")) {
            return name.startsWith("write") || name.equals("newOutputStream") || name.equals("newBufferedWriter") || name.equals("newByteChannel");
          }
          if (owner.equals("java.io.FileOutputStream") || owner.equals("java.io.FileWriter") || owner.equals("java.io.RandomAccessFile")) {
            return name.equals(JavaConstructor.CONSTRUCTOR_NAME);
          }
          return owner.startsWith("com.fasterxml.jackson.databind.Object") && name.equals("writeValue");
        }
      };

  @ArchTest
  static final ArchRule everyFileIsWrittenThroughTheScrubber =
      noClasses().that().resideOutsideOfPackage("rightsize.secret")
          // Binary key material of the emulator's own certificate: no text from the wire or the configuration.
          .and().doNotHaveFullyQualifiedName("rightsize.emulator.EmulatorCertificate")
          .should().accessTargetWhere(WRITES_A_FILE)
          .as("no class writes a file but through rightsize.secret.ScrubbedFiles (the emulator's certificate excepted)")
          .because("every file a run leaves (records, reports, capacity, telemetry, injector and gate files) must be"
              + " free of keys and tokens, whatever a server echoed (docs/configuration.md, \"Secrets\")");

  @ArchTest
  static final ArchRule nettyIsALeaf =
      dependsOnlyOn("rightsize.netty")
          .as("the Netty transport choice (rightsize.netty) depends on no other rightsize package")
          .because("the client and the emulator both run on it, and the emulator must not use the client");

  @ArchTest
  static final ArchRule configIsALeaf =
      dependsOnlyOn("rightsize.config", "rightsize.secret")
          .as("the settings layer (rightsize.config) depends on no rightsize package but secret")
          .because("every layer reads its settings, so settings can depend on none of them");

  @ArchTest
  static final ArchRule onlyTheSettingsLayerReadsTheConfiguration =
      noClasses().that().resideOutsideOfPackage("rightsize.config")
          .should().dependOnClassesThat().resideInAPackage("com.typesafe.config..")
          .as("no package but the settings layer (rightsize.config) reads Typesafe Config")
          .because("RightsizeSettings reads the configuration once into typed sections and checks all of it"
              + " before anything runs; a package reading it on its own would find its problems later");

  @ArchTest
  static final ArchRule onlyTheCommandLineUsesTheEmulator =
      noClasses().that().resideOutsideOfPackages(EMULATOR, CLI)
          .should().dependOnClassesThat().resideInAPackage(EMULATOR)
          .as("no layer but the command line depends on the emulator (rightsize.emulator and its subpackages)")
          .because("the emulator is a test double; an emulator deployment finds it through rightsize.endpoint.spi");

  @ArchTest
  static final ArchRule theEmulatorUsesOnlyLeaves =
      noClasses().that().resideInAPackage(EMULATOR)
          .should().dependOnClassesThat(resideInAPackage("rightsize..").and(not(resideInAnyPackage(EMULATOR_MAY_USE))))
          .as("the emulator depends on no rightsize package but config, secret, record, endpoint.spi and netty")
          .because("it stands apart: it must not measure itself with the code it is a stand-in for");

  @ArchTest
  static final ArchRule theStreamingClientKnowsNoSimulation =
      noClasses().that().resideInAnyPackage("rightsize.client..", "rightsize.chat..", "rightsize.sse..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "rightsize.sizing..", "rightsize.population..", "rightsize.workload..", "rightsize.gatling..",
              "rightsize.run..", "rightsize.endpoint..")
          .as("the streaming client (client, chat, sse) depends on no simulation package nor on endpoint")
          .because("it sends any request it is given; what to send and where is decided above it");

  @ArchTest
  static final ArchRule nothingDependsOnTheCommandLine =
      noClasses().that().resideOutsideOfPackage(CLI)
          .should().dependOnClassesThat().resideInAPackage(CLI)
          .as("no layer depends on the command line (rightsize.cli), which may depend on every layer");

  @ArchTest
  static final ArchRule reportFoldersUseOnlyTheOnesBelow =
      layeredArchitecture().consideringOnlyDependenciesInLayers()
          .layer("report (generator)").definedBy("rightsize.report")
          .layer("report.render").definedBy("rightsize.report.render..")
          .layer("report.analysis").definedBy("rightsize.report.analysis..")
          .layer("report.input").definedBy("rightsize.report.input..")
          .layer("report.model").definedBy("rightsize.report.model..")
          .whereLayer("report (generator)").mayNotBeAccessedByAnyLayer()
          .whereLayer("report.render").mayOnlyBeAccessedByLayers("report (generator)")
          .whereLayer("report.analysis").mayOnlyBeAccessedByLayers("report (generator)")
          .whereLayer("report.input").mayOnlyBeAccessedByLayers("report (generator)", "report.analysis")
          .whereLayer("report.model").mayOnlyBeAccessedByLayers(
              "report (generator)", "report.render", "report.analysis", "report.input")
          .as("within the report, the generator (rightsize.report) uses render and analysis, analysis uses"
              + " input, and all of them use model, which uses none; render knows the model only")
          .because("a new output format reads the report's model and nothing else, and judging a run does not"
              + " depend on how it is written");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("rightsize.(**)")
          .should().beFreeOfCycles()
          .as("no two packages depend on each other, however deep");

  private static String[] concat(String[] packages, String... more) {
    return Stream.concat(Stream.of(packages), Stream.of(more)).toArray(String[]::new);
  }

  /** No class of {@code pkg} depends on a rightsize package but {@code pkg} itself and {@code allowed}. */
  private static ArchRule dependsOnlyOn(String pkg, String... allowed) {
    String[] own = Stream.concat(Stream.of(pkg), Stream.of(allowed)).toArray(String[]::new);
    return noClasses().that().resideInAPackage(pkg)
        .should().dependOnClassesThat(resideInAPackage("rightsize..").and(not(resideInAnyPackage(own))));
  }
}
