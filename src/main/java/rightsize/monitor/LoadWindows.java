package rightsize.monitor;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import rightsize.record.RequestRecord;

/**
 * When each deployment was under load, from a run's records as they are written: its first
 * request's start to its last request's end, warm-up included (its grains lie outside every
 * measured step, so the report leaves them out). Thread-safe: records arrive from many users.
 */
public final class LoadWindows {
  /** A deployment's load, from {@code start} to {@code end}. */
  public record Window(Instant start, Instant end) {}

  private final Map<String, long[]> micros = new HashMap<>();

  /** Widens {@code r}'s deployment's window to hold {@code r}. */
  public synchronized void add(RequestRecord r) {
    long start = r.startEpochMicros();
    long end = start + (long) Math.ceil(r.e2eMs() * 1000);
    long[] w = micros.get(r.deployment());
    if (w == null) {
      micros.put(r.deployment(), new long[] {start, end});
    } else {
      w[0] = Math.min(w[0], start);
      w[1] = Math.max(w[1], end);
    }
  }

  /** {@code deployment}'s window, or empty when it had no request. */
  public synchronized Optional<Window> of(String deployment) {
    long[] w = micros.get(deployment);
    return w == null ? Optional.empty() : Optional.of(new Window(instant(w[0]), instant(w[1])));
  }

  private static Instant instant(long epochMicros) {
    return Instant.ofEpochSecond(0, epochMicros * 1_000L);
  }
}
