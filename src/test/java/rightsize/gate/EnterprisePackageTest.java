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
 * Builds the Gatling Enterprise package as docs/scale-out.md says, with {@code mvn
 * gatling:enterprisePackage -Denterprise-package} (in its own build directory, so this build's
 * classes stay as they are), and checks that it holds every simulation, the suite and the bundled
 * prompts, but neither Gatling, which Enterprise supplies, nor the libraries only tests use.
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
        new ProcessBuilder("mvn", "-B", "-q", "gatling:enterprisePackage", "-Denterprise-package")
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target/enterprise-package.log").toFile())
            .start();
    assertThat(mvn.waitFor(5, TimeUnit.MINUTES)).as("mvn gatling:enterprisePackage finished").isTrue();
    assertThat(mvn.exitValue()).as(Files.readString(Path.of("target/enterprise-package.log"))).isZero();

    Path jar;
    try (Stream<Path> files = Files.list(Path.of("target", "enterprise-package"))) {
      jar = files.filter(p -> p.getFileName().toString().endsWith("-shaded.jar")).findFirst().orElseThrow();
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> entries = zip.stream().map(ZipEntry::getName).toList();
      assertThat(entries).contains("rightsize/simulations/SizingSimulation.class").containsAll(expected);
      // The suite's own code, which the simulations call, travels with them.
      assertThat(entries).contains("rightsize/record/RequestRecord.class", "rightsize/cli/GateMain.class");
      assertThat(entries).contains("reference.conf", "data/chat-conversations.jsonl", "data/documents.jsonl");
      assertThat(entries).noneMatch(e -> e.startsWith("io/gatling/core/"));
      // Test-only libraries (the OpenAI Java client alone is some 65 MB) and the tests stay out.
      assertThat(entries).noneMatch(e -> e.startsWith("com/openai/") || e.startsWith("org/junit/")
          || e.startsWith("org/assertj/") || e.startsWith("org/openjdk/jmh/") || e.startsWith("rightsize/testing/"));
      assertThat(Files.size(jar)).as("package size").isLessThan(30_000_000L);
    } finally {
      Files.deleteIfExists(jar);
    }
  }
}
