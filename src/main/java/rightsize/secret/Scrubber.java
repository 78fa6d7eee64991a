package rightsize.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable set of secrets and the forms they can come back in, which masks every piece of them
 * in a text: each secret, its URL encoding and its Base64 (at the three byte alignments, so also
 * inside the Base64 of a longer text such as {@code Bearer <key>} or {@code user:<key>}), and any
 * {@value #PIECE} characters of any of those, so that a text cut through a secret keeps none of it.
 */
final class Scrubber {
  /** The shortest piece of a secret that is masked wherever it appears; shorter secrets are masked whole. */
  static final int PIECE = 8;

  static final Scrubber EMPTY = new Scrubber(Set.of(), new long[0], new String[0]);

  private final Set<String> secrets;
  // Every PIECE-character window of every form of every secret, packed 8 bits a character, sorted.
  private final long[] windows;
  // Secrets (and their URL encodings) shorter than PIECE: masked only where they appear whole.
  private final String[] whole;

  private Scrubber(Set<String> secrets, long[] windows, String[] whole) {
    this.secrets = secrets;
    this.windows = windows;
    this.whole = whole;
  }

  boolean knows(String secret) {
    return secrets.contains(secret);
  }

  /** This scrubber with {@code secret} added. */
  Scrubber with(String secret) {
    Set<String> all = new LinkedHashSet<>(secrets);
    all.add(secret);
    List<Long> packed = new ArrayList<>();
    Set<String> shortOnes = new LinkedHashSet<>();
    for (String s : all) {
      for (String form : plainForms(s)) {
        if (form.length() < PIECE) {
          shortOnes.add(form);
        } else {
          addWindows(form, packed);
        }
      }
      // A Base64 core shorter than a piece is a few random letters: masking it everywhere would mask words.
      for (String form : base64Forms(s)) {
        if (form.length() >= PIECE) {
          addWindows(form, packed);
        }
      }
    }
    long[] w = packed.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    return new Scrubber(Set.copyOf(all), w, shortOnes.toArray(new String[0]));
  }

  /** {@code text} with every run of characters that belongs to a secret replaced by {@code mask}. */
  String scrub(String text, String mask) {
    if (text == null || (windows.length == 0 && whole.length == 0)) {
      return text;
    }
    BitSet hit = null;
    if (windows.length > 0) {
      long w = 0;
      for (int i = 0; i < text.length(); i++) {
        w = (w << 8) | pack(text.charAt(i));
        if (i >= PIECE - 1 && Arrays.binarySearch(windows, w) >= 0) {
          hit = hit == null ? new BitSet(text.length()) : hit;
          hit.set(i - PIECE + 1, i + 1);
        }
      }
    }
    for (String s : whole) {
      for (int at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) {
        hit = hit == null ? new BitSet(text.length()) : hit;
        hit.set(at, at + s.length());
      }
    }
    if (hit == null) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    for (int start = hit.nextSetBit(0); start >= 0; start = hit.nextSetBit(from)) {
      out.append(text, from, start).append(mask);
      from = hit.nextClearBit(start);
    }
    return out.append(text, from, text.length()).toString();
  }

  /** The secret as configured and URL-encoded (as a query string or a form would carry it). */
  private static Set<String> plainForms(String s) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(s);
    forms.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
    forms.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
    return forms;
  }

  /**
   * The secret's Base64 on its own, padding included, and the characters of its Base64 that do not
   * depend on what surrounds it, at each of the three byte offsets it can start at in a longer
   * encoded text; in both Base64 alphabets.
   */
  private static Set<String> base64Forms(String s) {
    byte[] secret = s.getBytes(StandardCharsets.UTF_8);
    Set<String> forms = new LinkedHashSet<>();
    for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      forms.add(encoder.encodeToString(secret));
      for (int offset = 0; offset < 3; offset++) {
        byte[] shifted = new byte[offset + secret.length];
        System.arraycopy(secret, 0, shifted, offset, secret.length);
        String encoded = encoder.withoutPadding().encodeToString(shifted);
        // Characters carry 6 bits: keep those made only of the secret's bits.
        int first = (8 * offset + 5) / 6;
        int end = 8 * (offset + secret.length) / 6;
        if (end > first) {
          forms.add(encoded.substring(first, end));
        }
      }
    }
    return forms;
  }

  private static void addWindows(String form, List<Long> out) {
    long w = 0;
    for (int i = 0; i < form.length(); i++) {
      w = (w << 8) | pack(form.charAt(i));
      if (i >= PIECE - 1) {
        out.add(w);
      }
    }
  }

  // Exact for the ASCII of keys, tokens and their encodings; other characters fold into 8 bits,
  // which can only mask more, never less.
  private static long pack(char c) {
    return (c ^ (c >>> 8)) & 0xFF;
  }
}
