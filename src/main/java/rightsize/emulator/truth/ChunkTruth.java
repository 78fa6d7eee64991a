package rightsize.emulator.truth;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One write of a response as the emulator made it.
 *
 * @param kind what the write carried
 * @param tokens content tokens in it (0 for non-content writes)
 * @param scheduledNanos when the capacity model wanted it sent (System.nanoTime)
 * @param sentNanos when it was handed to the socket (System.nanoTime)
 * @param sentEpochMicros {@code sentNanos} on the wall clock, microseconds since the epoch
 */
public record ChunkTruth(ChunkKind kind, int tokens, long scheduledNanos, long sentNanos, long sentEpochMicros) {

  /** How late the write was against its schedule, in nanoseconds. */
  @JsonProperty
  public long lateNanos() {
    return sentNanos - scheduledNanos;
  }
}
