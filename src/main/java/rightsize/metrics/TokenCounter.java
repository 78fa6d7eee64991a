package rightsize.metrics;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Counts tokens locally with a tiktoken encoding, for servers that send no usage. Thread-safe. */
public final class TokenCounter {

  /** The encoding used when none is configured: GPT-4o's and later OpenAI models'. */
  public static final String DEFAULT_ENCODING = "o200k_base";

  // Loading an encoding parses megabytes of ranks (o200k ~0.4 s): load each once, on first use.
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  private static final Map<String, TokenCounter> COUNTERS = new ConcurrentHashMap<>();

  private final Encoding encoding;

  private TokenCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  /**
   * A counter for the named encoding (o200k_base, cl100k_base, p50k_base, p50k_edit, r50k_base);
   * null or blank means {@value #DEFAULT_ENCODING}.
   */
  public static TokenCounter forEncoding(String encodingName) {
    String name = encodingName == null || encodingName.isBlank() ? DEFAULT_ENCODING : encodingName.trim();
    return COUNTERS.computeIfAbsent(name, TokenCounter::load);
  }

  private static TokenCounter load(String name) {
    EncodingType type = EncodingType.fromName(name).orElseThrow(() -> new IllegalArgumentException(
        "tokenizer encoding '" + name + "' is unknown: use one of "
            + Arrays.stream(EncodingType.values()).map(EncodingType::getName).collect(Collectors.joining(", "))));
    return new TokenCounter(REGISTRY.getEncoding(type));
  }

  /** The encoding's name, e.g. {@code o200k_base}. */
  public String encodingName() {
    return encoding.getName();
  }

  /** Number of tokens in {@code text}; special-token markers in it count as ordinary text. */
  public int count(String text) {
    // "Ordinary": a model answer that mentions <|endoftext|> must not make counting throw.
    return encoding.countTokensOrdinary(text);
  }
}
