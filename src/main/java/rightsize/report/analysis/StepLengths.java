package rightsize.report.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import rightsize.analysis.StepKey;
import rightsize.record.RequestRecord;
import rightsize.report.model.LengthSensitivity;

/**
 * How latency grows with request length, kept per step while a run's records stream by, and
 * pooled over the steps the report chooses for each deployment.
 */
public final class StepLengths {
  private final Map<StepKey, LengthBuckets> steps = new HashMap<>();

  /** Adds a measured request of step {@code key}; only successful ones with token counts are used. */
  public void add(StepKey key, RequestRecord record) {
    steps.computeIfAbsent(key, k -> new LengthBuckets()).add(record);
  }

  /** The buckets and fitted lines over every request of {@code pooled}, described by {@code basis}. */
  public LengthSensitivity pooled(List<StepKey> pooled, String basis) {
    LengthBuckets merged = new LengthBuckets();
    pooled.forEach(key -> {
      LengthBuckets b = steps.get(key);
      if (b != null) {
        merged.addAll(b);
      }
    });
    return merged.table(basis);
  }
}
