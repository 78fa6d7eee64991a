package rightsize.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import rightsize.testing.SecretPieces;

/**
 * The scrubber every sink goes through: secrets, their encodings and their pieces are masked, text
 * is scrubbed before it is cut, overlapping secrets leave nothing, and a token registered mid-run
 * is masked from then on. Each test registers keys of its own: the registry is the JVM's.
 */
class SecretTest {

  @Test
  void aSecretAndAnyEightCharactersOfItAreMasked() {
    String key = "Kp4vQx9ZLm2wRt7YbN3s";
    Secret.of(key, "test");
    assertThat(Secret.redact("before " + key + " after")).isEqualTo("before *** after");
    // A server that cut the key itself still echoes a piece of it.
    assertThat(Secret.redact("x" + key.substring(5, 13) + "y")).isEqualTo("x***y");
    assertThat(Secret.redact(key.substring(3) + "…")).isEqualTo("***…");
    // Seven characters are too few to tell from chance and carry too little of a key: left as they are.
    assertThat(Secret.redact("x" + key.substring(0, 7) + "y")).isEqualTo("x" + key.substring(0, 7) + "y");
    String plain = "nothing to hide here";
    assertThat(Secret.redact(plain)).isSameAs(plain);
    assertThat(Secret.redact(null)).isNull();
    assertThat(Secret.of(key, "env X")).hasToString("*** (env X)");
  }

  @Test
  void urlAndBase64EncodingsAreMasked() {
    String key = "Ue8+Wc/3Hd=Gf 6Jk&Ns1";
    Secret.of(key, "test");
    String url = URLEncoder.encode(key, StandardCharsets.UTF_8);
    assertThat(url).isNotEqualTo(key);
    assertThat(Secret.redact("GET /chat?api-key=" + url + "&x=1")).isEqualTo("GET /chat?api-key=***&x=1");
    assertThat(Secret.redact("q=" + url.replace("+", "%20"))).isEqualTo("q=***");

    String b64 = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    String masked = Secret.redact("auth " + b64);
    assertThat(SecretPieces.foundIn(masked, key)).isEmpty();
    // 21 bytes are 28 whole characters: the encoding is masked whole.
    assertThat(masked).isEqualTo("auth ***");
    String urlSafe = Base64.getUrlEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    assertThat(Secret.redact(urlSafe)).isEqualTo("***");

    // Inside the Base64 of a longer text (Basic user:key, Bearer key), at each of the three byte
    // offsets: only the few characters that mix the key's bits with its neighbours' remain.
    for (String prefix : new String[] {"u:", "user:", "Bearer "}) {
      String encoded = Base64.getEncoder().encodeToString((prefix + key).getBytes(StandardCharsets.UTF_8));
      int first = (8 * prefix.length() + 5) / 6;
      int end = 8 * (prefix.length() + key.length()) / 6;
      assertThat(Secret.redact(encoded)).as(prefix).isEqualTo(encoded.substring(0, first) + "***" + encoded.substring(end));
    }
  }

  @Test
  void textIsScrubbedBeforeItIsCutSoNoPieceStraddlesTheCut() {
    String key = "Ma5rTy8QwE3uIo1PzX7c";
    Secret.of(key, "test");
    // The key starts 6 characters before a 200-character cut.
    String message = "x".repeat(194) + key + "!";
    String naive = Secret.redact(message.substring(0, 199) + "…");
    assertThat(naive).as("cut first, scrubbed after: a 5-character prefix survives").contains(key.substring(0, 5));

    assertThat(Secret.shorten(message, 200)).isEqualTo("x".repeat(194) + "***!");
    String longer = "y".repeat(150) + key + " " + "z".repeat(100);
    assertThat(Secret.shorten(longer, 200)).hasSize(200).isEqualTo("y".repeat(150) + "*** " + "z".repeat(45) + "…");
    assertThat(SecretPieces.foundIn(Secret.shorten(longer, 160), key)).isEmpty();
  }

  @Test
  void shortenPutsTheTextOnOneLine() {
    assertThat(Secret.shorten(" a\n  b\tc ", 200)).isEqualTo("a b c");
    assertThat(Secret.shorten("abcdef", 4)).isEqualTo("abc…");
    assertThat(Secret.shorten(null, 10)).isNull();
  }

  @Test
  void overlappingSecretsAreMaskedAsOneRun() {
    String a = "Ov3rLapAaaa9Qq1Ww2Ee";
    String b = a.substring(12) + "Bbbb7Rr4Tt5Yy6";
    Secret.of(a, "test");
    Secret.of(b, "test");
    // b begins with the last 8 characters of a; in the text they share them.
    assertThat(Secret.redact("[" + a + b.substring(8) + "]")).isEqualTo("[***]");

    String outer = "OuTer1Kk2Ll3Mm4Nn5Bb6Vv";
    String inner = outer.substring(4, 16);
    Secret.of(outer, "test");
    Secret.of(inner, "test");
    assertThat(Secret.redact("<" + outer + "|" + inner + ">")).isEqualTo("<***|***>");
  }

  @Test
  void aTokenRegisteredLateIsMaskedFromThenOnOnEveryThread() {
    String token = "eyJ0eXAiLateToken.Zx8Cv7Bn6Mq5Wr4Et3";
    String line = "401: token " + token + " expired";
    assertThat(Secret.redact(line)).as("not obtained yet").isEqualTo(line);
    // Obtained on another thread, as Entra ID tokens are (the refresher).
    CompletableFuture.runAsync(() -> Secret.of(token, "Entra ID token")).join();
    assertThat(Secret.redact(line)).isEqualTo("401: token *** expired");
    assertThat(CompletableFuture.supplyAsync(() -> Secret.redact(line)).join()).isEqualTo("401: token *** expired");
  }

  @Test
  void aSecretShorterThanAPieceIsMaskedOnlyWhole() {
    Secret.of("Qz7!wX", "test");
    assertThat(Secret.redact("a Qz7!wX b")).isEqualTo("a *** b");
    assertThat(Secret.redact("a Qz7!w b")).isEqualTo("a Qz7!w b");
  }
}
