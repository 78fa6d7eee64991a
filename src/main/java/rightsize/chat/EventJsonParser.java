package rightsize.chat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * A JSON parser that reads one event's data after another, reused by every response read on the
 * same thread, so that reading an event allocates nothing: no parser, context, symbol table or
 * buffer per event, and no String for a field it skips.
 *
 * <p>It is Jackson's non-blocking parser fed each event's whole data at once. That parser would
 * answer {@link JsonToken#NOT_AVAILABLE} where the data ends inside a value; here that is a syntax
 * error, as it is for a parser over a complete document. After any error, or data that is not
 * exactly one value, the underlying parser is replaced, since its state is then undefined.
 *
 * <p>Confined to its thread: {@link #forThisThread} gives each thread its own. Parsing an event is
 * synchronous and never re-entered, so one parser per thread serves all the responses that thread
 * reads.
 */
final class EventJsonParser extends JsonParserDelegate {

  private static final JsonFactory JSON = new JsonFactory();
  private static final ThreadLocal<EventJsonParser> PER_THREAD = ThreadLocal.withInitial(EventJsonParser::new);

  /** The underlying parser is at the start of a value: everything fed so far was read. */
  private boolean clean = true;

  private EventJsonParser() {
    super(newParser());
  }

  /** The parser of the calling thread. */
  static EventJsonParser forThisThread() {
    return PER_THREAD.get();
  }

  /**
   * Starts reading {@code data[offset..offset+length)}, which must hold one JSON value, and returns
   * its first token; {@link JsonToken#NOT_AVAILABLE} when the data ends before the first token is
   * complete (a bare number or an unfinished literal), or null for no token at all.
   */
  JsonToken start(byte[] data, int offset, int length) throws IOException {
    if (!clean) {
      delegate = newParser();
    }
    clean = false;
    ((ByteArrayFeeder) delegate.getNonBlockingInputFeeder()).feedInput(data, offset, offset + length);
    return delegate.nextToken();
  }

  /**
   * Whether the value just read was the whole of the data; call once its last token was read. If
   * it was, the parser is ready for the next {@link #start}.
   */
  boolean endsHere() throws IOException {
    clean = delegate.nextToken() == JsonToken.NOT_AVAILABLE;
    return clean;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken t = delegate.nextToken();
    if (t == JsonToken.NOT_AVAILABLE) {
      throw new JsonEOFException(this, null, "Unexpected end of the event's data inside a JSON value");
    }
    return t;
  }

  @Override
  public String nextFieldName() throws IOException {
    return nextToken() == JsonToken.FIELD_NAME ? delegate.currentName() : null;
  }

  private static JsonParser newParser() {
    try {
      return JSON.createNonBlockingByteArrayParser();
    } catch (IOException e) {
      throw new IllegalStateException("Jackson cannot create its non-blocking parser", e); // not done by any Jackson 2 version
    }
  }
}
