package rightsize.emulator.truth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the emulator did for one request: ground truth the suite's own measurements are checked
 * against. Times are System.nanoTime of the emulator's JVM, with wall-clock twins in microseconds
 * since the epoch; null means the step did not happen.
 *
 * @param seq arrival order, from 1
 * @param requestId the {@code x-ms-client-request-id} header, or "emulator-SEQ" when absent
 * @param deployment the deployment it was routed to, or null
 * @param route which API shape was called (azure-openai, azure-openai-v1, openai, foundry, aml)
 * @param stream whether the answer was streamed
 * @param arrivalNanos when the whole request had been read
 * @param startNanos when it left the queue and took a slot
 * @param prefillStartNanos when its prompt processing began
 * @param prefillEndNanos when its prompt processing ended
 * @param chunks every write of the answer, in order; empty when the ground truth keeps summaries only
 * @param chunkCount how many writes the answer took
 * @param maxLateNanos how late the latest write was against its schedule
 * @param meanLateNanos how late the writes were on average
 * @param firstContentScheduledNanos when the schedule wanted the first write carrying content sent
 * @param firstContentNanos the first write carrying content
 * @param endNanos the last write, or when the connection was closed
 * @param promptTokens prompt tokens counted by the emulator (0 when unknown)
 * @param maxTokens the request's max_tokens (or the default when absent)
 * @param plannedCompletionTokens tokens the answer was to have
 * @param sentCompletionTokens content tokens actually sent
 * @param httpStatus the status line sent, or null when none was
 * @param outcome how the request ended
 * @param fault the injected fault, or null
 */
public record RequestTruth(
    long seq,
    String requestId,
    String deployment,
    String route,
    boolean stream,
    long arrivalNanos,
    long arrivalEpochMicros,
    Long startNanos,
    Long prefillStartNanos,
    Long prefillEndNanos,
    List<ChunkTruth> chunks,
    int chunkCount,
    long maxLateNanos,
    long meanLateNanos,
    Long firstContentScheduledNanos,
    Long firstContentNanos,
    Long firstContentEpochMicros,
    Long endNanos,
    Long endEpochMicros,
    int promptTokens,
    int maxTokens,
    int plannedCompletionTokens,
    int sentCompletionTokens,
    Integer httpStatus,
    Outcome outcome,
    String fault) {

  /** Time spent waiting for a slot, or null if it never got one. */
  @JsonProperty
  public Long queueWaitNanos() {
    return startNanos == null ? null : startNanos - arrivalNanos;
  }

  /** Prompt processing time, including any wait for the instance's prompt processor. */
  @JsonProperty
  public Long prefillNanos() {
    return prefillEndNanos == null || startNanos == null ? null : prefillEndNanos - startNanos;
  }

  /** From arrival to the first content write, or null. */
  @JsonProperty
  public Long ttftNanos() {
    return firstContentNanos == null ? null : firstContentNanos - arrivalNanos;
  }

  /** From arrival to the last write, or null while in progress. */
  @JsonProperty
  public Long e2eNanos() {
    return endNanos == null ? null : endNanos - arrivalNanos;
  }

  /** The content writes only. */
  public List<ChunkTruth> contentChunks() {
    return chunks.stream().filter(c -> c.kind() == ChunkKind.CONTENT).toList();
  }
}
