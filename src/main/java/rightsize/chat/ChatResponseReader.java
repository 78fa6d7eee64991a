package rightsize.chat;

import java.nio.ByteBuffer;

/**
 * Reads the body of one chat-completion response as it arrives (SSE stream or a single JSON
 * document) and timestamps every content-bearing event.
 *
 * <p>Not thread-safe: one instance per response, fed from the connection's event loop.
 */
public final class ChatResponseReader {

  /** Creates a reader for a streaming (SSE) body when {@code streaming}, else for one JSON body. */
  public ChatResponseReader(boolean streaming) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Feeds the next bytes of the body, received at {@code nowNanos} (System.nanoTime). */
  public void onBytes(ByteBuffer bytes, long nowNanos) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Marks the end of the body at {@code nowNanos}. */
  public void onEnd(long nowNanos) {
    throw new UnsupportedOperationException("TODO");
  }

  /** True once a streaming body has sent {@code [DONE]}: the response is complete. */
  public boolean done() {
    throw new UnsupportedOperationException("TODO");
  }

  /** True once the first content-bearing event has arrived. */
  public boolean hasFirstContent() {
    throw new UnsupportedOperationException("TODO");
  }

  /** What was read so far. */
  public ChatOutcome outcome() {
    throw new UnsupportedOperationException("TODO");
  }
}
