package rightsize.emulator.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import rightsize.emulator.text.CompletionText;

/**
 * Content events of one shape: a fixed prefix, the text, a fixed suffix, written straight into one
 * pooled buffer (this runs for every chunk of every stream). Plan pieces are plain ASCII ({@link
 * CompletionText#isPlainAscii}), so they need no JSON escaping.
 */
final class SseText {
  private final byte[] prefix;
  private final byte[] suffix;

  /** Events {@code data: <jsonBefore><text><jsonAfter>} followed by a blank line. */
  SseText(String jsonBefore, String jsonAfter) {
    this.prefix = ("data: " + jsonBefore).getBytes(StandardCharsets.UTF_8);
    this.suffix = (jsonAfter + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  ByteBuf content(ByteBufAllocator alloc, String[] plan, int from, int to) {
    ByteBuf buf = alloc.buffer(prefix.length + (to - from) * 12 + suffix.length);
    buf.writeBytes(prefix);
    writePieces(buf, plan, from, to);
    return buf.writeBytes(suffix);
  }

  /** The event cut after the text, before its JSON closes. */
  ByteBuf malformed(ByteBufAllocator alloc, String[] plan, int from, int to) {
    ByteBuf buf = alloc.buffer(prefix.length + (to - from) * 12 + 2);
    buf.writeBytes(prefix);
    writePieces(buf, plan, from, to);
    return buf.writeByte('\n').writeByte('\n');
  }

  private static void writePieces(ByteBuf buf, String[] plan, int from, int to) {
    for (int i = from; i < to; i++) {
      buf.writeCharSequence(plan[i], StandardCharsets.US_ASCII);
    }
  }
}
