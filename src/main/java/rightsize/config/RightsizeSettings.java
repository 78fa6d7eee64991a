package rightsize.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import rightsize.secret.ScrubbedFiles;
import rightsize.secret.Secret;

/**
 * The validated {@code rightsize} configuration of this JVM, read once: every section typed and
 * checked before anything runs, every problem of every section reported together, one line each.
 *
 * <p>Sources, strongest first: {@code -D} system properties (with the shortcuts {@code -Dsizes=}
 * and {@code -Dbaseline=}), the file named by {@code -Dconfig.file}, {@code ./application.conf},
 * {@code application.conf} on the classpath, {@code reference.conf}. Secrets come only from the
 * environment variables the config names.
 */
public final class RightsizeSettings {
  private static volatile RightsizeSettings reference;

  private final RunSettings run;
  private final RequestDefaults request;
  private final List<DeploymentSettings> allDeployments;
  private final List<DeploymentSettings> deployments;
  private final WorkloadSettings workload;
  private final PopulationSettings population;
  private final SloSettings slo;
  private final SizingSettings sizing;
  private final TargetLoad targetLoad;
  private final RegressionThresholds regression;
  private final CostSettings cost;
  private final TrustThresholds trust;
  private final EmulatorSettings emulator;
  private final MonitorSettings monitor;
  // Where each value was written, for the fixes of problems found after reading (SettingsCheck).
  private final Section origins;
  private final ClientSettings client;

  /** Which secrets a command needs from the environment; a needed one that is not set is a problem. */
  public enum Secrets {
    /** The deployments' keys and the emulator's: a run that sends requests. */
    ALL,
    /** Only the key the emulator expects: the standalone emulator. */
    EMULATOR,
    /** None: commands that send no request (the report, the gate); keys are left null. */
    NONE
  }

  private RightsizeSettings(
      RunSettings run,
      RequestDefaults request,
      List<DeploymentSettings> all,
      WorkloadSettings workload,
      PopulationSettings population,
      SloSettings slo,
      SizingSettings sizing,
      TargetLoad targetLoad,
      RegressionThresholds regression,
      CostSettings cost,
      TrustThresholds trust,
      EmulatorSettings emulator,
      MonitorSettings monitor,
      ClientSettings client,
      Section origins) {
    this.run = run;
    this.request = request;
    this.allDeployments = List.copyOf(all);
    this.deployments = run.sizes().isEmpty()
        ? allDeployments
        : allDeployments.stream().filter(d -> run.sizes().stream().anyMatch(d::matches)).toList();
    this.workload = workload;
    this.population = population;
    this.slo = slo;
    this.sizing = sizing;
    this.targetLoad = targetLoad;
    this.regression = regression;
    this.cost = cost;
    this.trust = trust;
    this.emulator = emulator;
    this.monitor = monitor;
    this.client = client;
    this.origins = origins;
  }

  /** Loads from the standard sources and validates, secrets included; throws {@link InvalidConfigException} listing every problem. */
  public static RightsizeSettings load() {
    return load(Secrets.ALL);
  }

  /** As {@link #load()}, reading only the {@code secrets} the calling command needs. */
  public static RightsizeSettings load(Secrets secrets) {
    return from(loadConfig(null), System::getenv, secrets);
  }

  /**
   * As {@link #load(Secrets)}, with {@code configFile} in the place of {@code -Dconfig.file} (a
   * command's {@code --config} option); null means none.
   */
  public static RightsizeSettings load(Path configFile, Secrets secrets) {
    return from(loadConfig(configFile), System::getenv, secrets);
  }

  /**
   * Like {@link #load()}, then {@link #checkBeforeLoad()}: what a simulation calls first. On any
   * problem it prints every one to stderr, one line each, and exits the JVM with {@link
   * InvalidConfigException#EXIT_CODE} before any load ({@link #exitInvalid}).
   */
  public static RightsizeSettings loadOrExit() {
    try {
      return load().checkBeforeLoad();
    } catch (InvalidConfigException e) {
      throw exitInvalid(e);
    }
  }

  /**
   * Runs every registered {@link SettingsCheck} (prompt files, Entra sign-in) over these valid
   * settings; returns them when none finds a problem, else throws {@link InvalidConfigException}
   * listing every problem.
   */
  public RightsizeSettings checkBeforeLoad() {
    List<String> problems = new ArrayList<>();
    for (SettingsCheck check : ServiceLoader.load(SettingsCheck.class, RightsizeSettings.class.getClassLoader())) {
      problems.addAll(check.problems(this));
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return this;
  }

  /**
   * Ends the JVM for a configuration that cannot drive a run, before any load: prints {@code e}'s
   * problems to stderr, one line each and nothing after them, writes {@value #STATUS_INVALID} to
   * {@link #STATUS_FILE} in the results folder (how CI tells the outcomes of {@code mvn gatling:test}
   * apart), and halts the JVM (Maven's own, in the preflight) with {@link
   * InvalidConfigException#EXIT_CODE}. Returns nothing; declared to return an exception so callers
   * can write {@code throw exitInvalid(e)}.
   */
  public static RuntimeException exitInvalid(InvalidConfigException e) {
    writeStatus(resultsDirOrDefault(), STATUS_INVALID);
    System.out.flush();
    System.err.println("rightsize: the configuration is invalid, nothing was run:");
    // Each problem masks what may be a key where it is found; scrubbed again for the keys already read.
    e.problems().forEach(p -> System.err.println("  " + Secret.redact(p)));
    System.err.flush();
    Runtime.getRuntime().halt(InvalidConfigException.EXIT_CODE);
    return e;
  }

  /** The file in the results folder that says how the last run in it ended: one word, then details. */
  public static final String STATUS_FILE = "last-run-status";
  /** {@link #STATUS_FILE}: the configuration was invalid and nothing ran (exit 78). */
  public static final String STATUS_INVALID = "invalid-config";

  /**
   * Writes {@code status} (a word such as {@value #STATUS_INVALID}, then details) as {@code
   * <resultsDir>/}{@value #STATUS_FILE}; best effort, since it only adds to what the exit code and
   * console say.
   */
  public static void writeStatus(Path resultsDir, String status) {
    try {
      Files.createDirectories(resultsDir);
      ScrubbedFiles.writeString(resultsDir.resolve(STATUS_FILE), status + System.lineSeparator());
    } catch (IOException | RuntimeException ignored) {
      // An unwritable results folder is itself reported on the console.
    }
  }

  /** The configured results folder as far as the sources can be read, else "results". */
  private static Path resultsDirOrDefault() {
    try {
      String dir = loadConfig(null).getString("rightsize.run.results-dir").trim();
      return Path.of(dir.isEmpty() ? "results" : dir);
    } catch (RuntimeException unreadable) {
      return Path.of("results");
    }
  }

  /**
   * Where the value of {@code key} (a full key such as {@code rightsize.workload.chatbot.file}) was
   * set, for a fix: "in sweep.conf: 3", "in a -D system property", or "in application.conf" for a
   * reference.conf default.
   */
  public String where(String key) {
    return origins.whereFull(key);
  }

  /**
   * Validates {@code config} (which holds a {@code rightsize} block; reference.conf fills what it
   * lacks), reading every secret through {@code env}.
   */
  public static RightsizeSettings from(Config config, Function<String, String> env) {
    return from(config, env, Secrets.ALL);
  }

  /** As {@link #from(Config, Function)}, reading only {@code secrets}. */
  public static RightsizeSettings from(Config config, Function<String, String> env, Secrets secrets) {
    Config root;
    try {
      root = config.withFallback(ConfigFactory.defaultReference()).resolve();
    } catch (ConfigException e) {
      throw new InvalidConfigException(List.of(oneLine(e) + ": fix the configuration"));
    }
    List<String> problems = new ArrayList<>();
    Section rs = Section.root(root, problems);
    // reference.conf alone: defaultReference() carries the -D properties too, typos included.
    UnknownKeys.check(root.getObject("rightsize"), ConfigFactory.defaultReferenceUnresolved().resolve().getObject("rightsize"), rs);
    // The emulator section first: an emulated deployment names one of its profiles.
    Section emulatorBlock = rs.child("emulator");
    EmulatorSettings emulator = EmulatorSettings.read(emulatorBlock, secrets == Secrets.NONE ? null : env);
    Section deploymentDefaults = rs.child("deployment-defaults");
    List<DeploymentSettings> all = readDeployments(rs, deploymentDefaults, secrets == Secrets.ALL ? env : null, emulator,
        emulatorBlock.child(EmulatorSettings.PAY_PER_TOKEN), new VmCores(rs.peek("cost.catalog")));
    RunSettings run = RunSettings.read(rs.child("run"), all);
    RequestDefaults request = RequestDefaults.read(rs.child("request"));
    WorkloadSettings workload = WorkloadSettings.read(rs.child("workload"), request == null ? null : request.encoding());
    PopulationSettings population = PopulationSettings.read(rs.child("population"));
    SloSettings slo = SloSettings.read(rs.child("slo"));
    SizingSettings sizing = SizingSettings.read(rs.child("sizing"));
    TargetLoad targetLoad = TargetLoad.read(rs.child("target-load"));
    RegressionThresholds regression = RegressionThresholds.read(rs.child("regression"));
    CostSettings cost = CostSettings.read(rs.child("cost"), deploymentDefaults);
    TrustThresholds trust = TrustThresholds.read(rs.child("report").child("trust"));
    MonitorSettings monitor = MonitorSettings.read(rs.child("monitor"));
    ClientSettings client = ClientSettings.read(rs.child("client"));
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return new RightsizeSettings(
        run, request, all, workload, population, slo, sizing, targetLoad, regression, cost, trust, emulator, monitor,
        client, rs);
  }

  /**
   * Validates the config file {@code file} (over reference.conf) as a run with that file would,
   * its {@code ${?VAR}} substitutions and secrets taken from {@code env} alone: a CI plan checks a
   * profile for the environment the run will have.
   */
  public static RightsizeSettings fromFile(Path file, Map<String, String> env) {
    return from(resolveWith(file, env), env::get, Secrets.ALL);
  }

  /**
   * The endpoint of every deployment {@code file} declares that is not the emulator, by name
   * ("(unnamed)" without one), with {@code ${?VAR}} taken from {@code env}, before any validation:
   * how a CI plan tells a configured profile from one waiting for its endpoint variables.
   */
  public static Map<String, String> declaredEndpoints(Path file, Map<String, String> env) {
    Config root = resolveWith(file, env);
    Config defaults = root.getConfig("rightsize.deployment-defaults");
    Map<String, String> endpoints = new LinkedHashMap<>();
    try {
      for (Config entry : root.getConfigList("rightsize.deployments")) {
        Config d = entry.withFallback(defaults);
        if (!TargetKind.EMULATOR.configName().equals(d.getString("kind"))) {
          endpoints.put(d.hasPath("name") ? d.getString("name") : "(unnamed)", d.getString("endpoint").trim());
        }
      }
    } catch (ConfigException e) {
      throw new InvalidConfigException(List.of(file + ": rightsize.deployments cannot be read (" + oneLine(e) + "): fix it"));
    }
    return endpoints;
  }

  /**
   * The settings of reference.conf alone (no application.conf, no -D): the defaults a builder such
   * as {@code Population.closed(...)} starts from.
   */
  public static RightsizeSettings reference() {
    RightsizeSettings r = reference;
    if (r == null) {
      r = from(ConfigFactory.empty(), System::getenv, Secrets.NONE);
      reference = r;
    }
    return r;
  }

  /** Reads and merges the standard sources into one resolved config (not yet validated). */
  static Config loadConfig() {
    return loadConfig(null);
  }

  /** As {@link #loadConfig()}, with {@code configFile} (when not null) in the place of -Dconfig.file. */
  static Config loadConfig(Path configFile) {
    ConfigFactory.invalidateCaches();
    Config merged = shortcuts().withFallback(ConfigFactory.systemProperties());
    String named = configFile != null ? configFile.toString() : System.getProperty("config.file");
    if (named != null) {
      String option = configFile != null ? "--config" : "-Dconfig.file";
      merged = merged.withFallback(parseFile(new File(named), option, option + (configFile != null ? " " : "=") + named));
    }
    File local = new File("application.conf");
    if (local.isFile()) {
      merged = merged.withFallback(parseFile(local, "-Dconfig.file", "./application.conf"));
    }
    try {
      merged = merged.withFallback(ConfigFactory.parseResourcesAnySyntax("application"));
      return merged.withFallback(ConfigFactory.defaultReference()).resolve();
    } catch (ConfigException e) {
      throw new InvalidConfigException(List.of(oneLine(e) + ": fix the configuration"));
    }
  }

  /** {@code file} over reference.conf, resolved with {@code env} for {@code ${?VAR}} and nothing else. */
  private static Config resolveWith(Path file, Map<String, String> env) {
    Config parsed = parseFile(file.toFile(), "the path", file.toString()).withFallback(ConfigFactory.defaultReferenceUnresolved());
    // Only variables whose names are plain config keys can be substituted as ${?NAME}.
    Map<String, String> plainEnv = env.entrySet().stream()
        .filter(e -> e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    // The variables sit beside "rightsize" at the root, where ${?NAME} looks first; the real
    // environment stays out, so the result depends on env alone.
    try {
      return parsed.withFallback(ConfigFactory.parseMap(plainEnv, "env variables")).resolve(ConfigResolveOptions.noSystem());
    } catch (ConfigException e) {
      throw new InvalidConfigException(List.of(file + " cannot be resolved (" + oneLine(e) + "): fix it"));
    }
  }

  private static Config shortcuts() {
    Config shortcuts = ConfigFactory.empty();
    for (String name : List.of("sizes", "baseline")) {
      String value = System.getProperty(name);
      if (value != null) {
        shortcuts = shortcuts.withFallback(ConfigFactory.parseMap(Map.of("rightsize.run." + name, value), "-D" + name));
      }
    }
    return shortcuts;
  }

  /** Parses {@code file}, which the user named with {@code option} (e.g. "-Dconfig.file"); {@code source} names it in messages. */
  private static Config parseFile(File file, String option, String source) {
    if (!file.isFile()) {
      throw new InvalidConfigException(List.of(source + " does not exist: point " + option + " at an existing HOCON file"));
    }
    try {
      return ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new InvalidConfigException(List.of(source + " cannot be parsed (" + oneLine(e) + "): fix its syntax"));
    }
  }

  private static String oneLine(ConfigException e) {
    return e.getMessage().replaceAll("\\s*\\R\\s*", " ");
  }

  private static List<DeploymentSettings> readDeployments(Section rs, Section defaults, Function<String, String> env,
      EmulatorSettings emulator, Section payPerTokenDefaults, VmCores cores) {
    if (rs.isEmptyList("deployments")) {
      rs.problem("deployments", "is empty",
          "configure at least one deployment " + rs.where("deployments") + " (or remove the key to use the emulator)");
      return List.of();
    }
    List<DeploymentSettings> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Section entry : rs.objects("deployments", "{ name = ..., kind = ..., endpoint = ... }")) {
      String rawName = entry.peek("name");
      Section merged = entry.over(defaults).about(rawName == null || rawName.isBlank() ? "" : "for deployment '" + rawName + "'");
      DeploymentSettings d = DeploymentSettings.read(merged, env, emulator, payPerTokenDefaults, cores);
      if (rawName != null && !rawName.isEmpty() && !names.add(rawName)) {
        entry.problem("name", "'" + rawName + "' is used twice", "give every deployment its own name " + entry.where("name"));
      }
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  public RunSettings run() {
    return run;
  }

  /** How the deployments' Azure Monitor metrics are read after a run ({@code rightsize.monitor}). */
  public MonitorSettings monitor() {
    return monitor;
  }

  public ClientSettings client() {
    return client;
  }

  public RequestDefaults request() {
    return request;
  }

  /** The deployments this run sizes: all configured ones, filtered by {@code run.sizes}. */
  public List<DeploymentSettings> deployments() {
    return deployments;
  }

  /** Every configured deployment, ignoring {@code run.sizes}. */
  public List<DeploymentSettings> allDeployments() {
    return allDeployments;
  }

  /** The configured deployment named {@code name}. */
  public DeploymentSettings deployment(String name) {
    return allDeployments.stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no deployment named '" + name + "': configured are "
            + allDeployments.stream().map(DeploymentSettings::name).collect(Collectors.joining(", "))));
  }

  /** What the virtual users send ({@code rightsize.workload}). */
  public WorkloadSettings workload() {
    return workload;
  }

  /** How many users load each deployment ({@code rightsize.population}). */
  public PopulationSettings population() {
    return population;
  }

  /** The SLO that defines capacity and whether it is enforced ({@code rightsize.slo}). */
  public SloSettings slo() {
    return slo;
  }

  /** How the sweep searches for capacity ({@code rightsize.sizing}). */
  public SizingSettings sizing() {
    return sizing;
  }

  /** The production load costs are sized for ({@code rightsize.target-load}). */
  public TargetLoad targetLoad() {
    return targetLoad;
  }

  /** When a change against the baseline is a regression ({@code rightsize.regression}). */
  public RegressionThresholds regression() {
    return regression;
  }

  /** The VM catalog and how unconfigured deployments are priced ({@code rightsize.cost}). */
  public CostSettings cost() {
    return cost;
  }

  /** When the report flags a step's figures ({@code rightsize.report.trust}). */
  public TrustThresholds trust() {
    return trust;
  }

  /** How the embedded emulator behaves ({@code rightsize.emulator}). */
  public EmulatorSettings emulator() {
    return emulator;
  }
}
