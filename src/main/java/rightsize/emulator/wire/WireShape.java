package rightsize.emulator.wire;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import rightsize.emulator.truth.ChunkKind;

/**
 * One wire format the emulator speaks on a deployment: how a request body is read and how the
 * same generated tokens are framed into an answer. The pipeline (capacity model, timing, ground
 * truth) is the same for every format; only the bytes differ.
 */
interface WireShape {

  /** Reads a request body (with its headers), or throws {@link ChatRequest.Invalid}. */
  ChatRequest read(byte[] body, HttpHeaders headers) throws ChatRequest.Invalid;

  /** The answer to a request {@link #read} refused. */
  Refusal refuse(ChatRequest.Invalid invalid);

  /** The answer of the http-424 fault: the model (or flow) failed. */
  Refusal modelError();

  /** The events and body of one answer with id {@code id}, created at {@code created} (epoch s). */
  Framing framing(String id, long created, ChatRequest request);

  /** An error answer: status, JSON body and extra headers. */
  record Refusal(int status, byte[] body, Map<String, String> headers) {}

  /** One SSE event and what it carries, for the ground truth. */
  record Event(ChunkKind kind, byte[] bytes) {}

  /**
   * One answer's bytes at each point of the pipeline; a point a format has no event for answers
   * null.
   */
  interface Framing {
    /** Whether the server closes the connection after a stream (a prompt flow does). */
    default boolean closesAfterStream() {
      return false;
    }

    /** Sent when the request takes its slot, before any token. */
    Event opening();

    /** Sent just before the first content event. */
    Event beforeFirstContent();

    /** The content events, whole or cut in the middle of the text (the malformed-chunk fault). */
    SseText contentEvents();

    /** Sent after the last content event. */
    Event finish(String finishReason);

    /** The token counts, when the format reports them. */
    Event usage(int promptTokens, int completionTokens);

    /** The end-of-stream marker, or null when the end of the body is the end. */
    byte[] end();

    /** A whole non-streaming answer. */
    byte[] body(String text, String finishReason, int promptTokens, int completionTokens);
  }
}
