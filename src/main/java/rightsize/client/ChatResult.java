package rightsize.client;

import rightsize.chat.ChatOutcome;
import rightsize.record.RequestRecord;
import rightsize.record.Status;

/**
 * How one request ended, as the client saw it.
 *
 * @param requestId the request's x-ms-client-request-id
 * @param status ok or the single classification of what went wrong
 * @param written whether the request was written to a connection (false: the connection never opened)
 * @param startNanos System.nanoTime just before the request was written; when never written, when sending was attempted
 * @param startEpochMicros the wall-clock instant of {@code startNanos}, in microseconds since the epoch
 * @param endNanos end of the response, or the instant the failure was detected
 * @param httpStatus the response status, or null when no response head arrived
 * @param errorCode the service's error code from an error body ({@code error.code} and the like; secrets removed), or null
 * @param message what went wrong in one line (secrets removed), or null when ok
 * @param rateLimit rate-limit headers the response carried, or null when none
 * @param outcome what a 2xx body delivered (possibly partial), or null when no 2xx body was read
 */
public record ChatResult(
    String requestId,
    Status status,
    boolean written,
    long startNanos,
    long startEpochMicros,
    long endNanos,
    Integer httpStatus,
    String errorCode,
    String message,
    RequestRecord.RateLimit rateLimit,
    ChatOutcome outcome) {}
