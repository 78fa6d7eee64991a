package rightsize.emulator.capacity;

/**
 * One request's progress through a deployment: queued, prefilling and decoding, then finished or
 * cancelled. Produces its output in chunks on the scheduler, each timed by the per-stream decode
 * rate of its instance at the moment the previous chunk went out.
 */
public final class Generation {

  private enum State { NEW, QUEUED, RUNNING, DONE }

  private final long arrivalNanos;
  private final int promptTokens;
  private final int completionTokens;
  private final int maxTokens;
  private final int tokensPerChunk;
  private final GenerationListener listener;

  private State state = State.NEW;
  private Owner owner;
  private Scheduler scheduler;
  private Instance instance;
  private Scheduler.Timer timer;
  private long nextChunkAt;
  private int nextChunkSize;
  /** One task object for all of this generation's chunk timers (they run every few milliseconds). */
  private final Runnable chunkDue = this::chunkDue;
  private int produced;
  private long pendingDelayNanos;
  private RateLimitStatus rateLimit;

  /**
   * A generation of {@code completionTokens} output tokens for a prompt of {@code promptTokens},
   * arrived at {@code arrivalNanos}; {@code maxTokens} is what the request allowed (counted up front
   * by rate limits), and output is released {@code tokensPerChunk} tokens at a time.
   */
  public Generation(
      long arrivalNanos,
      int promptTokens,
      int completionTokens,
      int maxTokens,
      int tokensPerChunk,
      GenerationListener listener) {
    if (completionTokens < 1 || tokensPerChunk < 1) {
      throw new IllegalArgumentException("completion tokens and tokens per chunk must be >= 1");
    }
    this.arrivalNanos = arrivalNanos;
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
    this.maxTokens = maxTokens;
    this.tokensPerChunk = tokensPerChunk;
    this.listener = listener;
  }

  public long arrivalNanos() {
    return arrivalNanos;
  }

  public int promptTokens() {
    return promptTokens;
  }

  public int completionTokens() {
    return completionTokens;
  }

  public int maxTokens() {
    return maxTokens;
  }

  /** Remaining pay-per-token quota when this request was admitted, or null. */
  public RateLimitStatus rateLimit() {
    return rateLimit;
  }

  /** Whether the generation holds a slot and is still producing. */
  public boolean running() {
    return state == State.RUNNING;
  }

  /** Holds the next chunk back by {@code nanos} more (the stall fault); the slot stays taken. */
  public void delayNextChunk(long nanos) {
    pendingDelayNanos += nanos;
  }

  /**
   * Abandons the request (client gone, connection cut): leaves the queue or frees the slot. No
   * listener callback follows.
   */
  public void cancel() {
    if (state == State.QUEUED) {
      state = State.DONE;
      owner.released(this, true);
    } else if (state == State.RUNNING) {
      stopRunning();
      owner.released(this, false);
    }
  }

  // ---- used by the deployment models ----

  /** Who admitted a generation and must hear when it leaves. */
  interface Owner {
    void released(Generation generation, boolean fromQueue);
  }

  void admitted(Owner owner, Scheduler scheduler, RateLimitStatus rateLimit) {
    this.owner = owner;
    this.scheduler = scheduler;
    this.rateLimit = rateLimit;
    this.state = State.QUEUED;
  }

  boolean queued() {
    return state == State.QUEUED;
  }

  GenerationListener listener() {
    return listener;
  }

  /** Leaves the queue without a slot (the deployment tells the listener why). */
  void dropFromQueue() {
    state = State.DONE;
  }

  /** Stops producing and gives the slot back, without telling the owner. */
  void stopRunning() {
    state = State.DONE;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    instance.free(scheduler.nanoTime());
  }

  /** Takes a slot on {@code on} at {@code now}: prefill, then the first chunk. */
  void start(Instance on, long now) {
    state = State.RUNNING;
    instance = on;
    instance.take(now);
    ServingProfile profile = on.profile;
    long step = profile.serialStepNanos(promptTokens);
    long prefillStart = profile.serialPrefill() ? on.bookSerialStep(now, step) : now;
    long prefillEnd = prefillStart + step;
    listener.onStarted(now, prefillStart, prefillEnd);
    if (state != State.RUNNING) {
      return;
    }
    // The first token comes out of the prefill step itself; the rest of the first chunk is decoded.
    // A stall asked for when it started (onStarted) holds back the first chunk.
    int first = Math.min(tokensPerChunk, completionTokens);
    nextChunkAt = prefillEnd + profile.firstTokenNanos(promptTokens) + decodeNanos(first - 1) + pendingDelayNanos;
    pendingDelayNanos = 0;
    scheduleChunk(first);
  }

  private long decodeNanos(int tokens) {
    if (tokens <= 0) {
      return 0;
    }
    return Math.round(tokens * 1e9 / instance.profile.perStreamDecodeRate(instance.active()));
  }

  private void scheduleChunk(int size) {
    nextChunkSize = size;
    timer = scheduler.schedule(chunkDue, nextChunkAt);
  }

  private void chunkDue() {
    int size = nextChunkSize;
    timer = null;
    if (state != State.RUNNING) {
      return;
    }
    int from = produced;
    produced += size;
    listener.onChunk(from, produced, nextChunkAt);
    if (state != State.RUNNING) {
      return;
    }
    if (produced >= completionTokens) {
      listener.onFinished(nextChunkAt);
      if (state == State.RUNNING) {
        stopRunning();
        owner.released(this, false);
      }
      return;
    }
    int next = Math.min(tokensPerChunk, completionTokens - produced);
    // Scheduled from the previous due time, not the send time, so lateness never accumulates.
    nextChunkAt += decodeNanos(next) + pendingDelayNanos;
    pendingDelayNanos = 0;
    scheduleChunk(next);
  }
}
