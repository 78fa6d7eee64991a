package rightsize.injector;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How late a group of event loops ran the probe ticks due on them (one tick per loop every {@value
 * LoopLagProbe#PERIOD_MS} ms), over a second or summed over a step: how many ticks were due, how
 * many ran more than each of {@link #EDGES_MS} late, and the latest. A tick stands for its slice of
 * time, so the counts are shares of time during which a response arriving would have waited that
 * long for its loop.
 *
 * @param loops how many loops the group has
 * @param ticks probe ticks due (and run) on them
 * @param maxMs the latest tick, in milliseconds
 * @param overMs ticks later than each edge, keyed by the edge in whole milliseconds ("1", "2", "5"
 *     ...); edges no tick passed are left out
 */
public record LoopLag(
    @JsonProperty("loops") int loops,
    @JsonProperty("ticks") long ticks,
    @JsonProperty("max_ms") double maxMs,
    @JsonProperty("over_ms") Map<String, Long> overMs) {

  /** The lags whose share of time is counted, in milliseconds. */
  public static final List<Integer> EDGES_MS = List.of(1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000);

  public LoopLag {
    overMs = overMs == null ? Map.of() : Map.copyOf(overMs);
  }

  /** Ticks more than {@code edgeMs} late (an edge of {@link #EDGES_MS}). */
  public long over(int edgeMs) {
    return overMs.getOrDefault(Integer.toString(edgeMs), 0L);
  }

  /** This and {@code other} together (the same group over more time, or more loops at once). */
  public LoopLag plus(LoopLag other) {
    if (other == null) {
      return this;
    }
    Map<String, Long> sum = new LinkedHashMap<>();
    for (int e : EDGES_MS) {
      long n = over(e) + other.over(e);
      if (n > 0) {
        sum.put(Integer.toString(e), n);
      }
    }
    return new LoopLag(Math.max(loops, other.loops), ticks + other.ticks, Math.max(maxMs, other.maxMs), sum);
  }

  /**
   * The lag exceeded during a share {@code 1 - q} of the time, in milliseconds: with {@code q = 0.99},
   * about how much the client's own delay may have added to a p99. Interpolated between the edges
   * around it (linearly in the share of ticks), never above {@link #maxMs()}; 0 without ticks.
   */
  public double quantileMs(double q) {
    if (ticks == 0) {
      return 0;
    }
    double allowed = (1 - q) * ticks;
    double prevEdge = 0;
    double prevOver = ticks;
    for (int e : EDGES_MS) {
      long over = over(e);
      if (over <= allowed) {
        double at = prevOver == over ? e : prevEdge + (e - prevEdge) * (prevOver - allowed) / (prevOver - over);
        return Math.min(maxMs, at);
      }
      prevEdge = e;
      prevOver = over;
    }
    return maxMs;
  }
}
