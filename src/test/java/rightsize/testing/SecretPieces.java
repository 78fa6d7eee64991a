package rightsize.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a leaked key can look like in a file or on the console: the key, its URL encoding, its
 * Base64 (standard and URL-safe), and every 8 characters of any of them.
 */
public final class SecretPieces {
  public static final int PIECE = 8;

  private SecretPieces() {}

  /** Every form of {@code key} and every {@value #PIECE}-character piece of each. */
  public static Set<String> of(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    List<String> forms = List.of(
        key,
        URLEncoder.encode(key, StandardCharsets.UTF_8),
        Base64.getEncoder().encodeToString(bytes),
        Base64.getUrlEncoder().encodeToString(bytes));
    Set<String> pieces = new LinkedHashSet<>(forms);
    for (String form : forms) {
      for (int i = 0; i + PIECE <= form.length(); i++) {
        pieces.add(form.substring(i, i + PIECE));
      }
    }
    return pieces;
  }

  /** The pieces of {@code key} that {@code text} contains; empty when it holds none. */
  public static List<String> foundIn(String text, String key) {
    List<String> found = new ArrayList<>();
    for (String piece : of(key)) {
      if (text.contains(piece)) {
        found.add(piece);
      }
    }
    return found;
  }
}
