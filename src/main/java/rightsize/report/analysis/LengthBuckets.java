package rightsize.report.analysis;

import java.util.ArrayList;
import java.util.List;
import rightsize.analysis.LatencyHistogram;
import rightsize.analysis.LatencySummary;
import rightsize.record.RequestRecord;
import rightsize.report.model.LengthSensitivity;

/**
 * The length figures of some successful requests as they stream by: ttft by input-token bucket and
 * e2e by output-token bucket, and the running sums of both least-squares lines.
 */
final class LengthBuckets {
  /** Lower bounds of the token buckets; the last bucket is open-ended. */
  static final int[] BOUNDS = {0, 128, 256, 512, 1024, 2048, 4096, 8192, 16384};

  private final Bucket[] input = newBuckets();
  private final Bucket[] output = newBuckets();
  private final LeastSquares ttftByInput = new LeastSquares();
  private final LeastSquares e2eByOutput = new LeastSquares();

  private static final class Bucket {
    // Two significant digits: many of these are kept (two sets per step), 0.5% is precise enough here.
    final LatencyHistogram latency = new LatencyHistogram(2);
    long tokenSum;
  }

  /** Adds a request; only successful ones with token counts are used. */
  void add(RequestRecord record) {
    if (!record.status().isOk() || record.tokens() == null) {
      return;
    }
    Integer prompt = record.tokens().prompt();
    if (prompt != null && record.ttftMs() != null) {
      Bucket b = input[bucketOf(prompt)];
      b.latency.record(record.ttftMs());
      b.tokenSum += prompt;
      ttftByInput.add(prompt, record.ttftMs());
    }
    Integer completion = record.tokens().completion();
    if (completion != null) {
      Bucket b = output[bucketOf(completion)];
      b.latency.record(record.e2eMs());
      b.tokenSum += completion;
      e2eByOutput.add(completion, record.e2eMs());
    }
  }

  /** Adds everything {@code other} holds. */
  void addAll(LengthBuckets other) {
    for (int i = 0; i < BOUNDS.length; i++) {
      input[i].latency.addAll(other.input[i].latency);
      input[i].tokenSum += other.input[i].tokenSum;
      output[i].latency.addAll(other.output[i].latency);
      output[i].tokenSum += other.output[i].tokenSum;
    }
    ttftByInput.addAll(other.ttftByInput);
    e2eByOutput.addAll(other.e2eByOutput);
  }

  /** The non-empty buckets and both fits. */
  LengthSensitivity table(String basis) {
    return new LengthSensitivity(basis, rows(input), ttftByInput.fit(), rows(output), e2eByOutput.fit());
  }

  private static List<LengthSensitivity.Row> rows(Bucket[] buckets) {
    List<LengthSensitivity.Row> rows = new ArrayList<>();
    for (int i = 0; i < buckets.length; i++) {
      long n = buckets[i].latency.count();
      if (n > 0) {
        rows.add(new LengthSensitivity.Row(BOUNDS[i], i + 1 < BOUNDS.length ? BOUNDS[i + 1] : null,
            (double) buckets[i].tokenSum / n, LatencySummary.of(buckets[i].latency)));
      }
    }
    return rows;
  }

  private static int bucketOf(int tokens) {
    int i = BOUNDS.length - 1;
    while (i > 0 && tokens < BOUNDS[i]) {
      i--;
    }
    return i;
  }

  private static Bucket[] newBuckets() {
    Bucket[] buckets = new Bucket[BOUNDS.length];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new Bucket();
    }
    return buckets;
  }
}
