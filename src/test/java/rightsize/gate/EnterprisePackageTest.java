package rightsize.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Builds the Gatling Enterprise package with {@code mvn gatling:enterprisePackage} (in this project,
 * whose classes the surrounding build has just compiled, so only the packaging runs: about 45 s on
 * 2 cores) and checks that it holds every simulation and no Gatling classes, which Enterprise supplies.
 */
class EnterprisePackageTest {
  private static final Path SIMULATIONS = Path.of("simulations");

  /** The class files of every class under simulations/ that extends Gatling's Simulation. */
  private static Set<String> simulationClassFiles() {
    try (Stream<Path> files = Files.walk(SIMULATIONS)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> read(p).contains("extends Simulation"))
          .map(p -> SIMULATIONS.relativize(p).toString().replace('\\', '/').replaceAll("\\.java$", ".class"))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void thePackageBuildsAndListsTheSimulations() throws Exception {
    assumeTrue(Files.isDirectory(SIMULATIONS) && !simulationClassFiles().isEmpty(), "no simulation to package yet");
    Set<String> expected = simulationClassFiles();

    Process mvn =
        new ProcessBuilder("mvn", "-B", "-q", "gatling:enterprisePackage")
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target/enterprise-package.log").toFile())
            .start();
    assertThat(mvn.waitFor(5, TimeUnit.MINUTES)).as("mvn gatling:enterprisePackage finished").isTrue();
    assertThat(mvn.exitValue()).as(Files.readString(Path.of("target/enterprise-package.log"))).isZero();

    Path jar;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().endsWith("-shaded.jar")).findFirst().orElseThrow();
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> entries = zip.stream().map(ZipEntry::getName).toList();
      assertThat(entries).contains("rightsize/simulations/SizingSimulation.class").containsAll(expected);
      // The suite's own code, which the simulations call, travels with them.
      assertThat(entries).contains("rightsize/record/RequestRecord.class", "rightsize/gate/GateMain.class");
      assertThat(entries).noneMatch(e -> e.startsWith("io/gatling/core/"));
    } finally {
      // 100 MB that nothing else needs.
      Files.deleteIfExists(jar);
    }
  }
}
