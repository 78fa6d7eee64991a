package rightsize.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import rightsize.metrics.TokenCounter;

/**
 * Writes prompts of an exact length in tokens of a tokenizer encoding, made of common English
 * words in sentences, for controlled input-length experiments.
 *
 * <p>The length is the token count of the user message text under the encoding; chat templates add
 * a few tokens per message on the server side.
 */
final class SyntheticPrompts {
  private static final String INSTRUCTION = "Continue this text:";
  private static final String[] WORDS = (
      "the of and to in is that for it as with was on be by at this are from or have an they which one "
          + "you had not but all were when we there can been has more if will each about how up out them "
          + "then she many some so these would other into time could no make than first been its who now "
          + "people my made over did down only way find use may water long little very after words called "
          + "just where most know get through back much go good new write our used me man too any day same "
          + "right look think also around another came come work three word must because does part even "
          + "place well such here take why things help put years different away again off went old number "
          + "great tell men say small every found still between name should home big give air line set own "
          + "under read last never us left end along while might next sound below saw something thought both "
          + "few those always looked show large often together asked house world going want school important "
          + "until form food keep children feet land side without boy once animals life enough took sometimes "
          + "four head above kind began almost live page got earth need far hand high year mother light parts "
          + "country father let night following picture being study second eyes soon times story boys since "
          + "white days paper hard near better best across during today others however sure means knew try "
          + "told young miles sun ways thing whole hear example heard several change answer room sea against "
          + "top turned learn point city play toward five using himself usually money seen car morning river "
          + "market plan report system service data cloud team customer price order model test result").split(" ");

  private final TokenCounter counter;
  private final ConcurrentMap<String, Integer> pieceTokens = new ConcurrentHashMap<>();

  SyntheticPrompts(TokenCounter counter) {
    this.counter = counter;
  }

  /** A prompt of exactly {@code tokens} tokens, its words drawn from {@code random}. */
  String prompt(int tokens, Random random) {
    if (tokens < 1) {
      throw new IllegalArgumentException("a prompt needs at least 1 token, asked for " + tokens);
    }
    List<String> pieces = new ArrayList<>();
    int count = 0;
    if (tokens > tokensOf(INSTRUCTION) + 1) {
      pieces.add(INSTRUCTION);
      count = tokensOf(INSTRUCTION);
    }
    int sentenceLeft = 0;
    while (count < tokens) {
      String piece;
      if (sentenceLeft == 0 && !pieces.isEmpty() && tokens - count >= 2 && !pieces.get(pieces.size() - 1).endsWith(":")) {
        piece = ".";
        sentenceLeft = -1;
      } else {
        String word = WORDS[random.nextInt(WORDS.length)];
        if (sentenceLeft <= 0) {
          word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
          sentenceLeft = 6 + random.nextInt(12);
        }
        piece = pieces.isEmpty() ? word : " " + word;
        sentenceLeft--;
      }
      int cost = tokensOf(piece);
      if (count + cost > tokens) {
        // A multi-token word would overshoot: end with one-token words instead.
        continue;
      }
      pieces.add(piece);
      count += cost;
    }
    String text = String.join("", pieces);
    // Pieces split where the tokenizer's pre-tokenizer splits, so their counts add up; check anyway.
    int actual = counter.count(text);
    if (actual != tokens) {
      throw new IllegalStateException(
          "synthetic prompt has " + actual + " tokens, expected " + tokens + ": " + text);
    }
    return text;
  }

  private int tokensOf(String piece) {
    return pieceTokens.computeIfAbsent(piece, counter::count);
  }
}
