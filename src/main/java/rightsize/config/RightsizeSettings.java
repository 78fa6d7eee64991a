package rightsize.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import rightsize.secret.Secret;

/**
 * The validated {@code rightsize} configuration of this JVM: run, request defaults and the
 * deployments to size.
 *
 * <p>Sources, strongest first: {@code -D} system properties (with the shortcuts {@code -Dsizes=}
 * and {@code -Dbaseline=}), the file named by {@code -Dconfig.file}, {@code ./application.conf},
 * {@code application.conf} on the classpath, {@code reference.conf}. Secrets come only from the
 * environment variables the config names.
 */
public final class RightsizeSettings {
  private static final Set<String> ENCODINGS = Set.of("o200k_base", "cl100k_base", "p50k_base", "p50k_edit", "r50k_base");
  private static final Set<String> SECRET_HEADERS = Set.of("api-key", "authorization", "ocp-apim-subscription-key");
  private static final Pattern FOLDER_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  // One generated id per JVM, so that every load in this JVM names the same run folder.
  private static volatile String generatedRunId;

  private final Config rightsize;
  private final RunSettings run;
  private final RequestDefaults request;
  private final List<DeploymentSettings> allDeployments;
  private final List<DeploymentSettings> deployments;

  private RightsizeSettings(
      Config rightsize, RunSettings run, RequestDefaults request, List<DeploymentSettings> all, List<DeploymentSettings> selected) {
    this.rightsize = rightsize;
    this.run = run;
    this.request = request;
    this.allDeployments = List.copyOf(all);
    this.deployments = List.copyOf(selected);
  }

  /** Loads from the standard sources and validates; throws {@link InvalidConfigException} listing every problem. */
  public static RightsizeSettings load() {
    return from(loadConfig(), System::getenv);
  }

  /**
   * Like {@link #load()}, but on an invalid configuration prints every problem to stderr, one line
   * each, and exits the JVM with {@link InvalidConfigException#EXIT_CODE}.
   */
  public static RightsizeSettings loadOrExit() {
    try {
      return load();
    } catch (InvalidConfigException e) {
      System.err.println("rightsize: the configuration is invalid, nothing was run:");
      e.problems().forEach(p -> System.err.println("  " + p));
      System.err.flush();
      System.exit(InvalidConfigException.EXIT_CODE);
      throw e;
    }
  }

  /**
   * Validates {@code config} (which holds a {@code rightsize} block; reference.conf fills what it
   * lacks), reading secrets through {@code env}.
   */
  public static RightsizeSettings from(Config config, Function<String, String> env) {
    Config root = config.withFallback(ConfigFactory.defaultReference()).resolve();
    List<String> problems = new ArrayList<>();
    Config rs = root.getConfig("rightsize");
    String file = "in application.conf";

    List<DeploymentSettings> all = readDeployments(rs, env, problems);
    RunSettings run = readRun(new Section(rs.getConfig("run"), "rightsize.run", file, problems), all, problems);
    RequestDefaults request = readRequest(rs, file, problems);

    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    List<DeploymentSettings> selected =
        run.sizes().isEmpty()
            ? all
            : all.stream().filter(d -> run.sizes().stream().anyMatch(d::matches)).collect(Collectors.toList());
    return new RightsizeSettings(rs, run, request, all, selected);
  }

  /** Reads and merges the standard sources into one resolved config (not yet validated). */
  public static Config loadConfig() {
    String configFile = System.getProperty("config.file");
    return loadConfig(configFile == null ? null : new File(configFile), "-Dconfig.file=" + configFile);
  }

  /**
   * Like {@link #loadConfig()}, with {@code configFile} (given on a command line as {@code --config})
   * in the place of {@code -Dconfig.file}.
   */
  public static Config loadConfig(Path configFile) {
    return loadConfig(configFile.toFile(), "--config " + configFile);
  }

  private static Config loadConfig(File configFile, String configFileSource) {
    ConfigFactory.invalidateCaches();
    Config overrides = shortcuts().withFallback(ConfigFactory.systemProperties());
    Config merged = overrides;
    if (configFile != null) {
      merged = merged.withFallback(parseFile(configFile, configFileSource));
    }
    File local = new File("application.conf");
    if (local.isFile()) {
      merged = merged.withFallback(parseFile(local, "./application.conf"));
    }
    try {
      merged = merged.withFallback(ConfigFactory.parseResourcesAnySyntax("application"));
      return merged.withFallback(ConfigFactory.defaultReference()).resolve();
    } catch (ConfigException e) {
      throw new InvalidConfigException(List.of(oneLine(e) + ": fix the configuration"));
    }
  }

  private static Config shortcuts() {
    Map<String, Object> values = new LinkedHashMap<>();
    String sizes = System.getProperty("sizes");
    if (sizes != null) {
      values.put("rightsize.run.sizes", sizes);
    }
    String baseline = System.getProperty("baseline");
    if (baseline != null) {
      values.put("rightsize.run.baseline", baseline);
    }
    return ConfigFactory.parseMap(values, "system property shortcut");
  }

  private static Config parseFile(File file, String source) {
    if (!file.isFile()) {
      throw new InvalidConfigException(
          List.of(source + " does not exist: point -Dconfig.file at an existing HOCON file"));
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

  private static RunSettings readRun(Section s, List<DeploymentSettings> deployments, List<String> problems) {
    String id = s.string("id");
    if (id != null && !id.isEmpty() && !FOLDER_NAME.matcher(id).matches()) {
      s.problem("id", "'" + id + "' is not a folder name", "use only letters, digits, '.', '_' and '-' (or leave it empty to generate one)");
    }
    if (id == null || id.isEmpty()) {
      id = generatedRunId();
    }
    String resultsDir = s.required("results-dir");
    String injector = s.required("injector");
    if (injector != null && !FOLDER_NAME.matcher(injector).matches()) {
      s.problem("injector", "'" + injector + "' is not a plain name", "use only letters, digits, '.', '_' and '-'");
    }
    Integer count = s.integer("injectors.count");
    if (count != null && count < 1) {
      s.problem("injectors.count", "is " + count, "set how many load generators share the test, a whole number >= 1 (or RIGHTSIZE_INJECTORS)");
    }
    Integer index = s.integer("injectors.index");
    if (index != null && count != null && count >= 1 && (index < 1 || index > count)) {
      s.problem("injectors.index", "is " + index + " but injectors.count is " + count,
          "give each load generator its own index from 1 to " + count + " (or RIGHTSIZE_INJECTOR_INDEX)");
    }
    List<String> sizes = names(s, "sizes");
    for (String size : sizes) {
      if (!deployments.isEmpty() && deployments.stream().noneMatch(d -> d.matches(size))) {
        s.problem("sizes", "'" + size + "' matches no deployment",
            "use a deployment name or VM size among: "
                + deployments.stream().map(d -> d.vmSize().isEmpty() ? d.name() : d.name() + " (" + d.vmSize() + ")").collect(Collectors.joining(", ")));
      }
    }
    String baseline = s.string("baseline");
    return new RunSettings(id, Path.of(resultsDir == null ? "results" : resultsDir), injector,
        count == null ? 1 : count, index == null ? 1 : index, sizes, baseline == null ? "" : baseline);
  }

  /** A comma-separated string or a list of strings. */
  private static List<String> names(Section s, String key) {
    Config c = s.config();
    if (c.hasPath(key) && c.getValue(key).valueType() == ConfigValueType.LIST) {
      try {
        return c.getStringList(key).stream().map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toList());
      } catch (ConfigException e) {
        s.problem(key, "is not a list of names", "write names separated by commas, e.g. \"Standard_F2s_v2,Standard_F4s_v2\"");
        return List.of();
      }
    }
    String v = s.string(key);
    if (v == null || v.isBlank()) {
      return List.of();
    }
    return Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toList());
  }

  private static RequestDefaults readRequest(Config rs, String file, List<String> problems) {
    int before = problems.size();
    Section s = new Section(rs.getConfig("request"), "rightsize.request", file, problems);
    Boolean stream = s.bool("stream");
    Boolean includeUsage = s.bool("include-usage");
    Integer maxTokens = s.integer("max-tokens");
    if (maxTokens != null && maxTokens <= 0) {
      s.problem("max-tokens", "is " + maxTokens, "set a whole number > 0 " + file);
    }
    Double temperature = s.number("temperature");
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      s.problem("temperature", "is " + temperature + ", outside 0..2", "set a value between 0 and 2 " + file);
    }
    String encoding = s.required("encoding");
    if (encoding != null && !ENCODINGS.contains(encoding)) {
      s.problem("encoding", "'" + encoding + "' is not a known tokenizer encoding", "use one of " + String.join(", ", new TreeSet<>(ENCODINGS)));
    }
    Duration connect = s.positiveDuration("timeouts.connect");
    Duration firstToken = s.positiveDuration("timeouts.first-token");
    Duration total = s.positiveDuration("timeouts.total");
    if (problems.size() > before) {
      return null;
    }
    return new RequestDefaults(stream, includeUsage, maxTokens, temperature, encoding, new Timeouts(connect, firstToken, total));
  }

  private static List<DeploymentSettings> readDeployments(Config rs, Function<String, String> env, List<String> problems) {
    List<? extends ConfigValue> entries;
    try {
      entries = rs.getList("deployments");
    } catch (ConfigException e) {
      problems.add("rightsize.deployments is not a list: write deployments = [ { name = ..., kind = ..., endpoint = ... } ] in application.conf");
      return List.of();
    }
    if (entries.isEmpty()) {
      problems.add("rightsize.deployments is empty: configure at least one deployment in application.conf (or remove the key to use the emulator)");
      return List.of();
    }
    Config defaults = rs.getConfig("deployment-defaults");
    List<DeploymentSettings> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String prefix = "rightsize.deployments[" + i + "]";
      ConfigValue entry = entries.get(i);
      if (entry.valueType() != ConfigValueType.OBJECT) {
        problems.add(prefix + " is not an object: write it as { name = ..., kind = ..., endpoint = ... } in application.conf");
        continue;
      }
      Config merged = ((ConfigObject) entry).toConfig().withFallback(defaults);
      DeploymentSettings d = readDeployment(merged, prefix, env, problems);
      String name = merged.hasPath("name") ? String.valueOf(merged.getValue("name").unwrapped()).trim() : "";
      if (!name.isEmpty() && !names.add(name)) {
        problems.add(prefix + ".name '" + name + "' is used twice: give every deployment its own name in application.conf");
      }
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  private static DeploymentSettings readDeployment(Config c, String prefix, Function<String, String> env, List<String> problems) {
    int before = problems.size();
    String rawName = c.hasPath("name") ? String.valueOf(c.getValue("name").unwrapped()) : "";
    String where = rawName.isBlank() ? "in application.conf" : "for deployment '" + rawName + "' in application.conf";
    Section s = new Section(c, prefix, where, problems);
    String name = s.required("name");
    String kindName = s.required("kind");
    TargetKind kind = kindName == null ? null : TargetKind.fromWireName(kindName);
    if (kindName != null && kind == null) {
      s.problem("kind", "'" + kindName + "' is not a target kind", "use one of " + TargetKind.wireNames());
    }
    String endpoint = s.string("endpoint");
    if (kind != null && kind != TargetKind.EMULATOR && endpoint != null) {
      endpoint = checkEndpoint(s, endpoint);
    }
    String deployment = s.required("deployment");
    String apiVersion = s.string("api-version");
    if (kind == TargetKind.AZURE_OPENAI && apiVersion != null && apiVersion.isEmpty()) {
      s.problem("api-version", "is missing", "set api-version (e.g. 2024-10-21) " + where);
    }
    String maxTokensParam = s.required("max-tokens-param");
    String vmSize = s.string("vm-size");
    Integer instances = s.integer("instance-count");
    if (instances != null && instances < 1) {
      s.problem("instance-count", "is " + instances, "set a whole number >= 1 " + where);
    }
    AuthSettings auth = readAuth(new Section(c.hasPath("auth") ? c.getConfig("auth") : ConfigFactory.empty(), prefix + ".auth", where, problems), kind, env);
    Map<String, String> headers = readHeaders(s, problems);
    if (problems.size() > before) {
      return null;
    }
    return new DeploymentSettings(
        name, kind, endpoint == null ? "" : endpoint, deployment, apiVersion == null ? "" : apiVersion, maxTokensParam,
        vmSize == null ? "" : vmSize, instances, auth, headers, c);
  }

  private static String checkEndpoint(Section s, String endpoint) {
    if (endpoint.isEmpty()) {
      s.problem("endpoint", "is missing", "set endpoint (the base URL, e.g. https://myres.openai.azure.com) " + s.where());
      return null;
    }
    try {
      URI u = new URI(endpoint);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
        s.problem("endpoint", "'" + endpoint + "' is not an http(s) URL", "set the base URL, e.g. https://myres.openai.azure.com " + s.where());
        return null;
      }
      if (u.getRawQuery() != null) {
        s.problem("endpoint", "'" + endpoint + "' has a query string", "set only the base URL; api-version has its own key " + s.where());
        return null;
      }
    } catch (URISyntaxException e) {
      s.problem("endpoint", "'" + endpoint + "' is not a URL (" + e.getReason() + ")", "set the base URL, e.g. https://myres.openai.azure.com " + s.where());
      return null;
    }
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  private static AuthSettings readAuth(Section s, TargetKind kind, Function<String, String> env) {
    String typeName = s.required("type");
    AuthType type = typeName == null ? null : AuthType.fromWireName(typeName);
    if (typeName != null && type == null) {
      s.problem("type", "'" + typeName + "' is not an auth type", "use one of " + AuthType.wireNames());
    }
    String keyEnv = s.string("key-env");
    String scope = s.string("scope");
    if (kind == TargetKind.EMULATOR) {
      // The embedded emulator takes no credentials; a configured auth block is ignored.
      return new AuthSettings(AuthType.NONE, keyEnv, "", null);
    }
    Secret key = null;
    if (type != null && type.usesKey()) {
      if (keyEnv == null || keyEnv.isEmpty()) {
        s.problem("key-env", "is missing", "name the environment variable that holds the key " + s.where());
      } else {
        String value = env.apply(keyEnv);
        if (value == null || value.isBlank()) {
          s.problem("key-env", "names environment variable " + keyEnv + ", which is not set", "export " + keyEnv + " with the key (auth.type = " + type.wireName() + ") " + s.where().replace(" in application.conf", ""));
        } else {
          key = Secret.of(value.trim(), "env " + keyEnv);
        }
      }
    }
    if (type == AuthType.ENTRA && kind != null && kind.defaultEntraScope() == null && (scope == null || scope.isEmpty())) {
      s.problem("scope", "is missing", "set the Entra scope (e.g. api://<app-id>/.default) for kind " + kind.wireName() + " " + s.where());
    }
    return new AuthSettings(type, keyEnv == null ? "" : keyEnv, scope == null ? "" : scope, key);
  }

  private static Map<String, String> readHeaders(Section s, List<String> problems) {
    Config c = s.config();
    if (!c.hasPath("headers")) {
      return Map.of();
    }
    ConfigValue v = c.getValue("headers");
    if (v.valueType() != ConfigValueType.OBJECT) {
      s.problem("headers", "is not an object", "write headers { name = value } " + s.where());
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : ((ConfigObject) v).entrySet()) {
      String header = e.getKey();
      if (SECRET_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
        s.problem("headers." + header, "would put a secret in the config", "remove it and use auth.type with auth.key-env (the key goes in an environment variable)");
        continue;
      }
      ConfigValueType t = e.getValue().valueType();
      if (t == ConfigValueType.OBJECT || t == ConfigValueType.LIST || t == ConfigValueType.NULL) {
        s.problem("headers." + header, "is not a single value", "set it to a string " + s.where());
        continue;
      }
      headers.put(header, String.valueOf(e.getValue().unwrapped()));
    }
    return Map.copyOf(headers);
  }

  private static String generatedRunId() {
    String id = generatedRunId;
    if (id == null) {
      synchronized (RightsizeSettings.class) {
        id = generatedRunId;
        if (id == null) {
          String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
          String suffix = Integer.toString(0x1000 + new SecureRandom().nextInt(0xF000), 16);
          id = stamp + "-" + suffix;
          generatedRunId = id;
        }
      }
    }
    return id;
  }

  /** The raw, resolved {@code rightsize} block, for packages that read their own settings. */
  public Config config() {
    return rightsize;
  }

  public RunSettings run() {
    return run;
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
}
