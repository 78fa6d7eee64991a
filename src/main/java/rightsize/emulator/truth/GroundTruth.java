package rightsize.emulator.truth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import rightsize.emulator.capacity.InFlightObserver;
import rightsize.secret.ScrubbedFiles;
import rightsize.secret.ScrubbedLines;

/**
 * Everything the emulator did, per request in arrival order, each deployment's in-flight count and
 * each instance's busy slots over time. Thread-safe; readers get immutable snapshots.
 */
public final class GroundTruth implements InFlightObserver {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final long anchorNanos;
  private final long anchorEpochMicros;
  private final List<TruthRecorder> requests = new ArrayList<>();
  private final Map<String, TruthRecorder> byRequestId = new HashMap<>();
  private final Map<String, List<long[]>> inFlight = new HashMap<>();
  private final Map<String, List<long[]>> busy = new HashMap<>();
  private final boolean keepChunks;
  private long nextSeq = 1;

  /** A store of every chunk, whose wall-clock times are anchored at the moment it is created. */
  public GroundTruth() {
    this(true);
  }

  /**
   * A store anchored now that keeps every chunk of every request, or, without {@code keepChunks},
   * per request its facts and its chunks' count and lateness only: a long run's memory then grows
   * with its requests, not with the tens of thousands of chunks a second a large run sends.
   */
  public GroundTruth(boolean keepChunks) {
    this.keepChunks = keepChunks;
    Instant now = Instant.now();
    this.anchorNanos = System.nanoTime();
    this.anchorEpochMicros =
        TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1_000;
  }

  /** {@code nanos} (System.nanoTime) on the wall clock, in microseconds since the epoch. */
  public long epochMicros(long nanos) {
    return anchorEpochMicros + Math.floorDiv(nanos - anchorNanos, 1_000L);
  }

  /** The inverse of {@link #epochMicros}: a wall-clock time as System.nanoTime of this JVM. */
  public long nanos(long epochMicros) {
    return anchorNanos + (epochMicros - anchorEpochMicros) * 1_000L;
  }

  /** When this store was created, in microseconds since the epoch (nothing happened before). */
  public long startEpochMicros() {
    return anchorEpochMicros;
  }

  /**
   * Starts the record of a request that arrived at {@code arrivalNanos} on {@code route}; a null or
   * blank {@code requestId} is replaced by "emulator-SEQ".
   */
  public synchronized TruthRecorder begin(String requestId, String route, long arrivalNanos) {
    long seq = nextSeq++;
    String id = requestId == null || requestId.isBlank() ? "emulator-" + seq : requestId;
    TruthRecorder recorder = new TruthRecorder(this, seq, id, route, arrivalNanos, keepChunks);
    requests.add(recorder);
    byRequestId.put(id, recorder);
    return recorder;
  }

  @Override
  public synchronized void inFlightChanged(String deployment, long nanos, int count) {
    inFlight.computeIfAbsent(deployment, d -> new ArrayList<>()).add(new long[] {nanos, count});
  }

  @Override
  public synchronized void busyChanged(String deployment, int instance, long nanos, int slots) {
    busy.computeIfAbsent(deployment, d -> new ArrayList<>()).add(new long[] {nanos, instance, slots});
  }

  /** Every change of the busy slots of {@code deployment}'s instances, in time order. */
  public synchronized List<BusySample> busy(String deployment) {
    List<BusySample> out = new ArrayList<>();
    for (long[] s : busy.getOrDefault(deployment, List.of())) {
      out.add(new BusySample(s[0], (int) s[1], (int) s[2]));
    }
    return out;
  }

  /** Every request so far, in arrival order, with their chunks. */
  public List<RequestTruth> requests() {
    return requestsSince(0, true);
  }

  /** Requests whose arrival order is greater than {@code seq}, with or without their chunks. */
  public List<RequestTruth> requestsSince(long seq, boolean withChunks) {
    List<TruthRecorder> copy;
    synchronized (this) {
      int from = requests.size();
      while (from > 0 && requests.get(from - 1).seq() > seq) {
        from--;
      }
      copy = new ArrayList<>(requests.subList(from, requests.size()));
    }
    List<RequestTruth> out = new ArrayList<>(copy.size());
    for (TruthRecorder r : copy) {
      out.add(r.snapshot(withChunks));
    }
    return out;
  }

  /** The request sent with {@code x-ms-client-request-id: requestId} (the latest, if reused). */
  public Optional<RequestTruth> request(String requestId) {
    TruthRecorder r;
    synchronized (this) {
      r = byRequestId.get(requestId);
    }
    return Optional.ofNullable(r).map(x -> x.snapshot(true));
  }

  /** How many requests have arrived. */
  public synchronized long count() {
    return requests.size();
  }

  /** Every change of {@code deployment}'s in-flight count, in time order. */
  public synchronized List<InFlightSample> inFlight(String deployment) {
    List<InFlightSample> out = new ArrayList<>();
    for (long[] s : inFlight.getOrDefault(deployment, List.of())) {
      out.add(new InFlightSample(s[0], epochMicros(s[0]), (int) s[1]));
    }
    return out;
  }

  /** {@code deployment}'s in-flight count at {@code nanos}. */
  public synchronized int inFlightAt(String deployment, long nanos) {
    int count = 0;
    for (long[] s : inFlight.getOrDefault(deployment, List.of())) {
      if (s[0] > nanos) {
        break;
      }
      count = (int) s[1];
    }
    return count;
  }

  /** The highest in-flight count {@code deployment} reached between {@code fromNanos} and {@code toNanos}. */
  public synchronized int maxInFlight(String deployment, long fromNanos, long toNanos) {
    int max = inFlightAt(deployment, fromNanos);
    for (long[] s : inFlight.getOrDefault(deployment, List.of())) {
      if (s[0] > fromNanos && s[0] <= toNanos) {
        max = Math.max(max, (int) s[1]);
      }
    }
    return max;
  }

  /** Forgets all requests and in-flight history (arrival numbering carries on). */
  public synchronized void clear() {
    requests.clear();
    byRequestId.clear();
    inFlight.clear();
    busy.clear();
  }

  /** Writes one JSON object per request (with chunks) to {@code file}, replacing it. */
  public void writeJsonLines(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (ScrubbedLines lines = ScrubbedFiles.newLines(file)) {
        for (RequestTruth r : requests()) {
          lines.append(JSON.writeValueAsString(r));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write emulator ground truth to " + file + ": " + e.getMessage(), e);
    }
  }

  /** The shared JSON mapper for ground-truth documents. */
  public static ObjectMapper json() {
    return JSON;
  }
}
