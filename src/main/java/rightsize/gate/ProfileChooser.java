package rightsize.gate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
    Config deploymentsConfig = resolve(nightly, env);
    List<String> configured = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Config deployment : deployments(deploymentsConfig)) {
      if ("emulator".equals(deployment.getString("kind"))) {
        continue;
      }
      String name = deployment.hasPath("name") ? deployment.getString("name") : "(unnamed)";
      if (deployment.getString("endpoint").isBlank()) {
        missing.add(name);
      } else {
        configured.add(name);
      }
    }
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
    validate(nightly, deploymentsConfig, env);
    return new Choice(nightly, false, "nightly targets: " + String.join(", ", configured));
  }

  /**
   * Checks {@code resolved} the way the run will (RightsizeSettings), so a missing key or a bad kind
   * stops the plan in one line instead of failing the load minutes later.
   */
  private static void validate(Path file, Config resolved, Map<String, String> env) {
    try {
      RightsizeSettings.from(resolved, env::get);
    } catch (InvalidConfigException e) {
      throw new IllegalArgumentException(file + " is invalid: " + String.join("; ", e.problems()), e);
    }
  }

  /** The nightly config resolved with {@code env} for {@code ${?VAR}}, over the reference defaults. */
  static Config resolve(Path file, Map<String, String> env) {
    requireFile(file);
    Config parsed;
    try {
      parsed =
          ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
              .withFallback(ConfigFactory.defaultReferenceUnresolved());
    } catch (ConfigException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    // Only variables whose names are plain config keys can be substituted as ${?NAME}.
    Map<String, String> plainEnv =
        env.entrySet().stream()
            .filter(e -> e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    // The variables sit beside "rightsize" at the root, where ${?NAME} looks first; the real
    // environment stays out, so the result depends on env alone.
    try {
      return parsed
          .withFallback(ConfigFactory.parseMap(plainEnv))
          .resolve(ConfigResolveOptions.noSystem());
    } catch (ConfigException e) {
      throw new IllegalArgumentException("cannot resolve " + file + ": " + e.getMessage(), e);
    }
  }

  /** Each entry of {@code rightsize.deployments} over {@code rightsize.deployment-defaults}. */
  private static List<Config> deployments(Config config) {
    Config defaults = config.getConfig("rightsize.deployment-defaults");
    return config.getConfigList("rightsize.deployments").stream()
        .map(d -> d.withFallback(defaults))
        .toList();
  }

  private static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "config file " + file + " does not exist: run from the project root or pass its path");
    }
  }
}
