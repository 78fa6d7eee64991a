package rightsize.emulator.capacity;

/**
 * What the capacity model tells the front end about one request as it progresses. Called on the
 * scheduler's thread; the listener may cancel its generation from inside any callback.
 */
public interface GenerationListener {

  /**
   * The request left the queue at {@code nowNanos} and holds a slot on an instance; its prompt is
   * processed from {@code prefillStartNanos} to {@code prefillEndNanos}.
   */
  void onStarted(long nowNanos, long prefillStartNanos, long prefillEndNanos);

  /** Output tokens {@code [fromToken, toToken)} are ready; this chunk was due at {@code scheduledNanos}. */
  void onChunk(int fromToken, int toToken, long scheduledNanos);

  /** The last token is out; the response ends now (due at {@code scheduledNanos}). */
  void onFinished(long scheduledNanos);

  /** The request was refused before it started (429, or 408 while still queued). */
  void onRejected(Rejection rejection);

  /** The deployment's request timeout passed while the request was being served. */
  void onTimedOut();
}
