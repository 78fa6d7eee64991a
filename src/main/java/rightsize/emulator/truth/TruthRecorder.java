package rightsize.emulator.truth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects what the emulator does for one request while it does it: every write, or, without
 * {@code keepChunks}, only their count and lateness (so a long run's memory does not grow with its
 * chunks). Written by the emulator's event loop, read by tests from any thread: every method is
 * synchronized.
 */
public final class TruthRecorder {
  private final GroundTruth owner;
  private final long seq;
  private final String requestId;
  private final String route;
  private final long arrivalNanos;

  private String deployment;
  private boolean stream;
  private Long startNanos;
  private Long prefillStartNanos;
  private Long prefillEndNanos;
  private Long firstContentNanos;
  private Long endNanos;
  private int promptTokens;
  private int maxTokens;
  private int plannedCompletionTokens;
  private int sentCompletionTokens;
  private Integer httpStatus;
  private Outcome outcome = Outcome.IN_PROGRESS;
  private String fault;

  private final boolean keepChunks;
  private int chunkCount;
  private Long firstContentScheduledNanos;
  private long maxLateNanos;
  private long totalLateNanos;
  private byte[] kinds;
  private int[] tokens;
  private long[] scheduled;
  private long[] sent;

  TruthRecorder(GroundTruth owner, long seq, String requestId, String route, long arrivalNanos, boolean keepChunks) {
    this.owner = owner;
    this.keepChunks = keepChunks;
    if (keepChunks) {
      kinds = new byte[8];
      tokens = new int[8];
      scheduled = new long[8];
      sent = new long[8];
    }
    this.seq = seq;
    this.requestId = requestId;
    this.route = route;
    this.arrivalNanos = arrivalNanos;
  }

  public long seq() {
    return seq;
  }

  public String requestId() {
    return requestId;
  }

  /** Names what was asked: the deployment, whether streamed, and the token budget. */
  public synchronized void request(
      String deployment, boolean stream, int promptTokens, int maxTokens, int plannedCompletionTokens) {
    this.deployment = deployment;
    this.stream = stream;
    this.promptTokens = promptTokens;
    this.maxTokens = maxTokens;
    this.plannedCompletionTokens = plannedCompletionTokens;
  }

  public synchronized void fault(String fault) {
    this.fault = fault;
  }

  public synchronized void started(long startNanos, long prefillStartNanos, long prefillEndNanos) {
    this.startNanos = startNanos;
    this.prefillStartNanos = prefillStartNanos;
    this.prefillEndNanos = prefillEndNanos;
  }

  public synchronized void status(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** Records one write of {@code kind} carrying {@code contentTokens}, due at {@code scheduledNanos}, made at {@code sentNanos}. */
  public synchronized void chunk(ChunkKind kind, int contentTokens, long scheduledNanos, long sentNanos) {
    if (keepChunks) {
      if (chunkCount == kinds.length) {
        int n = chunkCount * 2;
        kinds = Arrays.copyOf(kinds, n);
        tokens = Arrays.copyOf(tokens, n);
        scheduled = Arrays.copyOf(scheduled, n);
        sent = Arrays.copyOf(sent, n);
      }
      kinds[chunkCount] = (byte) kind.ordinal();
      tokens[chunkCount] = contentTokens;
      scheduled[chunkCount] = scheduledNanos;
      sent[chunkCount] = sentNanos;
    }
    chunkCount++;
    long late = sentNanos - scheduledNanos;
    maxLateNanos = Math.max(maxLateNanos, late);
    totalLateNanos += late;
    if ((kind == ChunkKind.CONTENT || kind == ChunkKind.BODY) && contentTokens > 0) {
      sentCompletionTokens += contentTokens;
      if (firstContentNanos == null) {
        firstContentNanos = sentNanos;
        firstContentScheduledNanos = scheduledNanos;
      }
    }
  }

  /** How many writes this recorder holds one by one: all of them, or none without {@code keepChunks}. */
  synchronized int retainedChunks() {
    return keepChunks ? chunkCount : 0;
  }

  /** The request ended at {@code nanos} with {@code outcome}; later calls are ignored. */
  public synchronized void end(Outcome outcome, long nanos) {
    if (this.outcome != Outcome.IN_PROGRESS) {
      return;
    }
    this.outcome = outcome;
    this.endNanos = nanos;
  }

  /** An immutable copy of what was recorded so far. */
  public synchronized RequestTruth snapshot(boolean withChunks) {
    List<ChunkTruth> chunks = new ArrayList<>(withChunks && keepChunks ? chunkCount : 0);
    if (withChunks && keepChunks) {
      ChunkKind[] all = ChunkKind.values();
      for (int i = 0; i < chunkCount; i++) {
        chunks.add(new ChunkTruth(all[kinds[i]], tokens[i], scheduled[i], sent[i], owner.epochMicros(sent[i])));
      }
    }
    return new RequestTruth(
        seq,
        requestId,
        deployment,
        route,
        stream,
        arrivalNanos,
        owner.epochMicros(arrivalNanos),
        startNanos,
        prefillStartNanos,
        prefillEndNanos,
        List.copyOf(chunks),
        chunkCount,
        maxLateNanos,
        chunkCount == 0 ? 0 : totalLateNanos / chunkCount,
        firstContentScheduledNanos,
        firstContentNanos,
        firstContentNanos == null ? null : owner.epochMicros(firstContentNanos),
        endNanos,
        endNanos == null ? null : owner.epochMicros(endNanos),
        promptTokens,
        maxTokens,
        plannedCompletionTokens,
        sentCompletionTokens,
        httpStatus,
        outcome,
        fault);
  }
}
