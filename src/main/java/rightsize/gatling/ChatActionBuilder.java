package rightsize.gatling;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a genai chat request: what to send ({@link #messages} or {@link #prompt}), an optional
 * output limit, and where to keep the answer.
 *
 * <p>Immutable, so all methods return a new occurrence and leave the original unmodified.
 */
public final class ChatActionBuilder implements ActionBuilder {
  final String name;
  final Function<Session, List<Map<String, Object>>> messages;
  final Function<Session, Integer> maxTokens;
  final String answerKey;

  private ChatActionBuilder(
      String name, Function<Session, List<Map<String, Object>>> messages, Function<Session, Integer> maxTokens, String answerKey) {
    this.name = name;
    this.messages = messages;
    this.maxTokens = maxTokens;
    this.answerKey = answerKey;
  }

  static ChatActionBuilder named(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("genai.chat needs a request name");
    }
    return new ChatActionBuilder(name, null, null, null);
  }

  /**
   * The conversation, from a Gatling EL string such as {@code "#{history}"} naming a session value
   * that is a list of maps with "role" and "content" (or a JSON array string of them).
   */
  public ChatActionBuilder messages(String el) {
    Function<Session, Object> value = El.any(el);
    return new ChatActionBuilder(name, s -> El.messages(value.apply(s), "'" + el + "'"), maxTokens, answerKey);
  }

  /** The conversation, computed from the session. */
  public ChatActionBuilder messages(Function<Session, List<Map<String, Object>>> messages) {
    return new ChatActionBuilder(name, s -> El.messages(messages.apply(s), "the messages function's result"), maxTokens, answerKey);
  }

  /** A single user message, from a Gatling EL string such as {@code "#{text}"}. */
  public ChatActionBuilder prompt(String el) {
    Function<Session, String> text = El.string(el);
    return new ChatActionBuilder(name, s -> List.of(Map.of("role", "user", "content", text.apply(s))), maxTokens, answerKey);
  }

  /** The output limit, from a Gatling EL string such as {@code "#{max_tokens}"}. */
  public ChatActionBuilder maxTokens(String el) {
    return new ChatActionBuilder(name, messages, El.positiveInt(el), answerKey);
  }

  /** The output limit. */
  public ChatActionBuilder maxTokens(int maxTokens) {
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be > 0, got " + maxTokens);
    }
    Integer n = maxTokens;
    return new ChatActionBuilder(name, messages, s -> n, answerKey);
  }

  /**
   * Stores the assistant's answer text (what arrived, "" when nothing did) in the session under
   * {@code key}, e.g. to append it to a multi-turn history.
   */
  public ChatActionBuilder saveAnswerAs(String key) {
    return new ChatActionBuilder(name, messages, maxTokens, key);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    if (messages == null) {
      throw new IllegalStateException("genai.chat(\"" + name + "\") has nothing to send: add .messages(...) or .prompt(...)");
    }
    return (ctx, next) -> new ChatAction(this, ctx.protocolComponentsRegistry().components(GenAiProtocol.KEY), next);
  }
}
