package rightsize.emulator.capacity;

/**
 * Why a deployment refused a request, with what the client needs to retry.
 *
 * @param reason which limit refused it
 * @param limit the value of that limit (requests in flight, tokens or requests per minute, or
 *     timeout milliseconds)
 * @param retryAfterMillis when a retry can succeed, for rate limits; 0 otherwise
 * @param rateLimit remaining quota after the decision, for pay-per-token deployments; else null
 */
public record Rejection(Reason reason, long limit, long retryAfterMillis, RateLimitStatus rateLimit) {

  /** The limit that refused a request. */
  public enum Reason {
    /** Azure ML: more than 2 x max_concurrent_requests_per_instance x instance_count in flight (429). */
    TOO_MANY_PENDING,
    /** Azure OpenAI: tokens-per-minute quota exhausted (429). */
    TOKEN_RATE_LIMIT,
    /** Azure OpenAI: requests-per-minute quota exhausted (429). */
    REQUEST_RATE_LIMIT,
    /** Azure ML: request_timeout_ms passed while the request waited in the queue (408). */
    REQUEST_TIMEOUT
  }

  /** The HTTP status this rejection is answered with. */
  public int httpStatus() {
    return reason == Reason.REQUEST_TIMEOUT ? 408 : 429;
  }
}
