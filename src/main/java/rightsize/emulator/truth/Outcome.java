package rightsize.emulator.truth;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the emulator ended one request. */
public enum Outcome {
  /** Still queued or being served. */
  IN_PROGRESS,
  /** Answered completely. */
  OK,
  /** 429: Azure ML pending-request limit. */
  TOO_MANY_PENDING,
  /** 429: Azure OpenAI token or request rate limit. */
  RATE_LIMITED,
  /** 408: request_timeout_ms passed before the answer started. */
  TIMEOUT,
  /** request_timeout_ms passed mid-stream: the connection was closed. */
  TIMEOUT_MID_STREAM,
  /** 400: the body was not a valid chat-completions request. */
  BAD_REQUEST,
  /** 401: missing or wrong key. */
  UNAUTHORIZED,
  /** 404: unknown route, deployment or model. */
  NOT_FOUND,
  /** An injected 500, 503 or 424. */
  FAULT_HTTP_ERROR,
  /** An injected connection reset. */
  FAULT_RESET,
  /** An injected clean close without [DONE]. */
  FAULT_TRUNCATED,
  /** The client closed the connection before the answer ended. */
  CLIENT_CLOSED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
