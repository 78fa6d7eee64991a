package rightsize.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request body template of a {@code custom} wire format: JSON text with {@code ${name}}
 * placeholders, each replaced by a whole JSON value (a string in quotes, an array, a number).
 */
public final class BodyTemplate {
  /** The conversation as a JSON array of {"role", "content"} objects. */
  public static final String MESSAGES = "messages";
  /** The conversation before the latest user message, as a JSON array of {"role", "content"} objects. */
  public static final String HISTORY = "history";
  /** The latest user message, as a JSON string. */
  public static final String PROMPT = "prompt";
  /** The output limit, as a JSON number. */
  public static final String MAX_TOKENS = "max_tokens";
  /** Whether a streamed answer is asked for, as true or false. */
  public static final String STREAM = "stream";
  /** The placeholders the suite fills itself; any other name is a session (feeder) value. */
  public static final Set<String> BUILT_IN = Set.of(MESSAGES, HISTORY, PROMPT, MAX_TOKENS, STREAM);

  /** How to fix a template that is not JSON, for error messages. */
  public static final String FIX =
      "write JSON with each ${...} standing for a whole value, e.g. {\"message\": ${prompt}, \"history\": ${history}}";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

  private final String text;
  /** Literal text and placeholder names, alternating: literal, name, literal, ..., literal. */
  private final List<String> parts;
  private final Set<String> names;

  /**
   * Parses {@code text}, in which any ${name} is a placeholder; throws IllegalArgumentException (its
   * message says what is wrong, {@link #FIX} how to fix it) when it is not JSON once each
   * placeholder holds a value of its kind.
   */
  public static BodyTemplate parse(String text) {
    BodyTemplate t = new BodyTemplate(text);
    String sample = t.fill(name -> switch (name) {
      case MESSAGES, HISTORY -> "[{\"role\":\"user\",\"content\":\"x\"}]";
      case MAX_TOKENS -> "1";
      case STREAM -> "true";
      default -> "\"x\"";
    });
    try {
      new ObjectMapper().readTree(sample);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("is not valid JSON once its placeholders are filled (" + e.getOriginalMessage() + ")");
    }
    return t;
  }

  private BodyTemplate(String text) {
    this.text = text;
    List<String> p = new ArrayList<>();
    Set<String> n = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    while (m.find()) {
      p.add(text.substring(at, m.start()));
      p.add(m.group(1));
      n.add(m.group(1));
      at = m.end();
    }
    p.add(text.substring(at));
    this.parts = List.copyOf(p);
    this.names = Set.copyOf(n);
  }

  /** The names of its placeholders. */
  public Set<String> placeholders() {
    return names;
  }

  /** The session (feeder) values it names: its placeholders that are not built in. */
  public Set<String> sessionFields() {
    Set<String> fields = new LinkedHashSet<>(names);
    fields.removeAll(BUILT_IN);
    return fields;
  }

  /** The body with each placeholder replaced by {@code jsonValue.apply(name)}, which must be JSON text. */
  public String fill(Function<String, String> jsonValue) {
    StringBuilder sb = new StringBuilder(text.length() + 256);
    for (int i = 0; i < parts.size(); i++) {
      sb.append(i % 2 == 0 ? parts.get(i) : jsonValue.apply(parts.get(i)));
    }
    return sb.toString();
  }

  /** The template as written. */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BodyTemplate t && t.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
