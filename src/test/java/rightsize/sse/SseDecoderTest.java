package rightsize.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

  record Event(String type, String data, String id) {}

  /** Decodes a body fed in reads cut at the given positions, and ends it. */
  private static List<Event> decode(byte[] body, int... cuts) {
    List<Event> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder((type, data, length, id) ->
        events.add(new Event(type, new String(data, 0, length, StandardCharsets.UTF_8), id)));
    int from = 0;
    for (int cut : cuts) {
      decoder.feed(body, from, cut - from);
      from = cut;
    }
    decoder.feed(body, from, body.length - from);
    decoder.end();
    return events;
  }

  private static List<Event> decode(String body) {
    return decode(body.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes the body whole, split at every byte and byte by byte; all must agree. */
  private static List<Event> decodeAllWays(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    List<Event> whole = decode(bytes);
    for (int cut = 0; cut <= bytes.length; cut++) {
      assertThat(decode(bytes, cut)).as("split at byte %d of %s", cut, body).isEqualTo(whole);
    }
    int[] everyByte = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      everyByte[i] = i;
    }
    assertThat(decode(bytes, everyByte)).as("byte by byte").isEqualTo(whole);
    return whole;
  }

  private static Event message(String data) {
    return new Event("message", data, "");
  }

  @Test
  void lfCrlfAndCrLineEndsAreEquivalent() {
    List<Event> expected = List.of(message("a"), message("b"));
    assertThat(decodeAllWays("data: a\n\ndata: b\n\n")).isEqualTo(expected);
    assertThat(decodeAllWays("data: a\r\n\r\ndata: b\r\n\r\n")).isEqualTo(expected);
    assertThat(decodeAllWays("data: a\r\rdata: b\r\r")).isEqualTo(expected);
    assertThat(decodeAllWays("data: a\r\n\rdata: b\n\r\n")).isEqualTo(expected);
  }

  @Test
  void crAtTheEndOfOneReadAndLfAtTheStartOfTheNextAreOneLineEnd() {
    byte[] body = "data: a\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    // Cut right after each CR: a second line end here would end the event early.
    assertThat(decode(body, 8, 17)).containsExactly(message("a\nb"));
  }

  @Test
  void multiLineDataIsJoinedWithLf() {
    assertThat(decodeAllWays("data: {\"a\":\ndata: 1}\ndata:\ndata: last\n\n"))
        .containsExactly(message("{\"a\":\n1}\n\nlast"));
  }

  @Test
  void commentsAndKeepAlivesAreIgnored() {
    assertThat(decodeAllWays(": keep-alive\n\n:\ndata: a\n: inside an event\ndata: b\n\n: ping\n\n"))
        .containsExactly(message("a\nb"));
  }

  @Test
  void eventTypeAppliesToOneEventAndIdPersists() {
    assertThat(decodeAllWays("event: delta\nid: 7\ndata: x\n\ndata: y\n\nid\ndata: z\n\n"))
        .containsExactly(new Event("delta", "x", "7"), new Event("message", "y", "7"), new Event("message", "z", ""));
  }

  @Test
  void idWithNullIsIgnored() {
    assertThat(decode("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n"))
        .containsExactly(new Event("message", "a", "1"), new Event("message", "b", "1"));
  }

  @Test
  void retryTakesOnlyDigits() {
    List<Event> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder((type, data, length, id) -> events.add(null));
    feed(decoder, "retry: 1500\n\n");
    assertThat(decoder.retryMillis()).isEqualTo(1500);
    feed(decoder, "retry: 2s\nretry:\n\n");
    assertThat(decoder.retryMillis()).isEqualTo(1500);
    assertThat(events).isEmpty();
  }

  @Test
  void fieldWithoutColonHasEmptyValueAndOnlyOneSpaceIsStripped() {
    assertThat(decodeAllWays("data\n\ndata:  two spaces\n\ndata:none\n\n"))
        .containsExactly(message(""), message(" two spaces"), message("none"));
  }

  @Test
  void unknownFieldsAndEventsWithoutDataAreNotDispatched() {
    assertThat(decodeAllWays("foo: bar\nevent: ping\n\ndata: a\n\n")).containsExactly(message("a"));
  }

  @Test
  void aFinalEventWithoutBlankLineOrLineEndIsFlushedAtEnd() {
    assertThat(decodeAllWays("data: a\n\ndata: [DONE]")).containsExactly(message("a"), message("[DONE]"));
    assertThat(decodeAllWays("data: a\n\ndata: [DONE]\n")).containsExactly(message("a"), message("[DONE]"));
  }

  @Test
  void nothingIsDispatchedBeforeTheBlankLineArrives() {
    List<String> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder((type, data, length, id) -> events.add(new String(data, 0, length, StandardCharsets.UTF_8)));
    feed(decoder, "data: a\n");
    assertThat(events).isEmpty();
    feed(decoder, "\ndata: b");
    assertThat(events).containsExactly("a");
    decoder.end();
    assertThat(events).containsExactly("a", "b");
  }

  @Test
  void multiByteCharactersSplitAcrossReadsSurvive() {
    // € is 3 bytes (E2 82 AC), 😀 is 4 (F0 9F 98 80): every cut inside them is tried by decodeAllWays.
    assertThat(decodeAllWays("data: {\"content\":\"5 €\"}\n\ndata: 😀😀\n\n"))
        .containsExactly(message("{\"content\":\"5 €\"}"), message("😀😀"));
    byte[] body = "data: x😀y\n\n".getBytes(StandardCharsets.UTF_8);
    for (int cut = 8; cut <= 11; cut++) {
      assertThat(decode(body, cut)).as("cut at %d", cut).containsExactly(message("x😀y"));
    }
  }

  @Test
  void aLeadingByteOrderMarkIsDropped() {
    assertThat(decodeAllWays("\uFEFFdata: a\n\n")).containsExactly(message("a"));
  }

  @Test
  void byteBufferInputIsReadWithoutMovingItsPosition() {
    List<String> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder((type, data, length, id) -> events.add(new String(data, 0, length, StandardCharsets.UTF_8)));
    byte[] bytes = "XXdata: heap\n\ndata: direct\n\n".getBytes(StandardCharsets.UTF_8);
    ByteBuffer heap = ByteBuffer.wrap(bytes, 2, 12);
    ByteBuffer sliced = ByteBuffer.wrap(bytes, 2, 12).slice(); // array offset 2, position 0
    ByteBuffer direct = ByteBuffer.allocateDirect(14).put(bytes, 14, 14).flip();
    decoder.feed(heap);
    decoder.feed(sliced);
    decoder.feed(direct);
    assertThat(events).containsExactly("heap", "heap", "direct");
    assertThat(heap.position()).isEqualTo(2);
    assertThat(sliced.position()).isZero();
    assertThat(direct.position()).isZero();
  }

  @Test
  void longLinesSpanningManyReadsAreKept() {
    String big = "x".repeat(100_000);
    byte[] body = ("data: " + big + "\n\n").getBytes(StandardCharsets.UTF_8);
    assertThat(decode(body, 1000, 50_000, 99_999)).containsExactly(message(big));
  }

  @Test
  void lineEndScanFindsTheFirstCrOrLfAmongAnyBytes() {
    // Bytes one bit away from CR/LF, NUL, UTF-8 continuation bytes: all must be told apart from line ends.
    byte[] fillers = {0x00, 0x01, 0x09, 0x0B, 0x0C, 0x0E, 0x1A, 0x2D, (byte) 0x8A, (byte) 0x8D, (byte) 0xFF, 'a'};
    java.util.Random random = new java.util.Random(42);
    for (int run = 0; run < 20_000; run++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int k = 0; k < bytes.length; k++) {
        int pick = random.nextInt(20); // about one line end in ten bytes
        bytes[k] = pick == 0 ? (byte) '\n' : pick == 1 ? (byte) '\r' : fillers[pick % fillers.length];
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      assertThat(SseDecoder.indexOfLineEnd(bytes, from, bytes.length)).as("%s from %d", java.util.Arrays.toString(bytes), from)
          .isEqualTo(naiveIndexOfLineEnd(bytes, from, bytes.length));
    }
  }

  private static int naiveIndexOfLineEnd(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n' || bytes[i] == '\r') {
        return i;
      }
    }
    return -1;
  }

  @Test
  void feedingAfterEndIsAnError() {
    SseDecoder decoder = new SseDecoder((type, data, length, id) -> { });
    decoder.end();
    assertThatThrownBy(() -> feed(decoder, "data: a\n\n"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already ended");
  }

  private static void feed(SseDecoder decoder, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    decoder.feed(bytes, 0, bytes.length);
  }
}
