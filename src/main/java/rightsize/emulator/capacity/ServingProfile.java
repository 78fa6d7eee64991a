package rightsize.emulator.capacity;

/**
 * How fast one instance of a deployment serves: prefill rate, decode rate of a lone stream, and
 * how that rate falls as streams share the instance (continuous batching). Equations in
 * docs/emulator.md.
 *
 * @param name profile name from config
 * @param prefillTokensPerSecond prompt tokens processed per second by one instance
 * @param serialPrefill whether prompts are processed one after another on an instance (a CPU
 *     server) rather than each at the full rate regardless of others (a large shared service)
 * @param decodeTokensPerSecond output tokens per second of a stream alone on its instance
 * @param saturatedDecodeTokensPerSecond output tokens per second of the whole instance once
 *     {@code saturationStreams} streams share it; more streams share this rate equally
 * @param saturationStreams number of concurrent streams at which the instance's total decode rate
 *     stops growing
 * @param firstTokenOverheadNanos fixed time between the end of prefill and the first token (network,
 *     filters); 0 for the CPU profiles
 * @param app the application that runs on the instance and calls the model elsewhere, or null when
 *     the instance serves the model itself; with an app, the serial step is the app's CPU work and
 *     the prompt is processed by the downstream model before its first token
 */
public record ServingProfile(
    String name,
    double prefillTokensPerSecond,
    boolean serialPrefill,
    double decodeTokensPerSecond,
    double saturatedDecodeTokensPerSecond,
    int saturationStreams,
    long firstTokenOverheadNanos,
    App app) {

  /**
   * An application on a CPU VM (an app profile made concrete for one VM size).
   *
   * @param vcpus vCPUs of one instance
   * @param workers worker processes; each uses at most one vCPU at a time
   * @param threadsPerWorker requests one worker holds at once
   * @param cpuNanos CPU time the app spends on one request, on one vCPU
   */
  public record App(int vcpus, int workers, int threadsPerWorker, long cpuNanos) {
    public App {
      if (vcpus < 1 || workers < 1 || threadsPerWorker < 1 || cpuNanos < 0) {
        throw new IllegalArgumentException("an application needs vcpus, workers and threads >= 1 and cpu time >= 0");
      }
    }

    /** Requests doing CPU work at once: one per vCPU, but no more than there are workers. */
    public int cpuLanes() {
      return Math.min(vcpus, workers);
    }

    /** Requests the app holds at once: every thread of every worker. */
    public int concurrency() {
      return workers * threadsPerWorker;
    }
  }

  /** A profile of an instance that serves the model itself. */
  public ServingProfile(
      String name,
      double prefillTokensPerSecond,
      boolean serialPrefill,
      double decodeTokensPerSecond,
      double saturatedDecodeTokensPerSecond,
      int saturationStreams,
      long firstTokenOverheadNanos) {
    this(name, prefillTokensPerSecond, serialPrefill, decodeTokensPerSecond, saturatedDecodeTokensPerSecond,
        saturationStreams, firstTokenOverheadNanos, null);
  }

  /**
   * An application on a CPU VM calling a pay-per-token model: the app's CPU work is the serial step
   * (on {@link App#cpuLanes()} lanes), then the model processes the prompt at {@code
   * modelPrefillTokensPerSecond}, answers its first token {@code modelFirstTokenNanos} later and
   * decodes every stream at {@code modelDecodeTokensPerSecond}, however many there are.
   */
  public static ServingProfile application(
      String name, App app, double modelPrefillTokensPerSecond, double modelDecodeTokensPerSecond,
      long modelFirstTokenNanos) {
    return new ServingProfile(name, modelPrefillTokensPerSecond, true, modelDecodeTokensPerSecond,
        modelDecodeTokensPerSecond * Integer.MAX_VALUE, Integer.MAX_VALUE, modelFirstTokenNanos, app);
  }

  public ServingProfile {
    if (prefillTokensPerSecond <= 0 || decodeTokensPerSecond <= 0) {
      throw new IllegalArgumentException(
          "emulator profile '" + name + "': prefill and decode tokens per second must be > 0");
    }
    if (saturationStreams < 1) {
      throw new IllegalArgumentException(
          "emulator profile '" + name + "': saturation-streams must be >= 1");
    }
    if (saturatedDecodeTokensPerSecond < decodeTokensPerSecond
        || saturatedDecodeTokensPerSecond > decodeTokensPerSecond * saturationStreams * (1 + 1e-9)) {
      throw new IllegalArgumentException(
          "emulator profile '" + name + "': saturated-decode-tokens-per-second must lie between"
              + " decode-tokens-per-second (" + decodeTokensPerSecond + ") and saturation-streams x"
              + " decode-tokens-per-second (" + decodeTokensPerSecond * saturationStreams + ")");
    }
  }

  /**
   * Batching slowdown beta: per-stream rate is {@code decode / (1 + beta (n - 1))} up to the
   * saturation point, chosen so that the total rate there equals the saturated rate.
   */
  public double beta() {
    if (saturationStreams == 1) {
      return 0;
    }
    return (saturationStreams * decodeTokensPerSecond / saturatedDecodeTokensPerSecond - 1)
        / (saturationStreams - 1);
  }

  /** Decode tokens per second of each stream when {@code streams} streams share the instance. */
  public double perStreamDecodeRate(int streams) {
    int n = Math.max(1, streams);
    if (n <= saturationStreams) {
      return decodeTokensPerSecond / (1 + beta() * (n - 1));
    }
    return saturatedDecodeTokensPerSecond / n;
  }

  /** Total decode tokens per second of the instance with {@code streams} concurrent streams. */
  public double instanceDecodeRate(int streams) {
    return Math.max(1, streams) * perStreamDecodeRate(streams);
  }

  /** Nanoseconds to prefill {@code promptTokens} at the full prefill rate. */
  public long prefillNanos(int promptTokens) {
    return Math.round(promptTokens * 1e9 / prefillTokensPerSecond);
  }

  /** Requests whose serial step (prefill, or an app's CPU work) can run at once on one instance. */
  public int serialLanes() {
    return app == null ? 1 : app.cpuLanes();
  }

  /** Nanoseconds of the serial step of a request with {@code promptTokens}: its prefill, or an app's CPU work. */
  public long serialStepNanos(int promptTokens) {
    return app == null ? prefillNanos(promptTokens) : app.cpuNanos();
  }

  /**
   * Nanoseconds from the end of the serial step to the first token: the fixed overhead, plus for an
   * app the downstream model processing the prompt.
   */
  public long firstTokenNanos(int promptTokens) {
    return firstTokenOverheadNanos + (app == null ? 0 : prefillNanos(promptTokens));
  }

  /** Requests one instance holds at once besides Azure ML's limit: an app's threads, else no limit. */
  public int concurrencyLimit() {
    return app == null ? Integer.MAX_VALUE : app.concurrency();
  }
}
