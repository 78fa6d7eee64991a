package rightsize.chat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import rightsize.config.WireFormatSettings;
import rightsize.sse.SseDecoder;

/**
 * Reads the body of one chat response as it arrives (SSE stream or a single JSON document), in the
 * deployment's wire format, and timestamps every content-bearing event.
 *
 * <p>Streaming: an event's arrival time is the {@code nowNanos} of the read that completed it (its
 * terminating blank line), and the response ends at the format's end marker ({@code [DONE]}) or,
 * without one, at {@link #onEnd}. Non-streaming: the body is parsed when it ends, so its content
 * "arrives" at {@link #onEnd}; the outcome says it was not streamed.
 *
 * <p>Not thread-safe: one instance per response, fed from the connection's event loop.
 */
public final class ChatResponseReader {

  private final AnswerInterpreter interpreter;
  /** The SSE decoder of a streaming body; null for a non-streaming one. */
  private final SseDecoder decoder;
  /** A non-streaming body, gathered until it ends. */
  private byte[] body;
  private int bodyLength;
  /** Arrival time of the read being decoded, for the events it completes. */
  private long readNanos;
  private boolean ended;

  /** Creates a reader of OpenAI chat completions: a streaming (SSE) body when {@code streaming}, else one JSON body. */
  public ChatResponseReader(boolean streaming) {
    this(streaming, new WireFormatSettings.OpenAiChat());
  }

  /** Creates a reader of answers in {@code format}: a streaming (SSE) body when {@code streaming}, else one JSON body. */
  public ChatResponseReader(boolean streaming, WireFormatSettings format) {
    interpreter = AnswerInterpreter.of(format);
    if (streaming) {
      decoder = new SseDecoder((type, data, length, id) -> interpreter.onEvent(data, length, readNanos));
    } else {
      decoder = null;
      body = new byte[4096];
    }
  }

  /**
   * Reads a made-up streamed and JSON answer in {@code format} on the calling thread, so that the
   * classes the format's reader needs are loaded before any answer is timed: in a cold JVM the
   * first answer read otherwise waits for them, and its ttft with it.
   */
  public static void warmUp(WireFormatSettings format) {
    for (boolean streaming : new boolean[] {true, false}) {
      ChatResponseReader reader = new ChatResponseReader(streaming, format);
      byte[] body = (streaming ? "data: {\"x\": \"\"}\n\n" : "{\"x\": \"\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      reader.onBytes(ByteBuffer.wrap(body), 0);
      reader.onEnd(0);
      reader.outcome();
    }
  }

  /**
   * Feeds the next bytes of the body, received at {@code nowNanos} (System.nanoTime). Reads the
   * buffer's remaining bytes without changing its position.
   */
  public void onBytes(ByteBuffer bytes, long nowNanos) {
    if (ended) {
      throw new IllegalStateException("response body already ended: create a new ChatResponseReader per response");
    }
    if (decoder != null) {
      readNanos = nowNanos;
      decoder.feed(bytes);
      return;
    }
    int n = bytes.remaining();
    if (bodyLength + n > body.length) {
      body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
    }
    bytes.get(bytes.position(), body, bodyLength, n);
    bodyLength += n;
  }

  /** Marks the end of the body at {@code nowNanos}. Later calls are ignored. */
  public void onEnd(long nowNanos) {
    if (ended) {
      return;
    }
    ended = true;
    if (decoder != null) {
      readNanos = nowNanos;
      decoder.end();
      interpreter.onEnd(nowNanos);
    } else {
      interpreter.onDocument(body, bodyLength, nowNanos);
      body = null;
    }
  }

  /**
   * True once the response is complete: a streaming body has sent its end marker ({@code [DONE]}),
   * or ended where the format ends at the end of the body, or a non-streaming body has ended.
   */
  public boolean done() {
    return interpreter.done();
  }

  /** True once the first content-bearing event has arrived. */
  public boolean hasFirstContent() {
    return interpreter.hasFirstContent();
  }

  /** What was read so far. */
  public ChatOutcome outcome() {
    return interpreter.outcome();
  }

  /** What a complete stream of this format ends with, for the message of one cut short. */
  public String expectedEnd() {
    return interpreter.expectedEnd();
  }

  /** The interpreter's diagnostics, for tests that compare them with recorded streams. */
  AnswerInterpreter interpreter() {
    return interpreter;
  }

  /** The OpenAI interpreter's diagnostics, for tests of OpenAI streams. */
  ChunkInterpreter chunks() {
    return (ChunkInterpreter) interpreter;
  }
}
