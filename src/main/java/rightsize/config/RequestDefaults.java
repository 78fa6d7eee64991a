package rightsize.config;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Defaults of every chat request ({@code rightsize.request}), which a protocol or a request may
 * override.
 *
 * @param stream ask for a streamed (SSE) answer
 * @param includeUsage ask for a final usage event (stream_options.include_usage)
 * @param maxTokens the max_tokens sent
 * @param temperature the temperature sent
 * @param encoding tokenizer encoding used when the server sends no usage
 * @param timeouts connect, first-token and total limits
 */
public record RequestDefaults(
    boolean stream,
    boolean includeUsage,
    int maxTokens,
    double temperature,
    String encoding,
    Timeouts timeouts) {

  private static final Set<String> ENCODINGS = Set.of("o200k_base", "cl100k_base", "p50k_base", "p50k_edit", "r50k_base");

  static RequestDefaults read(Section s) {
    int mark = s.mark();
    Boolean stream = s.bool("stream");
    Boolean includeUsage = s.bool("include-usage");
    Integer maxTokens = s.integer("max-tokens");
    if (maxTokens != null && maxTokens <= 0) {
      s.problem("max-tokens", "is " + maxTokens, "set a whole number > 0 " + s.where("max-tokens"));
    }
    Double temperature = s.number("temperature");
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      s.problem("temperature", "is " + temperature + ", outside 0..2", "set a value between 0 and 2 " + s.where("temperature"));
    }
    String encoding = encoding(s, "encoding");
    Duration connect = s.timeout("timeouts.connect");
    Duration firstToken = s.timeout("timeouts.first-token");
    Duration total = s.timeout("timeouts.total");
    if (s.failedSince(mark)) {
      return null;
    }
    return new RequestDefaults(stream, includeUsage, maxTokens, temperature, encoding, new Timeouts(connect, firstToken, total));
  }

  /** Reads a tokenizer encoding name, one the suite's tokenizer knows. */
  static String encoding(Section s, String key) {
    String encoding = s.required(key);
    if (encoding != null && !ENCODINGS.contains(encoding)) {
      s.problem(key, "'" + encoding + "' is not a known tokenizer encoding", "use one of " + String.join(", ", new TreeSet<>(ENCODINGS)));
      return null;
    }
    return encoding;
  }
}
