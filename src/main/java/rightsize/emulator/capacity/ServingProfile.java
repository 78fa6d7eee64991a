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
 */
public record ServingProfile(
    String name,
    double prefillTokensPerSecond,
    boolean serialPrefill,
    double decodeTokensPerSecond,
    double saturatedDecodeTokensPerSecond,
    int saturationStreams,
    long firstTokenOverheadNanos) {

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
}
