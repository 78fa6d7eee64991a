package rightsize.emulator.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import rightsize.emulator.capacity.ServingProfile;
import rightsize.emulator.fault.Fault;
import rightsize.emulator.fault.FaultKind;
import rightsize.emulator.fault.FaultRule;

/**
 * Everything the emulator needs from config: its deployments and the rightsize.emulator block
 * (reference.conf documents every key).
 *
 * @param deployments the deployments it serves
 * @param seed seeds output text, lengths and random faults
 * @param tokensPerChunk content tokens per SSE chunk
 * @param model the "model" field of answers
 * @param encoding tokenizer encoding of the output text and prompt counts
 * @param contentFilterAnnotations whether answers carry Azure's prompt and content filter results
 * @param outputLength how long answers are
 * @param apiKey the key requests must present, or null when auth is off
 * @param faultRules configured faults
 * @param faultHeaderAllowed whether x-rightsize-fault is honoured
 * @param groundTruthFile where to write ground truth on stop, or "" for nowhere
 */
public record EmulatorSettings(
    List<DeploymentSpec> deployments,
    long seed,
    int tokensPerChunk,
    String model,
    String encoding,
    boolean contentFilterAnnotations,
    OutputLength outputLength,
    String apiKey,
    List<FaultRule> faultRules,
    boolean faultHeaderAllowed,
    String groundTruthFile) {

  /** The profile name that selects pay-per-token behaviour. */
  public static final String PAY_PER_TOKEN = "pay-per-token";

  /**
   * Output length = round(maxTokens x U(minFraction, maxFraction)), at least 1.
   *
   * @param defaultMaxTokens max_tokens assumed when a request sets none
   */
  public record OutputLength(int defaultMaxTokens, double minFraction, double maxFraction) {
    public OutputLength {
      if (defaultMaxTokens < 1 || minFraction <= 0 || maxFraction > 1 || minFraction > maxFraction) {
        throw new IllegalArgumentException(
            "rightsize.emulator.output-length: need default-max-tokens >= 1 and"
                + " 0 < min-fraction <= max-fraction <= 1");
      }
    }

    /** Output tokens for a request allowing {@code maxTokens}, drawn from {@code random}. */
    public int tokens(int maxTokens, java.util.SplittableRandom random) {
      double fraction = minFraction + (maxFraction - minFraction) * random.nextDouble();
      return (int) Math.max(1, Math.min(maxTokens, Math.round(maxTokens * fraction)));
    }
  }

  public EmulatorSettings {
    deployments = List.copyOf(deployments);
    faultRules = List.copyOf(faultRules);
    if (tokensPerChunk < 1) {
      throw new IllegalArgumentException("rightsize.emulator.tokens-per-chunk must be >= 1");
    }
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "EmulatorSettings[deployments=" + deployments.stream().map(DeploymentSpec::name).toList()
        + ", seed=" + seed + ", tokensPerChunk=" + tokensPerChunk + ", auth=" + (apiKey != null) + "]";
  }

  /** Settings with auth on and {@code key} as the expected key (tests; the config reads an env var). */
  public EmulatorSettings withApiKey(String key) {
    return new EmulatorSettings(deployments, seed, tokensPerChunk, model, encoding,
        contentFilterAnnotations, outputLength, key, faultRules, faultHeaderAllowed, groundTruthFile);
  }

  /** Settings from the default config (application.conf over reference.conf). */
  public static EmulatorSettings load() {
    return fromConfig(ConfigFactory.load().getConfig("rightsize"));
  }

  /**
   * Settings from {@code rightsize} (the config at path "rightsize"): every entry of {@code
   * deployments} of kind emulator, merged over {@code deployment-defaults}, and the {@code
   * emulator} block.
   */
  public static EmulatorSettings fromConfig(Config rightsize) {
    try {
      Config emu = rightsize.getConfig("emulator");
      Config defaults = rightsize.getConfig("deployment-defaults");
      List<DeploymentSpec> specs = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (Config entry : rightsize.getConfigList("deployments")) {
        Config d = entry.withFallback(defaults);
        if (!"emulator".equals(d.getString("kind"))) {
          continue;
        }
        DeploymentSpec spec = deployment(d, emu);
        if (!names.add(spec.name())) {
          throw new IllegalArgumentException(
              "rightsize.deployments: two emulator deployments are named '" + spec.name() + "': names must differ");
        }
        specs.add(spec);
      }
      Config out = emu.getConfig("output-length");
      return new EmulatorSettings(
          specs,
          emu.getLong("seed"),
          emu.getInt("tokens-per-chunk"),
          emu.getString("model"),
          emu.getString("encoding"),
          emu.getBoolean("content-filter-annotations"),
          new OutputLength(
              out.getInt("default-max-tokens"), out.getDouble("min-fraction"), out.getDouble("max-fraction")),
          apiKey(emu.getConfig("auth")),
          faultRules(emu.getConfig("faults")),
          emu.getBoolean("faults.allow-header"),
          emu.getString("ground-truth-file"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("emulator config: " + e.getMessage(), e);
    }
  }

  private static DeploymentSpec deployment(Config d, Config emu) {
    String name = d.getString("name");
    Config e = d.getConfig("emulator");
    String profileName = e.getString("profile");
    ServingProfile profile;
    DeploymentSpec.PayPerTokenLimits limits = null;
    if (PAY_PER_TOKEN.equals(profileName)) {
      Config ppt = e.withFallback(emu.getConfig("pay-per-token"));
      double decode = ppt.getDouble("decode-tokens-per-second");
      profile = new ServingProfile(
          PAY_PER_TOKEN,
          ppt.getDouble("prefill-tokens-per-second"),
          false,
          decode,
          decode * Integer.MAX_VALUE,
          Integer.MAX_VALUE,
          TimeUnit.MILLISECONDS.toNanos(ppt.getLong("first-token-overhead-ms")));
      limits = new DeploymentSpec.PayPerTokenLimits(
          ppt.getLong("tokens-per-minute"),
          ppt.getLong("requests-per-minute"),
          ppt.getDuration("window", TimeUnit.MILLISECONDS) / 1000.0);
    } else {
      if (!emu.hasPath("profiles." + profileName)) {
        throw new IllegalArgumentException(
            "deployment '" + name + "': emulator.profile '" + profileName
                + "' is not defined: use pay-per-token or one of " + emu.getConfig("profiles").root().keySet());
      }
      Config p = emu.getConfig("profiles." + profileName);
      profile = new ServingProfile(
          profileName,
          p.getDouble("prefill-tokens-per-second"),
          true,
          p.getDouble("decode-tokens-per-second"),
          p.getDouble("saturated-decode-tokens-per-second"),
          p.getInt("saturation-streams"),
          TimeUnit.MILLISECONDS.toNanos(p.getLong("first-token-overhead-ms")));
    }
    return new DeploymentSpec(
        name,
        d.getString("deployment"),
        d.getString("vm-size"),
        d.getInt("instance-count"),
        e.getInt("max-concurrent-requests-per-instance"),
        e.getLong("request-timeout-ms"),
        profile,
        limits);
  }

  private static String apiKey(Config auth) {
    if (!auth.getBoolean("enabled")) {
      return null;
    }
    String env = auth.getString("key-env");
    String key = System.getenv(env);
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "rightsize.emulator.auth.enabled is true but " + env
              + " is not set: export " + env + "=<key> or set rightsize.emulator.auth.enabled = false");
    }
    return key;
  }

  private static List<FaultRule> faultRules(Config faults) {
    List<FaultRule> rules = new ArrayList<>();
    for (Config r : faults.getConfigList("rules")) {
      Fault fault = new Fault(
          FaultKind.fromConfigName(r.getString("kind")),
          r.hasPath("after-chunks") ? r.getInt("after-chunks") : 1,
          r.hasPath("stall") ? r.getDuration("stall", TimeUnit.MILLISECONDS) : 5000);
      rules.add(new FaultRule(
          fault,
          r.hasPath("rate") ? r.getDouble("rate") : 0,
          r.hasPath("every-nth") ? r.getInt("every-nth") : 0,
          r.hasPath("deployments") ? new HashSet<>(r.getStringList("deployments")) : Set.of()));
    }
    return rules;
  }
}
