package rightsize.cli;

import java.util.Arrays;
import java.util.Objects;
import rightsize.config.RightsizeSettings;

/**
 * Checks the configuration inside Maven itself before {@code mvn gatling:test} forks the load
 * generator, so that a configuration that cannot drive a run ends Maven with its problems, one line
 * each, as the last lines printed, and exit code 78.
 *
 * <p>Bound to the {@code test-compile} phase, which {@code gatling:test} runs first. It does nothing
 * unless Maven was asked for Gatling's {@code test} goal, so {@code mvn test} never reads the run's
 * configuration. The Gatling JVM runs the same checks again: both are {@link
 * RightsizeSettings#loadOrExit()}.
 */
public final class PreflightMain {
  private PreflightMain() {}

  /** Takes no arguments: the goals are read from Maven's own command line. */
  public static void main(String[] args) {
    // The mvn script exports its arguments; the JVM's command line is the fallback (mvnw, IDEs).
    String commandLine = Objects.requireNonNullElse(System.getenv("MAVEN_CMD_LINE_ARGS"),
        Objects.requireNonNullElse(System.getProperty("sun.java.command"), ""));
    if (asksForGatlingTest(commandLine)) {
      // Halts Maven's JVM with 78 on a problem: Maven then prints no failure block after our lines.
      RightsizeSettings.loadOrExit();
    }
  }

  /** Whether a Maven command line names Gatling's test goal ({@code gatling:test}, or in full). */
  static boolean asksForGatlingTest(String commandLine) {
    return Arrays.stream(commandLine.split("\\s+")).anyMatch(word -> word.contains("gatling") && word.endsWith(":test"));
  }
}
