package rightsize.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How one request ended: ok, or the single classification of what went wrong. */
public enum Status {
  /** The response completed and its content was delivered. */
  OK("ok"),
  /** The server answered with a non-2xx status other than 429 (the record keeps the code and the Azure error code). */
  HTTP_ERROR("http_error"),
  /** The server answered 429; the record keeps retry-after and rate-limit headers. */
  THROTTLED("throttled"),
  /** No content arrived within the first-token timeout. */
  TIMEOUT_FIRST_TOKEN("timeout_first_token"),
  /** The whole response did not complete within the total timeout. */
  TIMEOUT_TOTAL("timeout_total"),
  /** The connection could not be opened (refused, DNS, TLS handshake, connect timeout). */
  CONNECT_FAILED("connect_failed"),
  /** The connection closed before the response ended. */
  CONNECTION_LOST("connection_lost"),
  /** The body could not be parsed as a chat completion (bad JSON, bad SSE). */
  MALFORMED_STREAM("malformed_stream"),
  /** The service stopped or refused the answer because of its content filter. */
  CONTENT_FILTERED("content_filtered"),
  /**
   * A 2xx response that ended normally with no visible content: no text, no tool or function call
   * (a reasoning model stopped by max_tokens while still reasoning, an answer filtered without a mark).
   */
  EMPTY_ANSWER("empty_answer");

  private final String wireName;

  Status(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in record files, reports and Gatling KO messages. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name written by {@link #wireName()}. */
  @JsonCreator
  public static Status fromWireName(String name) {
    for (Status s : values()) {
      if (s.wireName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status '" + name + "'");
  }

  public boolean isOk() {
    return this == OK;
  }
}
