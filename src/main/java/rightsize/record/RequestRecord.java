package rightsize.record;

/**
 * One line of a run's record file: everything measured about one request, ok or not, and the load
 * it was made under.
 *
 * <p>Times are milliseconds (fractional) measured from the instant the request was written;
 * {@code startEpochMicros} anchors the request on the wall clock, and {@code requestId} is the
 * {@code x-ms-client-request-id} header sent with it, which the emulator's ground truth also keeps. Fields that do not apply are
 * null. The schema is documented in docs/records.md.
 *
 * @param step the population step's label, e.g. "10 users"
 * @param load the step's load, counted in {@code loadUnit}
 * @param loadUnit what {@code load} counts ({@link RecordReader} fills it in for lines written
 *     before the field existed)
 * @param warmup true for requests made while warming up, which reports leave out
 * @param streamed true when the answer came as SSE events, false when it came as one JSON body (its
 *     ttft cannot be measured, so {@code ttftMs} is null), null when no 2xx body was read (and in
 *     files written before the field existed)
 */
public record RequestRecord(
    String runId,
    String injector,
    String scenario,
    String deployment,
    String target,
    String vmSize,
    String step,
    double load,
    LoadUnit loadUnit,
    boolean warmup,
    String request,
    String requestId,
    long startEpochMicros,
    Double ttftMs,
    double e2eMs,
    Itl itl,
    Tokens tokens,
    String finishReason,
    Status status,
    Integer httpStatus,
    String errorCode,
    String message,
    RateLimit rateLimit,
    Boolean streamed) {

  /** The step label of warm-up requests. */
  public static final String WARMUP_STEP = "warmup";

  /**
   * Suffix of the Gatling stats row that times a request's first token, {@code <request> · ttft},
   * beside the {@code <request>} row that times all of it.
   */
  public static final String TTFT_ROW_SUFFIX = " · ttft";

  /** True when the answer arrived as one JSON body, so its first content could not be timed. */
  public boolean notStreamed() {
    return Boolean.FALSE.equals(streamed);
  }

  /** Summary of the gaps between consecutive content-bearing events of one response. */
  public record Itl(int count, double meanMs, double p50Ms, double maxMs) {}

  /** Token counts of one request and where they came from. */
  public record Tokens(
      Integer prompt, Integer completion, Integer cached, Integer reasoning, TokenSource source) {}

  /** Rate-limit information the server sent with the response, when present. */
  public record RateLimit(
      Long retryAfterMs, Long remainingRequests, Long remainingTokens, String utilization) {}

  /** Whether the token counts are the server's own or were counted by the suite. */
  public enum TokenSource {
    /** The server's {@code usage} object. */
    usage,
    /** Counted locally with the configured tokenizer encoding. */
    tokenizer,
    /** No tokens could be counted (for example, the request failed before any content). */
    none
  }
}
