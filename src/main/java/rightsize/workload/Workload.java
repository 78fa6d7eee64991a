package rightsize.workload;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static rightsize.gatling.GenAi.genai;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import rightsize.config.Distribution;
import rightsize.config.WorkloadSettings;
import rightsize.metrics.TokenCounter;

/**
 * What the virtual users send: a list of conversations (chat, documents to summarize, or
 * synthetic prompts), each user working through one conversation after another, keeping the
 * history and sending it with every turn.
 *
 * <p>Every population step reads the conversations in the same seeded order from the start, so
 * each deployment sees the same prompts at the same step and results are comparable. Files are
 * read and checked when the workload is built, before any load starts.
 */
public final class Workload {
  /** Session attribute holding the chat history sent with the next request: role/content maps. */
  public static final String HISTORY = "history";
  /** Session attribute holding the last answer's text ("" after a failed request). */
  public static final String ANSWER = "answer";
  /** Session attribute holding the current request's {@code max_tokens}. */
  public static final String MAX_TOKENS = "max_tokens";

  private static final String CONVERSATION = "rightsize_conversation";
  private static final String TURN = "rightsize_turn";

  private final String name;
  private final String requestName;
  private final List<Conversation> conversations;

  private Workload(String name, String requestName, List<Conversation> inOrder) {
    this.name = name;
    this.requestName = requestName;
    this.conversations = List.copyOf(inOrder);
  }

  /**
   * Multi-turn chat from a conversations file ({@code data/chat-conversations.jsonl} format), at
   * most {@code maxTokens} per answer, {@code maxTurns} turns per conversation (0: all).
   */
  public static Workload chatbot(Path file, int maxTokens, int maxTurns, long seed) {
    return new Workload("chatbot", "chat", shuffled(PromptFiles.chatConversations(file, maxTokens, maxTurns), seed));
  }

  /** One summarization request per document of a documents file ({@code data/documents.jsonl} format). */
  public static Workload summarization(
      Path file, String system, String instruction, int maxTokens, long seed) {
    return new Workload(
        "summarization",
        "summarize",
        shuffled(PromptFiles.summarizationRequests(file, system, instruction, maxTokens), seed));
  }

  /**
   * {@code prompts} single-turn prompts prepared before the run, their lengths in tokens of {@code
   * encoding} drawn from {@code inputTokens} and their {@code max_tokens} from {@code maxTokens}.
   */
  public static Workload synthetic(
      Distribution inputTokens, Distribution maxTokens, int prompts, String encoding, long seed) {
    if (prompts < 1) {
      throw new IllegalArgumentException("synthetic workload needs prompts >= 1, was " + prompts);
    }
    SyntheticPrompts writer = new SyntheticPrompts(TokenCounter.forEncoding(encoding));
    Random random = new Random(seed);
    List<Conversation> list = new ArrayList<>(prompts);
    for (int i = 1; i <= prompts; i++) {
      int length = inputTokens.sample(random);
      int answer = maxTokens.sample(random);
      list.add(new Conversation("synthetic-" + i, null, List.of(writer.prompt(length, random)), answer));
    }
    return new Workload("synthetic", "generate", list);
  }

  /**
   * The configured workload ({@code rightsize.workload}): {@code Workload.from(settings.workload())}.
   * Relative file paths are resolved against the working directory.
   */
  public static Workload from(WorkloadSettings settings) {
    long seed = settings.seed();
    return switch (settings.kind()) {
      case CHATBOT -> {
        WorkloadSettings.Chatbot c = settings.chatbot();
        yield chatbot(c.file(), c.maxTokens(), c.maxTurns(), seed);
      }
      case SUMMARIZATION -> {
        WorkloadSettings.Summarization c = settings.summarization();
        yield summarization(c.file(), c.system(), c.instruction(), c.maxTokens(), seed);
      }
      case SYNTHETIC -> {
        WorkloadSettings.Synthetic c = settings.synthetic();
        yield synthetic(c.inputTokens(), c.maxTokens(), c.prompts(), c.encoding(), seed);
      }
    };
  }

  /** Names the workload in logs and reports: chatbot, summarization or synthetic. */
  public String name() {
    return name;
  }

  /** The request name in Gatling's report (rows {@code <name>} and {@code <name> · ttft}). */
  public String requestName() {
    return requestName;
  }

  /** The conversations in the order every step reads them. */
  public List<Conversation> conversations() {
    return conversations;
  }

  /**
   * One request: when the user has no conversation going, takes the next one; then sends its next
   * turn with the history so far and appends the answer. A failed request (no answer) ends the
   * conversation, as a real user would start over rather than continue without an answer.
   *
   * <p>Each call has its own feeder starting at the first conversation: build one per step.
   */
  public ChainBuilder nextRequest() {
    Iterator<Map<String, Object>> feeder = feeder();
    return doIf(session -> !conversationOngoing(session))
        .then(feed(feeder).exec(Workload::startConversation))
        .exec(Workload::addNextTurn)
        .exec(
            genai.chat(requestName)
                .messages(session -> session.<Map<String, Object>>getList(HISTORY))
                .maxTokens("#{" + MAX_TOKENS + "}")
                .saveAnswerAs(ANSWER))
        .exec(Workload::addAnswer);
  }

  /** Whether the user's current conversation has turns left to send. */
  public static boolean conversationOngoing(Session session) {
    Conversation c = session.get(CONVERSATION);
    return c != null && session.getInt(TURN) < c.turns().size();
  }

  /** A thread-safe endless feeder over the conversations, from the first, wrapping around. */
  Iterator<Map<String, Object>> feeder() {
    AtomicLong next = new AtomicLong();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Map<String, Object> next() {
        int index = (int) (next.getAndIncrement() % conversations.size());
        return Map.of(CONVERSATION, conversations.get(index));
      }
    };
  }

  private static Session startConversation(Session session) {
    Conversation c = session.get(CONVERSATION);
    List<Map<String, Object>> history =
        c.system() == null ? List.of() : List.of(message("system", c.system()));
    return session.set(TURN, 0).set(HISTORY, history);
  }

  private static Session addNextTurn(Session session) {
    Conversation c = session.get(CONVERSATION);
    int turn = session.getInt(TURN);
    return session
        .set(HISTORY, append(session.getList(HISTORY), message("user", c.turns().get(turn))))
        .set(TURN, turn + 1)
        .set(MAX_TOKENS, c.maxTokens())
        .remove(ANSWER);
  }

  private static Session addAnswer(Session session) {
    // The protocol saves "" when nothing arrived (a failed request).
    String answer = session.contains(ANSWER) ? session.getString(ANSWER) : null;
    if (answer == null || answer.isEmpty()) {
      Conversation c = session.get(CONVERSATION);
      return session.set(TURN, c.turns().size());
    }
    return session.set(HISTORY, append(session.getList(HISTORY), message("assistant", answer)));
  }

  private static Map<String, Object> message(String role, String content) {
    return Map.of("role", role, "content", content);
  }

  private static List<Map<String, Object>> append(List<Map<String, Object>> history, Map<String, Object> message) {
    List<Map<String, Object>> next = new ArrayList<>(history.size() + 1);
    next.addAll(history);
    next.add(message);
    return Collections.unmodifiableList(next);
  }

  private static List<Conversation> shuffled(List<Conversation> conversations, long seed) {
    List<Conversation> list = new ArrayList<>(conversations);
    Collections.shuffle(list, new Random(seed));
    return list;
  }
}
