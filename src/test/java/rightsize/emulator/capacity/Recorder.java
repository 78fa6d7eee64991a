package rightsize.emulator.capacity;

import java.util.ArrayList;
import java.util.List;

/** A generation listener that remembers every callback and its virtual time. */
final class Recorder implements GenerationListener {
  private final Scheduler clock;
  Long startedAt;
  Long prefillStart;
  Long prefillEnd;
  final List<long[]> chunks = new ArrayList<>(); // from, to, scheduled, now
  Long finishedAt;
  Rejection rejection;
  Long rejectedAt;
  Long timedOutAt;

  Recorder(Scheduler clock) {
    this.clock = clock;
  }

  @Override
  public void onStarted(long nowNanos, long prefillStartNanos, long prefillEndNanos) {
    startedAt = nowNanos;
    prefillStart = prefillStartNanos;
    prefillEnd = prefillEndNanos;
  }

  @Override
  public void onChunk(int fromToken, int toToken, long scheduledNanos) {
    chunks.add(new long[] {fromToken, toToken, scheduledNanos, clock.nanoTime()});
  }

  @Override
  public void onFinished(long scheduledNanos) {
    finishedAt = scheduledNanos;
  }

  @Override
  public void onRejected(Rejection r) {
    rejection = r;
    rejectedAt = clock.nanoTime();
  }

  @Override
  public void onTimedOut() {
    timedOutAt = clock.nanoTime();
  }

  long firstChunkAt() {
    return chunks.get(0)[2];
  }

  /** Gap between the scheduled times of chunk i-1 and chunk i. */
  long gap(int i) {
    return chunks.get(i)[2] - chunks.get(i - 1)[2];
  }
}
