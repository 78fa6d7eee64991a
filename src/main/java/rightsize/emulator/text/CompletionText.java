package rightsize.emulator.text;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes deterministic English-like output made of real tokens of one encoding: every piece
 * (" word", ",", ".") is a single token that the encoding's pre-tokenizer keeps apart, so the text
 * re-encodes to exactly as many tokens as were planned and {@code usage} agrees with a tokenizer.
 * Thread-safe.
 */
public final class CompletionText {

  private static final String[] WORDS = {
    "the", "model", "answer", "system", "request", "response", "data", "service", "time", "first",
    "token", "stream", "value", "result", "user", "question", "example", "point", "case", "number",
    "part", "way", "work", "process", "change", "level", "rate", "cost", "load", "test", "team",
    "plan", "step", "report", "size", "memory", "network", "server", "client", "queue", "batch",
    "and", "or", "but", "with", "from", "into", "over", "under", "about", "after", "before",
    "while", "when", "where", "which", "that", "this", "these", "those", "each", "every", "some",
    "many", "more", "most", "less", "other", "same", "new", "good", "small", "large", "long",
    "short", "high", "low", "fast", "slow", "simple", "clear", "useful", "important", "common",
    "is", "are", "was", "can", "will", "should", "may", "must", "has", "have", "makes", "shows",
    "gives", "takes", "uses", "needs", "keeps", "helps", "runs", "holds", "sends", "reads",
    "writes", "builds", "checks", "measures", "explains", "depends", "returns", "starts", "ends",
    "in", "on", "at", "for", "of", "to", "by", "as", "not", "also", "then", "only", "still",
    "very", "well", "often", "usually", "again", "here", "there", "now", "just", "even", "much"
  };
  private static final String[] OPENERS = {
    "The", "This", "It", "We", "Our", "Each", "In", "When", "Most", "Some", "Then", "For", "A"
  };

  private final Encoding encoding;
  private final String[] words;
  private final String[] openers;
  private final String[] firstOpeners;
  private final String comma;
  private final String period;

  private CompletionText(Encoding encoding) {
    this.encoding = encoding;
    this.words = singleTokens(encoding, WORDS, " ");
    this.openers = singleTokens(encoding, OPENERS, " ");
    this.firstOpeners = singleTokens(encoding, OPENERS, "");
    this.comma = requireSingle(encoding, ",");
    this.period = requireSingle(encoding, ".");
  }

  /** Output text for the named encoding (o200k_base, cl100k_base, p50k_base, r50k_base). */
  public static CompletionText forEncoding(String encodingName) {
    EncodingType type =
        EncodingType.fromName(encodingName)
            .orElseThrow(
                () -> new IllegalArgumentException(
                    "unknown tokenizer encoding '" + encodingName
                        + "': use o200k_base, cl100k_base, p50k_base or r50k_base"));
    return new CompletionText(Encodings.newLazyEncodingRegistry().getEncoding(type));
  }

  /** The encoding the pieces are tokens of. */
  public Encoding encoding() {
    return encoding;
  }

  /**
   * Plans {@code tokens} output tokens from {@code seed}: sentences of 6 to 18 words with an
   * occasional comma, ending in a period. Returns one piece (one token) per element.
   */
  public String[] plan(long seed, int tokens) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] out = new String[tokens];
    int i = 0;
    while (i < tokens) {
      String[] pool = i == 0 ? firstOpeners : openers;
      out[i++] = pool[random.nextInt(pool.length)];
      int sentenceWords = 5 + random.nextInt(13);
      for (int w = 0; w < sentenceWords && i < tokens; w++) {
        if (w > 0 && w < sentenceWords - 1 && random.nextInt(10) == 0) {
          out[i++] = comma;
          if (i == tokens) {
            break;
          }
        }
        out[i++] = words[random.nextInt(words.length)];
      }
      if (i < tokens) {
        out[i++] = period;
      }
    }
    return out;
  }

  /** The text of pieces {@code [from, to)} of a plan. */
  public static String text(String[] plan, int from, int to) {
    StringBuilder sb = new StringBuilder((to - from) * 7);
    for (int i = from; i < to; i++) {
      sb.append(plan[i]);
    }
    return sb.toString();
  }

  private static String[] singleTokens(Encoding encoding, String[] candidates, String prefix) {
    List<String> kept = new ArrayList<>();
    for (String word : candidates) {
      String piece = prefix + word;
      if (encoding.countTokens(piece) == 1 && isPlainAscii(piece)) {
        kept.add(piece);
      }
    }
    if (kept.isEmpty()) {
      throw new IllegalStateException("no single-token words in encoding " + encoding.getName());
    }
    return kept.toArray(String[]::new);
  }

  /**
   * Whether {@code piece} is printable ASCII without quote or backslash: such text is its own JSON
   * string content and its own UTF-8, so answers can be written without escaping. Every piece of a
   * plan is.
   */
  public static boolean isPlainAscii(String piece) {
    for (int i = 0; i < piece.length(); i++) {
      char c = piece.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static String requireSingle(Encoding encoding, String piece) {
    if (encoding.countTokens(piece) != 1 || !isPlainAscii(piece)) {
      throw new IllegalStateException("'" + piece + "' is not one token in " + encoding.getName());
    }
    return piece;
  }
}
