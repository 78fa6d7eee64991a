package rightsize.client;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import rightsize.chat.ChatOutcome;
import rightsize.chat.ChatResponseReader;
import rightsize.record.RequestRecord.RateLimit;
import rightsize.record.Status;
import rightsize.secret.Secret;

/**
 * The state of one request from send to result: timestamps, the response head, the body reader,
 * and the single classification. Confined to one event loop once attached to a connection.
 */
final class Exchange {
  private static final int ERROR_BODY_MAX = 64 * 1024;
  /** Each I/O thread's copy of the body bytes it is reading ({@link #heapCopy}); the reader is done with them when it returns. */
  private static final FastThreadLocal<ByteBuffer> READ_COPY = new FastThreadLocal<>() {
    @Override
    protected ByteBuffer initialValue() {
      return ByteBuffer.allocate(8192);
    }
  };

  final ChatRequest request;
  private final Consumer<ChatResult> callback;
  private final long attemptNanos = System.nanoTime();
  private final long attemptEpochMicros = WallClock.SYSTEM.epochMicros(attemptNanos);

  private boolean written;
  private long writtenNanos;
  private long writtenEpochMicros;
  private Integer httpStatus;
  private boolean keepAlive;
  private RateLimit rateLimit;
  private ChatResponseReader reader;
  private boolean sse;
  private ByteArrayOutputStream errorBody;
  // Atomic because a request that cannot even start fails on the caller's thread, which may race
  // with a late callback on the event loop: the result is delivered exactly once either way.
  private final AtomicBoolean delivered = new AtomicBoolean();
  private boolean bodyComplete;
  ScheduledFuture<?> firstTokenTimer;
  ScheduledFuture<?> totalTimer;

  Exchange(ChatRequest request, Consumer<ChatResult> callback) {
    this.request = request;
    this.callback = callback;
  }

  /** Call just before writing the request. */
  void markWritten() {
    // One reading: the written instant is the nanoTime's own (WallClock), so the two never disagree.
    writtenNanos = System.nanoTime();
    writtenEpochMicros = WallClock.SYSTEM.epochMicros(writtenNanos);
    written = true;
  }

  void onHead(HttpResponse response) {
    httpStatus = response.status().code();
    keepAlive = HttpUtil.isKeepAlive(response);
    rateLimit = RateLimitHeaders.read(response.headers());
    if (is2xx()) {
      String type = response.headers().get("content-type");
      sse = type == null ? request.streaming() : type.toLowerCase().startsWith("text/event-stream");
      reader = new ChatResponseReader(sse, request.format());
    } else {
      errorBody = new ByteArrayOutputStream();
      // An error answer has no first token; only the total timeout bounds the rest of it.
      cancel(firstTokenTimer);
    }
  }

  /** Feeds body bytes received at {@code now}; completes the exchange when a stream sends its end marker ([DONE]). */
  void onBody(ByteBuf content, long now) {
    if (delivered.get() || !content.isReadable()) {
      return;
    }
    if (reader != null) {
      reader.onBytes(heapCopy(content), now);
      if (reader.done()) {
        finishBody(now);
      }
    } else if (errorBody != null && errorBody.size() < ERROR_BODY_MAX) {
      int n = Math.min(content.readableBytes(), ERROR_BODY_MAX - errorBody.size());
      byte[] bytes = new byte[n];
      content.getBytes(content.readerIndex(), bytes);
      errorBody.writeBytes(bytes);
    }
  }

  /**
   * The readable bytes of {@code content} in this I/O thread's reused heap buffer, valid until the
   * thread's next read. Not the buffer's own NIO view: a chunk's content is a slice of the read
   * buffer, and a slice's view is a new DirectByteBuffer on every call (a quarter of what the client
   * allocated), while this copy of a few hundred bytes allocates nothing.
   */
  private static ByteBuffer heapCopy(ByteBuf content) {
    int n = content.readableBytes();
    ByteBuffer copy = READ_COPY.get();
    if (copy.capacity() < n) {
      copy = ByteBuffer.allocate(Math.max(n, copy.capacity() * 2));
      READ_COPY.set(copy);
    }
    content.getBytes(content.readerIndex(), copy.array(), 0, n);
    return copy.clear().limit(n);
  }

  /** The body ended completely at {@code now}. */
  void onBodyEnd(long now) {
    bodyComplete = true;
    if (!delivered.get()) {
      if (reader != null) {
        reader.onEnd(now);
      }
      finishBody(now);
    }
  }

  private void finishBody(long now) {
    if (reader != null) {
      ChatOutcome outcome = reader.outcome();
      long end = outcome.endNanos() >= 0 ? outcome.endNanos() : now;
      if (outcome.malformed() != null) {
        deliver(Status.MALFORMED_STREAM, end, null, outcome.malformed(), outcome);
      } else if (outcome.contentFiltered()) {
        deliver(Status.CONTENT_FILTERED, end, null, "content filter stopped the answer (finish_reason " + outcome.finishReason() + ")", outcome);
      } else if (sse && !outcome.done() && outcome.finishReason() == null) {
        // The body ended cleanly but the stream did not: a server-side cut, not an answer (docs/metrics.md).
        deliver(Status.CONNECTION_LOST, end, null, "stream ended without " + reader.expectedEnd() + shape(outcome), outcome);
      } else if (!outcome.answered()) {
        // Ended normally with nothing to show: kept apart so it is never a silent "ok" without a ttft.
        deliver(Status.EMPTY_ANSWER, end, null, emptyAnswer(outcome), outcome);
      } else {
        deliver(Status.OK, end, null, null, outcome);
      }
      return;
    }
    ErrorBody err = ErrorBody.parse(errorBody.toByteArray());
    Status status =
        httpStatus == 429 ? Status.THROTTLED : err.contentFilter() ? Status.CONTENT_FILTERED : Status.HTTP_ERROR;
    String message = "HTTP " + httpStatus + (err.message() == null ? "" : ": " + err.message());
    deliver(status, now, err.code(), message, null);
  }

  /** "answer ended with no visible content (finish_reason length, after reasoning)". */
  private static String emptyAnswer(ChatOutcome outcome) {
    return "answer ended with no visible content (finish_reason "
        + (outcome.finishReason() == null ? "none" : outcome.finishReason())
        + (outcome.reasoned() ? ", after reasoning" : "") + ")" + shape(outcome);
  }

  /**
   * When nothing was read and some events were not chat-completion chunks, what they looked like:
   * the shape the suite cannot read is named rather than blamed on the connection.
   */
  private static String shape(ChatOutcome outcome) {
    return outcome.answered() || outcome.unknownShape() == null ? ""
        : "; " + outcome.unknownShape() + ": not an OpenAI chat-completions stream";
  }

  /** Ends the exchange with {@code status} detected at {@code now} (timeouts, lost connection, connect failures). */
  void fail(Status status, String message, long now) {
    deliver(status, now, null, message, reader == null ? null : reader.outcome());
  }

  /** Delivers the result once; {@code outcome} is what the body reader read, null without a 2xx body. */
  private void deliver(Status status, long end, String errorCode, String message, ChatOutcome outcome) {
    if (!delivered.compareAndSet(false, true)) {
      return;
    }
    cancel(firstTokenTimer);
    cancel(totalTimer);
    ChatResult result =
        new ChatResult(
            request.requestId(),
            status,
            written,
            written ? writtenNanos : attemptNanos,
            written ? writtenEpochMicros : attemptEpochMicros,
            end,
            httpStatus,
            Secret.redact(errorCode),
            Secret.redact(message),
            rateLimit,
            outcome);
    callback.accept(result);
  }

  boolean delivered() {
    return delivered.get();
  }

  boolean written() {
    return written;
  }

  /** True while the response has not shown its first content (no head yet, or a 2xx without content). */
  boolean awaitingFirstContent() {
    return httpStatus == null || (reader != null && !reader.hasFirstContent());
  }

  /** Whether the connection can carry another request once this response has fully arrived. */
  boolean reusable() {
    return bodyComplete && keepAlive;
  }

  boolean bodyComplete() {
    return bodyComplete;
  }

  boolean is2xx() {
    return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }
}
