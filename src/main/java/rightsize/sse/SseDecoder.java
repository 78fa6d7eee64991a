package rightsize.sse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental decoder of a {@code text/event-stream} body (WHATWG HTML "server-sent events"
 * parsing), fed with the body's bytes as they arrive in reads of any size.
 *
 * <p>Bytes are buffered until a line is complete, so reads may split an event anywhere, even inside
 * a multi-byte UTF-8 character: line ends (CR, LF, CRLF) are ASCII and never occur inside one.
 * Data stays in bytes and is handed to the listener without decoding, so a consumer that parses
 * UTF-8 JSON directly allocates nothing here per event.
 *
 * <p>One deliberate departure from the spec: {@link #end()} dispatches a final event that lacks its
 * terminating blank line, because real servers end bodies with {@code data: [DONE]} and no newline.
 *
 * <p>Not thread-safe: one instance per response body.
 */
public final class SseDecoder {

  private static final byte LF = '\n';
  private static final byte CR = '\r';
  private static final String DEFAULT_TYPE = "message";
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final SseListener listener;

  /** Bytes of the current line when it spans reads; empty while lines are read in place. */
  private byte[] line = new byte[256];
  private int lineLength;
  /** The previous read ended with CR: an LF at the start of the next read belongs to it. */
  private boolean skipLeadingLf;
  /** Nothing decoded yet: a UTF-8 byte-order mark at the very start is dropped. */
  private boolean atStart = true;

  /**
   * Copies of direct buffers, one per thread: a copy is decoded before {@link #feed(ByteBuffer)}
   * returns, so all the decoders a thread feeds can share it (a listener must not feed another
   * decoder a direct buffer from inside its call).
   */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[8192]);

  private byte[] data = new byte[1024];
  private int dataLength;
  /** The current event's {@code event:} type, or null; the last one decoded is kept with its bytes. */
  private String eventType;
  private byte[] typeBytes = new byte[0];
  private String typeName = "";
  private byte[] idBytes = new byte[0];
  private String lastEventId = "";
  private long retryMillis = -1;
  private boolean ended;

  /** A decoder that reports each event to {@code listener}. */
  public SseDecoder(SseListener listener) {
    this.listener = listener;
  }

  /** Decodes the remaining bytes of {@code bytes} without changing its position. */
  public void feed(ByteBuffer bytes) {
    int n = bytes.remaining();
    if (bytes.hasArray()) {
      feed(bytes.array(), bytes.arrayOffset() + bytes.position(), n);
    } else {
      // A direct buffer (Netty's usual kind) has no array: copy through the thread's scratch array.
      byte[] scratch = SCRATCH.get();
      if (scratch.length < n) {
        scratch = new byte[Math.max(n, scratch.length * 2)];
        SCRATCH.set(scratch);
      }
      bytes.get(bytes.position(), scratch, 0, n);
      feed(scratch, 0, n);
    }
  }

  /** Decodes {@code bytes[offset..offset+length)}; events completed by them are dispatched now. */
  public void feed(byte[] bytes, int offset, int length) {
    if (ended) {
      throw new IllegalStateException("SSE body already ended: create a new SseDecoder per response");
    }
    int end = offset + length;
    int i = offset;
    if (skipLeadingLf && i < end) {
      if (bytes[i] == LF) {
        i++;
      }
      skipLeadingLf = false;
    }
    int lineStart = i;
    while ((i = indexOfLineEnd(bytes, i, end)) >= 0) {
      byte b = bytes[i];
      if (lineLength > 0) {
        appendToLine(bytes, lineStart, i - lineStart);
        processLine(line, 0, lineLength);
        lineLength = 0;
      } else {
        processLine(bytes, lineStart, i - lineStart);
      }
      i++;
      if (b == CR) {
        if (i < end) {
          if (bytes[i] == LF) {
            i++;
          }
        } else {
          skipLeadingLf = true;
        }
      }
      lineStart = i;
    }
    appendToLine(bytes, lineStart, end - lineStart);
  }

  /**
   * Index of the first CR or LF in {@code bytes[from..to)}, or -1. Tests eight bytes at a time
   * (a chunk's data line is hundreds of bytes long, and this scan touches every byte of the body).
   */
  static int indexOfLineEnd(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      long lf = word ^ 0x0A0A0A0A0A0A0A0AL;
      long cr = word ^ 0x0D0D0D0D0D0D0D0DL;
      // A byte of lf (cr) is zero where word holds LF (CR); the lowest flagged byte is exact.
      long found = ((lf - 0x0101010101010101L) & ~lf | (cr - 0x0101010101010101L) & ~cr) & 0x8080808080808080L;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == LF || bytes[i] == CR) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Marks the end of the body: a last line without line end is processed and a pending event
   * without its blank line is dispatched.
   */
  public void end() {
    if (ended) {
      return;
    }
    if (lineLength > 0) {
      processLine(line, 0, lineLength);
      lineLength = 0;
    }
    dispatch();
    ended = true;
  }

  /** The last valid {@code retry:} value in milliseconds, or -1 when the stream sent none. */
  public long retryMillis() {
    return retryMillis;
  }

  private void appendToLine(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return;
    }
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
    }
    System.arraycopy(bytes, offset, line, lineLength, length);
    lineLength += length;
  }

  private void processLine(byte[] bytes, int offset, int length) {
    if (atStart) {
      atStart = false;
      if (length >= 3 && bytes[offset] == (byte) 0xEF && bytes[offset + 1] == (byte) 0xBB
          && bytes[offset + 2] == (byte) 0xBF) {
        offset += 3;
        length -= 3;
      }
    }
    if (length == 0) {
      dispatch();
      return;
    }
    if (bytes[offset] == ':') {
      return; // comment, e.g. a keep-alive
    }
    int end = offset + length;
    int colon = offset;
    while (colon < end && bytes[colon] != ':') {
      colon++;
    }
    int nameLength = colon - offset;
    int valueStart = colon < end ? colon + 1 : end;
    if (valueStart < end && bytes[valueStart] == ' ') {
      valueStart++;
    }
    int valueLength = end - valueStart;
    if (is(bytes, offset, nameLength, "data")) {
      appendData(bytes, valueStart, valueLength);
    } else if (is(bytes, offset, nameLength, "event")) {
      setType(bytes, valueStart, valueLength);
    } else if (is(bytes, offset, nameLength, "id")) {
      setId(bytes, valueStart, valueLength);
    } else if (is(bytes, offset, nameLength, "retry")) {
      setRetry(bytes, valueStart, valueLength);
    }
    // Any other field is ignored, as the spec says.
  }

  private static boolean is(byte[] bytes, int offset, int length, String asciiName) {
    if (length != asciiName.length()) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (bytes[offset + k] != asciiName.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private void appendData(byte[] bytes, int offset, int length) {
    int needed = dataLength + length + 1;
    if (needed > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, needed));
    }
    System.arraycopy(bytes, offset, data, dataLength, length);
    dataLength += length;
    data[dataLength++] = LF;
  }

  private void setType(byte[] bytes, int offset, int length) {
    // Streams that name their events use a few names over and over: decode only a new one.
    if (!Arrays.equals(typeBytes, 0, typeBytes.length, bytes, offset, offset + length)) {
      typeBytes = Arrays.copyOfRange(bytes, offset, offset + length);
      typeName = new String(typeBytes, StandardCharsets.UTF_8);
    }
    eventType = typeName;
  }

  private void setId(byte[] bytes, int offset, int length) {
    for (int k = offset; k < offset + length; k++) {
      if (bytes[k] == 0) {
        return; // the spec ignores ids containing NULL
      }
    }
    // Streams that send ids usually repeat or increment them; decode only when they change.
    if (Arrays.equals(idBytes, 0, idBytes.length, bytes, offset, offset + length)) {
      return;
    }
    idBytes = Arrays.copyOfRange(bytes, offset, offset + length);
    lastEventId = new String(idBytes, StandardCharsets.UTF_8);
  }

  private void setRetry(byte[] bytes, int offset, int length) {
    if (length == 0 || length > 18) {
      return; // empty, or too long to be a sane delay: ignored like any invalid value
    }
    long value = 0;
    for (int k = offset; k < offset + length; k++) {
      byte b = bytes[k];
      if (b < '0' || b > '9') {
        return;
      }
      value = value * 10 + (b - '0');
    }
    retryMillis = value;
  }

  private void dispatch() {
    String type = eventType == null || eventType.isEmpty() ? DEFAULT_TYPE : eventType;
    eventType = null;
    if (dataLength == 0) {
      return; // an event without data is not dispatched
    }
    int length = dataLength - 1; // the last data line's LF
    dataLength = 0;
    listener.onEvent(type, data, length, lastEventId);
  }
}
