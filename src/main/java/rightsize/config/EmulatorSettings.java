package rightsize.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import rightsize.secret.Secret;

/**
 * The {@code rightsize.emulator} section: how the embedded emulator answers, its serving profiles
 * and its faults (docs/emulator.md; reference.conf documents every key). How it serves each
 * deployment of kind emulator is that deployment's {@link EmulatedDeployment}.
 *
 * @param seed seeds output text, output lengths and random faults
 * @param tokensPerChunk content tokens per SSE chunk
 * @param model the "model" field of answers
 * @param encoding tokenizer encoding of the output text and prompt counts
 * @param contentFilterAnnotations whether answers carry Azure's prompt and content filter results
 * @param outputLength how long answers are
 * @param apiKey the key requests must present, or null when auth is off (or secrets were not read)
 * @param groundTruthFile where to write ground truth on stop, or "" for nowhere
 * @param eventLoops the emulator's event-loop threads: one runs the capacity model and the timers
 *     and serves connections, the others serve connections only
 * @param groundTruthChunks whether the ground truth keeps every chunk ({@code ground-truth = chunks}),
 *     or per request its facts and chunk statistics only ({@code requests}: memory flat in chunks)
 * @param faultHeaderAllowed whether a request may ask for a fault with x-rightsize-fault
 * @param faultRules configured faults
 * @param profiles the serving profiles of one instance, by name
 * @param payPerToken how deployments with profile "pay-per-token" serve, unless they override it
 * @param appProfiles the application profiles (an app on a CPU VM calling a model elsewhere), by name
 */
public record EmulatorSettings(
    long seed,
    int tokensPerChunk,
    String model,
    String encoding,
    boolean contentFilterAnnotations,
    OutputLength outputLength,
    Secret apiKey,
    String groundTruthFile,
    int eventLoops,
    boolean groundTruthChunks,
    boolean faultHeaderAllowed,
    List<FaultRule> faultRules,
    Map<String, Profile> profiles,
    PayPerToken payPerToken,
    Map<String, AppProfile> appProfiles) {

  /** The profile name that makes a deployment act as Azure OpenAI pay-per-token. */
  public static final String PAY_PER_TOKEN = "pay-per-token";

  /** The block of application profiles. */
  static final String APP_PROFILES = "app-profiles";

  public EmulatorSettings {
    faultRules = List.copyOf(faultRules);
    profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    appProfiles = Collections.unmodifiableMap(new LinkedHashMap<>(appProfiles));
  }

  /**
   * Output length = round(maxTokens x U(minFraction, maxFraction)), at least 1.
   *
   * @param defaultMaxTokens max_tokens assumed when a request sets none
   */
  public record OutputLength(int defaultMaxTokens, double minFraction, double maxFraction) {
    public OutputLength {
      if (defaultMaxTokens < 1 || minFraction <= 0 || maxFraction > 1 || minFraction > maxFraction) {
        throw new IllegalArgumentException("needs default-max-tokens >= 1 and 0 < min-fraction <= max-fraction <= 1, got "
            + defaultMaxTokens + ", " + minFraction + " and " + maxFraction);
      }
    }

    /** Output tokens for a request allowing {@code maxTokens}, drawn from {@code random}. */
    public int tokens(int maxTokens, SplittableRandom random) {
      double fraction = minFraction + (maxFraction - minFraction) * random.nextDouble();
      return (int) Math.max(1, Math.min(maxTokens, Math.round(maxTokens * fraction)));
    }
  }

  /**
   * A configured fault ({@code faults.rules}): injected into a random fraction of the matching
   * requests, or into every Nth of them, or both.
   *
   * @param kind what goes wrong
   * @param rate probability (0 to 1) that a matching request gets the fault
   * @param everyNth when > 0, the Nth, 2Nth, ... matching request gets the fault
   * @param afterChunks content chunks sent normally before a mid-stream fault strikes
   * @param stallMillis how long a stall lasts
   * @param deployments deployment names the rule applies to; empty means all
   */
  public record FaultRule(FaultKind kind, double rate, int everyNth, int afterChunks, long stallMillis, Set<String> deployments) {
    public FaultRule {
      deployments = Set.copyOf(deployments);
    }

    /** Whether the rule applies to requests for {@code deployment}. */
    public boolean appliesTo(String deployment) {
      return deployments.isEmpty() || deployments.contains(deployment);
    }
  }

  /**
   * How fast one instance serves (a block of {@code profiles}); equations in docs/emulator.md.
   *
   * @param prefillTokensPerSecond prompt tokens processed per second
   * @param decodeTokensPerSecond output tokens per second of a stream alone on its instance
   * @param saturatedDecodeTokensPerSecond output tokens per second of the whole instance once
   *     {@code saturationStreams} streams share it
   * @param saturationStreams concurrent streams at which the instance's total decode rate stops growing
   * @param firstTokenOverheadMs fixed time between the end of prefill and the first token
   */
  public record Profile(
      double prefillTokensPerSecond,
      double decodeTokensPerSecond,
      double saturatedDecodeTokensPerSecond,
      int saturationStreams,
      long firstTokenOverheadMs) {}

  /**
   * How a pay-per-token deployment serves ({@code pay-per-token}, or a deployment's override):
   * no queue, every request at these rates, 429 over the quota.
   *
   * @param tokensPerMinute the tokens-per-minute quota
   * @param requestsPerMinute the requests-per-minute quota
   * @param window how much of a minute's quota each bucket holds, refilled continuously
   * @param prefillTokensPerSecond prompt tokens processed per second
   * @param decodeTokensPerSecond output tokens per second of every stream
   * @param firstTokenOverheadMs fixed time between the end of prefill and the first token
   */
  public record PayPerToken(
      long tokensPerMinute,
      long requestsPerMinute,
      Duration window,
      double prefillTokensPerSecond,
      double decodeTokensPerSecond,
      long firstTokenOverheadMs) {}

  /**
   * A generative-AI application (a prompt flow, say) on a CPU VM that calls a model elsewhere (a
   * block of {@code app-profiles}): per request it spends CPU time in the app, on the VM's vCPUs
   * shared by its workers, then waits for the downstream pay-per-token model. Equations in
   * docs/emulator.md, "Application profile".
   *
   * @param cpuMsPerRequest CPU time the app spends on one request, on one vCPU
   * @param workersPerVcpu worker processes per vCPU (each uses at most one vCPU at a time)
   * @param threadsPerWorker requests one worker holds at once (waiting on the model)
   * @param modelFirstTokenMs the downstream model's time to its first token, besides its prompt processing
   * @param modelPrefillTokensPerSecond prompt tokens the downstream model processes per second
   * @param modelDecodeTokensPerSecond output tokens per second of each downstream stream
   */
  public record AppProfile(
      double cpuMsPerRequest,
      double workersPerVcpu,
      int threadsPerWorker,
      long modelFirstTokenMs,
      double modelPrefillTokensPerSecond,
      double modelDecodeTokensPerSecond) {

    /** Worker processes on a VM with {@code vcpus} vCPUs: at least one. */
    public int workers(int vcpus) {
      return Math.max(1, (int) Math.floor(workersPerVcpu * vcpus + 1e-9));
    }
  }

  /** The same settings with auth on and {@code key} as the expected key (tests; the config reads an env var). */
  public EmulatorSettings withApiKey(Secret key) {
    return new EmulatorSettings(seed, tokensPerChunk, model, encoding, contentFilterAnnotations, outputLength, key,
        groundTruthFile, eventLoops, groundTruthChunks, faultHeaderAllowed, faultRules, profiles, payPerToken, appProfiles);
  }

  /** Reads the emulator block; {@code env} is null when secrets are not to be read. */
  static EmulatorSettings read(Section s, Function<String, String> env) {
    int mark = s.mark();
    Long seed = s.longValue("seed");
    Integer tokensPerChunk = s.integer("tokens-per-chunk", 1);
    String model = s.required("model");
    String encoding = RequestDefaults.encoding(s, "encoding");
    Boolean annotations = s.bool("content-filter-annotations");
    OutputLength outputLength = outputLength(s.child("output-length"));
    Secret apiKey = apiKey(s.child("auth"), env);
    String groundTruthFile = s.string("ground-truth-file");
    String detail = s.choice("ground-truth", "a ground-truth detail", List.of("chunks", "requests"));
    Integer eventLoops = s.integer("event-loops", 1);
    Section faults = s.child("faults");
    Boolean allowHeader = faults.bool("allow-header");
    List<FaultRule> rules = new ArrayList<>();
    for (Section rule : faults.objects("rules", "{ kind = stall, every-nth = 10 }")) {
      FaultRule r = faultRule(rule);
      if (r != null) {
        rules.add(r);
      }
    }
    Section profileBlock = s.child("profiles");
    Map<String, Profile> profiles = new LinkedHashMap<>();
    for (String name : profileBlock.keys()) {
      Profile p = profile(profileBlock.child(Section.path(name)));
      if (p != null) {
        profiles.put(name, p);
      }
    }
    PayPerToken payPerToken = payPerToken(s.child(PAY_PER_TOKEN));
    Map<String, AppProfile> appProfiles = new LinkedHashMap<>();
    if (s.has(APP_PROFILES)) {
      Section appBlock = s.child(APP_PROFILES);
      for (String name : appBlock.keys()) {
        if (profiles.containsKey(name) || PAY_PER_TOKEN.equals(name)) {
          appBlock.problem(Section.path(name), "is also the name of a serving profile",
              "give the application profile its own name " + appBlock.where(Section.path(name)));
          continue;
        }
        AppProfile a = appProfile(appBlock.child(Section.path(name)));
        if (a != null) {
          appProfiles.put(name, a);
        }
      }
    }
    if (s.failedSince(mark)) {
      return null;
    }
    return new EmulatorSettings(seed, tokensPerChunk, model, encoding, annotations, outputLength, apiKey,
        groundTruthFile, eventLoops, "chunks".equals(detail), allowHeader, rules, profiles, payPerToken, appProfiles);
  }

  private static OutputLength outputLength(Section s) {
    int mark = s.mark();
    Integer defaultMaxTokens = s.integer("default-max-tokens");
    Double min = s.number("min-fraction");
    Double max = s.number("max-fraction");
    if (s.failedSince(mark)) {
      return null;
    }
    try {
      return new OutputLength(defaultMaxTokens, min, max);
    } catch (IllegalArgumentException e) {
      s.problem("max-fraction", "does not fit (" + e.getMessage() + ")", "fix output-length " + s.where("max-fraction"));
      return null;
    }
  }

  private static Secret apiKey(Section s, Function<String, String> env) {
    Boolean enabled = s.bool("enabled");
    String keyEnv = s.required("key-env");
    if (enabled == null || !enabled || keyEnv == null || env == null) {
      return null;
    }
    String key = env.apply(keyEnv);
    if (key == null || key.isBlank()) {
      s.problem("key-env", "names " + AuthSettings.variable(keyEnv) + ", which is not set",
          "export " + (AuthSettings.printable(keyEnv) ? keyEnv : "it") + "=<key> or set " + s.key("enabled") + " = false");
      return null;
    }
    return Secret.of(key.trim(), "env " + keyEnv);
  }

  private static FaultRule faultRule(Section s) {
    int mark = s.mark();
    FaultKind kind = s.choice("kind", "an emulator fault", FaultKind.class);
    Double rate = s.has("rate") ? s.number("rate") : Double.valueOf(0);
    if (rate != null && (rate < 0 || rate > 1)) {
      s.problem("rate", "is " + rate, "set a probability between 0 and 1 " + s.where("rate"));
    }
    Integer everyNth = s.has("every-nth") ? s.integer("every-nth", 0) : Integer.valueOf(0);
    Integer afterChunks = s.has("after-chunks") ? s.integer("after-chunks", 0) : Integer.valueOf(1);
    Duration stall = s.has("stall") ? s.duration("stall", true) : Duration.ofSeconds(5);
    List<String> deployments = s.has("deployments") ? s.names("deployments") : List.of();
    if (s.failedSince(mark)) {
      return null;
    }
    return new FaultRule(kind, rate, everyNth, afterChunks, stall.toMillis(), Set.copyOf(deployments));
  }

  private static Profile profile(Section s) {
    int mark = s.mark();
    Double prefill = positive(s, "prefill-tokens-per-second");
    Double decode = positive(s, "decode-tokens-per-second");
    Double saturated = positive(s, "saturated-decode-tokens-per-second");
    Integer streams = s.integer("saturation-streams", 1);
    Long overhead = s.longValue("first-token-overhead-ms", 0);
    if (s.failedSince(mark)) {
      return null;
    }
    if (saturated < decode || saturated > decode * streams * (1 + 1e-9)) {
      s.problem("saturated-decode-tokens-per-second", "is " + saturated,
          "set it between decode-tokens-per-second (" + decode + ") and saturation-streams x decode-tokens-per-second ("
              + decode * streams + ") " + s.where("saturated-decode-tokens-per-second"));
      return null;
    }
    return new Profile(prefill, decode, saturated, streams, overhead);
  }

  private static AppProfile appProfile(Section s) {
    int mark = s.mark();
    Double cpuMs = positive(s, "cpu-ms-per-request");
    Double workersPerVcpu = positive(s, "workers-per-vcpu");
    Integer threads = s.integer("threads-per-worker", 1);
    Section model = s.child("model");
    Long firstToken = model.longValue("first-token-ms");
    if (firstToken != null && firstToken < 0) {
      model.problem("first-token-ms", "is " + firstToken, "set a whole number of milliseconds >= 0 " + model.where("first-token-ms"));
    }
    Double prefill = positive(model, "prefill-tokens-per-second");
    Double decode = positive(model, "decode-tokens-per-second");
    if (s.failedSince(mark)) {
      return null;
    }
    return new AppProfile(cpuMs, workersPerVcpu, threads, firstToken, prefill, decode);
  }

  /** Reads a pay-per-token block: the global one, or a deployment's emulator block over it. */
  static PayPerToken payPerToken(Section s) {
    int mark = s.mark();
    Long tokensPerMinute = s.longValue("tokens-per-minute", 1);
    Long requestsPerMinute = s.longValue("requests-per-minute", 1);
    Duration window = s.duration("window", false);
    Double prefill = positive(s, "prefill-tokens-per-second");
    Double decode = positive(s, "decode-tokens-per-second");
    Long overhead = s.longValue("first-token-overhead-ms", 0);
    if (s.failedSince(mark)) {
      return null;
    }
    return new PayPerToken(tokensPerMinute, requestsPerMinute, window, prefill, decode, overhead);
  }

  private static Double positive(Section s, String key) {
    Double v = s.number(key);
    if (v != null && v <= 0) {
      s.problem(key, "is " + v, "set a number > 0 " + s.where(key));
      return null;
    }
    return v;
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "EmulatorSettings[seed=" + seed + ", tokensPerChunk=" + tokensPerChunk + ", profiles=" + profiles.keySet()
        + ", auth=" + (apiKey != null) + "]";
  }
}
