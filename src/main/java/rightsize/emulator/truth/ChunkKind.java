package rightsize.emulator.truth;

import com.fasterxml.jackson.annotation.JsonValue;

/** What one write of a response carried. */
public enum ChunkKind {
  /** First SSE event: empty choices with prompt_filter_results. */
  PROMPT_FILTER,
  /** SSE event before the first content: the role-only delta, or a prompt flow's empty delta. */
  ROLE,
  /** SSE event with content tokens. */
  CONTENT,
  /** SSE event with the finish_reason, or a prompt flow's closing empty delta. */
  FINISH,
  /** SSE event with the usage object (choices [] in OpenAI's shape). */
  USAGE,
  /** The end of a stream: data: [DONE], a custom app's end marker, or the end of a prompt flow's body. */
  DONE,
  /** A whole non-streaming answer. */
  BODY,
  /** An error answer (4xx/5xx). */
  ERROR,
  /** An SSE event whose JSON was cut short on purpose (fault). */
  MALFORMED,
  /** A prompt flow's event of outputs that are not streamed (its sources), before the answer's deltas. */
  OUTPUTS;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
