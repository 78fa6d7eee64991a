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
 * @param firstReasoningMs from the written instant to the first event carrying reasoning, or null
 *     when the response streamed none (docs/metrics.md, "Reasoning")
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
    Double firstReasoningMs,
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

  /** A record of a response without reasoning, its streaming unknown (every field but {@code firstReasoningMs} and {@code streamed}). */
  public RequestRecord(String runId, String injector, String scenario, String deployment, String target,
      String vmSize, String step, double load, LoadUnit loadUnit, boolean warmup, String request, String requestId,
      long startEpochMicros, Double ttftMs, double e2eMs, Itl itl, Tokens tokens, String finishReason, Status status,
      Integer httpStatus, String errorCode, String message, RateLimit rateLimit) {
    this(runId, injector, scenario, deployment, target, vmSize, step, load, loadUnit, warmup, request, requestId,
        startEpochMicros, null, ttftMs, e2eMs, itl, tokens, finishReason, status, httpStatus, errorCode, message,
        rateLimit, null);
  }

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

  /**
   * Token counts of one request and where they came from.
   *
   * @param completion every output token, reasoning included (OpenAI's {@code completion_tokens})
   * @param reasoning the reasoning tokens among them, or null when unknown
   * @param source where prompt and completion come from
   * @param reasoningSource where {@code reasoning} comes from (the server's usage, or the tokenizer
   *     over the streamed reasoning text); null when {@code reasoning} is
   * @param visible the output tokens of choice 0's visible answer (text and call arguments), the
   *     tokens tpot is taken over; null when it follows from the others (docs/records.md)
   * @param visibleSource where {@code visible} comes from; null when {@code visible} is
   */
  public record Tokens(
      Integer prompt, Integer completion, Integer cached, Integer reasoning, TokenSource source,
      TokenSource reasoningSource, Integer visible, TokenSource visibleSource) {

    /** Counts whose reasoning (if any) comes from the same source, with no separate visible count. */
    public Tokens(Integer prompt, Integer completion, Integer cached, Integer reasoning, TokenSource source) {
      this(prompt, completion, cached, reasoning, source, reasoning == null ? null : source, null, null);
    }

    /**
     * The output tokens of the visible answer: {@code visible} when counted apart, else completion
     * minus the server's reasoning tokens, else completion; null when completion is unknown.
     */
    public Integer visibleTokens() {
      if (visible != null) {
        return visible;
      }
      if (completion == null) {
        return null;
      }
      boolean serverReasoning = reasoning != null
          && (reasoningSource == null ? source == TokenSource.usage : reasoningSource == TokenSource.usage);
      return serverReasoning ? completion - reasoning : completion;
    }
  }

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
