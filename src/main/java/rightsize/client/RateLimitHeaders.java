package rightsize.client;

import io.netty.handler.codec.http.HttpHeaders;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import rightsize.record.RequestRecord.RateLimit;
import rightsize.secret.Secret;

/** Reads the rate-limit headers Azure and OpenAI-style servers send (retry-after, remaining quota, PTU utilization). */
final class RateLimitHeaders {
  private static final int UTILIZATION_MAX = 32;

  private RateLimitHeaders() {}

  /** The rate-limit information in {@code h}, or null when it carries none. */
  static RateLimit read(HttpHeaders h) {
    Long retryAfterMs = number(h.get("retry-after-ms"));
    if (retryAfterMs == null) {
      retryAfterMs = retryAfterToMs(h.get("retry-after"));
    }
    Long remainingRequests = number(h.get("x-ratelimit-remaining-requests"));
    Long remainingTokens = number(h.get("x-ratelimit-remaining-tokens"));
    // Recorded as sent ("12.5%"), but scrubbed first: a proxy that echoes the request puts the key here too.
    String utilization = Secret.shorten(h.get("azure-openai-deployment-utilization"), UTILIZATION_MAX);
    if (retryAfterMs == null && remainingRequests == null && remainingTokens == null && utilization == null) {
      return null;
    }
    return new RateLimit(retryAfterMs, remainingRequests, remainingTokens, utilization);
  }

  /** retry-after is delay-seconds (Azure sends integers, some servers decimals) or an HTTP date. */
  static Long retryAfterToMs(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Math.round(Double.parseDouble(v.trim()) * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Math.max(0, at.toEpochMilli() - System.currentTimeMillis());
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static Long number(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Math.round(Double.parseDouble(v.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
