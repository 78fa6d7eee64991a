package rightsize.gate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rightsize.config.InvalidConfigException;
import rightsize.config.RightsizeSettings;

/**
 * Chooses the config file of a nightly run: the nightly config when its real targets have endpoints
 * (set through environment variables in CI), else the emulator fallback, so forks and first set-ups
 * still exercise the whole pipeline.
 */
public final class ProfileChooser {

  /** The chosen config and, in one line, why. */
  public record Choice(Path config, boolean fallback, String reason) {}

  private ProfileChooser() {}

  /**
   * Resolves {@code nightly} against {@code env} (its {@code ${?VAR}} substitutions) and chooses it
   * when every deployment that is not the emulator has an endpoint, {@code fallback} when none has.
   *
   * @throws IllegalArgumentException when only some deployments have an endpoint (a half-configured
   *     nightly must not silently measure the emulator), or a file is missing or unreadable
   */
  public static Choice choose(Path nightly, Path fallback, Map<String, String> env) {
    requireFile(fallback);
    requireFile(nightly);
    Map<String, String> endpoints;
    try {
      endpoints = RightsizeSettings.declaredEndpoints(nightly, env);
    } catch (InvalidConfigException e) {
      throw new IllegalArgumentException(String.join("; ", e.problems()), e);
    }
    List<String> configured = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    endpoints.forEach((name, endpoint) -> (endpoint.isBlank() ? missing : configured).add(name));
    if (configured.isEmpty()) {
      String why =
          missing.isEmpty()
              ? nightly + " names no real target"
              : "no endpoint configured for " + String.join(", ", missing);
      return new Choice(
          fallback,
          true,
          "emulator fallback: "
              + why
              + " (set the endpoint variables " + nightly + " reads to measure real targets)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "deployments "
              + String.join(", ", missing)
              + " in "
              + nightly
              + " have no endpoint while "
              + String.join(", ", configured)
              + " do: set their endpoint variables or remove them from the nightly config");
    }
    // Checked the way the run will check it, so a missing key or a bad kind stops the plan in one
    // line instead of failing the load minutes later.
    try {
      RightsizeSettings.fromFile(nightly, env);
    } catch (InvalidConfigException e) {
      throw new IllegalArgumentException(nightly + " is invalid: " + String.join("; ", e.problems()), e);
    }
    return new Choice(nightly, false, "nightly targets: " + String.join(", ", configured));
  }

  private static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "config file " + file + " does not exist: run from the project root or pass its path");
    }
  }
}
