package rightsize.analysis;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import rightsize.record.RequestRecord;

/**
 * Routes the requests of a run to the {@link StepStats} of their step, leaving warm-up requests
 * out; safe to feed from several threads, and mergeable with other injectors' aggregates.
 */
public final class StepAggregator {
  private final ConcurrentMap<StepKey, StepStats> steps = new ConcurrentHashMap<>();

  /** Adds {@code record} to its step; returns false (and ignores it) for a warm-up request. */
  public boolean add(RequestRecord record) {
    if (record.warmup()) {
      return false;
    }
    stats(StepKey.of(record)).add(record);
    return true;
  }

  /** The statistics of {@code key}, created empty when the step has no request yet. */
  public StepStats stats(StepKey key) {
    return steps.computeIfAbsent(key, StepStats::new);
  }

  /** Adds every step of {@code other} (another injector's requests) to this aggregate. */
  public void merge(StepAggregator other) {
    other.steps.forEach((key, stats) -> stats(key).merge(stats));
  }

  /** The steps seen so far, ordered by deployment then ascending load; a snapshot of the keys. */
  public SortedMap<StepKey, StepStats> steps() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(steps));
  }
}
