package rightsize.workload;

import java.util.List;
import java.util.Objects;

/**
 * One unit of work a virtual user sends: an optional system message and the user turns, each sent
 * with the history so far and answered before the next, with at most {@code maxTokens} per answer.
 *
 * <p>Summarization and synthetic prompts are one-turn conversations, so one piece of code sends all
 * workloads.
 */
public record Conversation(String id, String system, List<String> turns, int maxTokens) {

  public Conversation {
    Objects.requireNonNull(id, "id");
    turns = List.copyOf(turns);
    if (turns.isEmpty()) {
      throw new IllegalArgumentException("conversation " + id + " has no turns");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("conversation " + id + ": maxTokens must be >= 1, was " + maxTokens);
    }
  }
}
