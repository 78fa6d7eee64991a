package rightsize.analysis;

import java.util.EnumMap;
import java.util.Map;
import rightsize.metrics.RequestMetrics;
import rightsize.record.RequestRecord;
import rightsize.record.Status;

/**
 * Accumulates the requests of one step into histograms and counters; safe to feed from several
 * threads while a run is live, and mergeable with the same step measured by other injectors.
 */
public final class StepStats {
  private final StepKey key;
  private final LatencyHistogram ttft = new LatencyHistogram();
  private final LatencyHistogram tpot = new LatencyHistogram();
  private final LatencyHistogram e2e = new LatencyHistogram();
  private final LatencyHistogram firstReasoning = new LatencyHistogram();
  private final LatencyHistogram reasoningDuration = new LatencyHistogram();
  private long reasoningRequests;
  private long reasoningTokens;
  private final long[] statusCounts = new long[Status.values().length];
  private long requests;
  private long notStreamed;
  private long promptTokens;
  private long cachedTokens;
  private long completionTokens;
  private long firstStartMicros = Long.MAX_VALUE;
  private long lastEndMicros = Long.MIN_VALUE;

  public StepStats(StepKey key) {
    this.key = key;
  }

  public StepKey key() {
    return key;
  }

  /** Adds one request of this step; throws when the record belongs to another step. */
  public void add(RequestRecord record) {
    if (!key.equals(StepKey.of(record))) {
      throw new IllegalArgumentException(
          "record of step " + StepKey.of(record) + " added to the statistics of " + key);
    }
    long endMicros = record.startEpochMicros() + Math.round(record.e2eMs() * 1000);
    RequestMetrics metrics = RequestMetrics.of(record);
    Double tpotMs = metrics.tpotMs();
    Double reasoningDurationMs = metrics.reasoningDurationMs();
    synchronized (this) {
      requests++;
      statusCounts[record.status().ordinal()]++;
      firstStartMicros = Math.min(firstStartMicros, record.startEpochMicros());
      lastEndMicros = Math.max(lastEndMicros, endMicros);
      if (!record.status().isOk()) {
        return;
      }
      e2e.record(record.e2eMs());
      if (record.notStreamed()) {
        notStreamed++;
      }
      if (record.ttftMs() != null) {
        ttft.record(record.ttftMs());
      }
      if (tpotMs != null) {
        tpot.record(tpotMs);
      }
      RequestRecord.Tokens tokens = record.tokens();
      if (tokens != null) {
        promptTokens += valueOrZero(tokens.prompt());
        cachedTokens += valueOrZero(tokens.cached());
        completionTokens += valueOrZero(tokens.completion());
      }
      long reasoned = tokens == null ? 0 : valueOrZero(tokens.reasoning());
      if (record.firstReasoningMs() != null || reasoned > 0) {
        reasoningRequests++;
        reasoningTokens += reasoned;
      }
      if (record.firstReasoningMs() != null) {
        firstReasoning.record(record.firstReasoningMs());
      }
      if (reasoningDurationMs != null) {
        reasoningDuration.record(reasoningDurationMs);
      }
    }
  }

  /** Adds everything {@code other} holds (the same step measured elsewhere) to this step. */
  public void merge(StepStats other) {
    if (!key.equals(other.key)) {
      throw new IllegalArgumentException("cannot merge step " + other.key + " into " + key);
    }
    // Copy the other side under its own lock first, so two merges in opposite directions never deadlock.
    StepStats copy = other.copy();
    synchronized (this) {
      requests += copy.requests;
      notStreamed += copy.notStreamed;
      for (int i = 0; i < statusCounts.length; i++) {
        statusCounts[i] += copy.statusCounts[i];
      }
      promptTokens += copy.promptTokens;
      cachedTokens += copy.cachedTokens;
      completionTokens += copy.completionTokens;
      firstStartMicros = Math.min(firstStartMicros, copy.firstStartMicros);
      lastEndMicros = Math.max(lastEndMicros, copy.lastEndMicros);
      ttft.addAll(copy.ttft);
      tpot.addAll(copy.tpot);
      e2e.addAll(copy.e2e);
      reasoningRequests += copy.reasoningRequests;
      reasoningTokens += copy.reasoningTokens;
      firstReasoning.addAll(copy.firstReasoning);
      reasoningDuration.addAll(copy.reasoningDuration);
    }
  }

  /** The step's figures as of now. */
  public synchronized StepSummary summary() {
    Map<Status, Long> counts = new EnumMap<>(Status.class);
    for (Status status : Status.values()) {
      if (statusCounts[status.ordinal()] > 0) {
        counts.put(status, statusCounts[status.ordinal()]);
      }
    }
    boolean empty = requests == 0;
    return new StepSummary(
        key,
        requests,
        statusCounts[Status.OK.ordinal()],
        statusCounts[Status.THROTTLED.ordinal()],
        counts,
        promptTokens,
        cachedTokens,
        completionTokens,
        empty ? 0 : firstStartMicros,
        empty ? 0 : lastEndMicros,
        LatencySummary.of(ttft),
        LatencySummary.of(tpot),
        LatencySummary.of(e2e),
        new StepSummary.Reasoning(reasoningRequests, reasoningTokens, LatencySummary.of(firstReasoning),
            LatencySummary.of(reasoningDuration)),
        notStreamed);
  }

  private synchronized StepStats copy() {
    StepStats copy = new StepStats(key);
    copy.requests = requests;
    copy.notStreamed = notStreamed;
    System.arraycopy(statusCounts, 0, copy.statusCounts, 0, statusCounts.length);
    copy.promptTokens = promptTokens;
    copy.cachedTokens = cachedTokens;
    copy.completionTokens = completionTokens;
    copy.firstStartMicros = firstStartMicros;
    copy.lastEndMicros = lastEndMicros;
    copy.ttft.addAll(ttft);
    copy.tpot.addAll(tpot);
    copy.e2e.addAll(e2e);
    copy.reasoningRequests = reasoningRequests;
    copy.reasoningTokens = reasoningTokens;
    copy.firstReasoning.addAll(firstReasoning);
    copy.reasoningDuration.addAll(reasoningDuration);
    return copy;
  }

  private static long valueOrZero(Integer value) {
    return value == null ? 0 : value;
  }
}
