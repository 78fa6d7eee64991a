package rightsize.emulator.truth;

import com.fasterxml.jackson.annotation.JsonValue;

/** What one write of a response carried. */
public enum ChunkKind {
  /** First SSE event: empty choices with prompt_filter_results. */
  PROMPT_FILTER,
  /** SSE event with the role-only delta. */
  ROLE,
  /** SSE event with content tokens. */
  CONTENT,
  /** SSE event with the finish_reason. */
  FINISH,
  /** SSE event with choices [] and the usage object. */
  USAGE,
  /** The data: [DONE] event and the end of the body. */
  DONE,
  /** A whole non-streaming answer. */
  BODY,
  /** An error answer (4xx/5xx). */
  ERROR,
  /** An SSE event whose JSON was cut short on purpose (fault). */
  MALFORMED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
