package rightsize.sse;

/** Receives the events an {@link SseDecoder} dispatches, one call per event. */
@FunctionalInterface
public interface SseListener {

  /**
   * One dispatched event.
   *
   * @param type the event type ({@code "message"} unless an {@code event:} field named another)
   * @param data the UTF-8 bytes of the event's data, its {@code data:} lines joined with {@code \n};
   *     only {@code data[0..length)} is valid, and only during this call (the decoder reuses it)
   * @param length number of valid bytes in {@code data}
   * @param lastEventId the last {@code id:} the stream set (it persists across events), or {@code ""}
   */
  void onEvent(String type, byte[] data, int length, String lastEventId);
}
