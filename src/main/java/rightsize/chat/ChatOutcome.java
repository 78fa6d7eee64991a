package rightsize.chat;

import java.util.List;

/**
 * What one chat-completion response delivered, with the arrival time (System.nanoTime) of every
 * content-bearing event.
 *
 * @param contentArrivalNanos arrival time of each event carrying non-empty content or a tool-call
 *     (or function-call) fragment, in order; the first one ends time-to-first-token. An event arrives
 *     with the read that completes it; a non-streaming body's content arrives when the body ends
 * @param endNanos when the response ended ([DONE] or end of body), or -1 if it has not ended
 * @param done whether a {@code [DONE]} event was seen (true for a non-streaming body once it ended)
 * @param text concatenated content of choice 0
 * @param finishReason last non-null finish reason of choice 0, or null
 * @param usage the server's usage object, or null when none was sent
 * @param contentFiltered whether a content filter stopped or annotated the answer as filtered
 * @param malformed description of the first unparseable event or body, or null
 * @param events number of SSE data events seen ([DONE] included; none after it), or 1 for a
 *     non-streaming body
 * @param firstReasoningNanos arrival time of the first event whose choice 0 carried reasoning
 *     ({@code reasoning_content}, {@code reasoning} or a reasoning summary), or -1 when none did
 * @param reasoning choice 0's streamed reasoning text (summaries excluded), what the tokenizer
 *     counts as reasoning when the server reports no reasoning tokens
 * @param callArguments choice 0's tool-call and legacy function-call arguments, concatenated
 * @param otherChoices whether choices other than 0 carried anything (the request asked for n > 1)
 * @param unknownShape what the events that were not chat-completion chunks looked like (JSON objects
 *     without {@code choices}, {@code usage} or {@code error}), or null when there were none
 * @param streamed true when the answer came as SSE events, false when it came as one JSON body (then
 *     its first content cannot be timed: it arrives with the end)
 */
public record ChatOutcome(
    List<Long> contentArrivalNanos,
    long endNanos,
    boolean done,
    String text,
    String finishReason,
    Usage usage,
    boolean contentFiltered,
    String malformed,
    int events,
    long firstReasoningNanos,
    String reasoning,
    String callArguments,
    boolean otherChoices,
    String unknownShape,
    boolean streamed) {

  /** A streamed outcome without reasoning, call arguments or other choices. */
  public ChatOutcome(List<Long> contentArrivalNanos, long endNanos, boolean done, String text, String finishReason,
      Usage usage, boolean contentFiltered, String malformed, int events) {
    this(contentArrivalNanos, endNanos, done, text, finishReason, usage, contentFiltered, malformed, events, -1, "",
        "", false, null, true);
  }

  /** Whether the response streamed reasoning before (or instead of) its answer. */
  public boolean reasoned() {
    return firstReasoningNanos >= 0;
  }

  /** Whether any content-bearing event arrived: visible text, or a tool-call or function-call fragment. */
  public boolean answered() {
    return !contentArrivalNanos.isEmpty();
  }

  /** The server's token usage report. Null members were not reported. */
  public record Usage(Integer promptTokens, Integer completionTokens, Integer cachedTokens, Integer reasoningTokens) {}
}
