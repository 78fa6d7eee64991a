package rightsize.chat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import rightsize.config.WireFormatSettings;
import rightsize.secret.Secret;

/**
 * Reads one answer in one wire format, event by event (SSE) or as one JSON document, and keeps
 * what the response delivered: the arrival of every content-bearing event, the text, the usage and
 * how it ended. Subclasses read a format's JSON; the timing and the bookkeeping are here, the same
 * for every format.
 */
abstract class AnswerInterpreter {

  static final int MAX_MESSAGE_CHARS = 200;

  private final byte[] endMarker;
  private final boolean bodyEndCompletes;

  private int events;
  /** The data is a whole non-streaming body rather than SSE events. */
  private boolean document;
  private boolean done;
  private long endNanos = -1;
  private long[] arrivals = new long[64];
  private int arrivalCount;
  private int contentChunks;
  private int firstContentEvent = -1;

  final StringBuilder text = new StringBuilder(256);
  String finishReason;
  ChatOutcome.Usage usage;
  boolean contentFiltered;
  private String malformed;

  /**
   * @param endMarker the data of the event that ends a stream ([DONE]), or null for none
   * @param bodyEndCompletes whether the end of the body completes a stream (no end marker, the
   *     server closes: prompt flow)
   */
  AnswerInterpreter(String endMarker, boolean bodyEndCompletes) {
    this.endMarker = endMarker == null || endMarker.isEmpty() ? null : endMarker.getBytes(StandardCharsets.UTF_8);
    this.bodyEndCompletes = bodyEndCompletes;
  }

  /** The interpreter of {@code format}. */
  static AnswerInterpreter of(WireFormatSettings format) {
    if (format instanceof WireFormatSettings.PromptFlow p) {
      return PointerInterpreter.promptFlow(p);
    }
    if (format instanceof WireFormatSettings.AmlChat) {
      return PointerInterpreter.amlChat();
    }
    if (format instanceof WireFormatSettings.Custom c) {
      return PointerInterpreter.custom(c);
    }
    return new ChunkInterpreter();
  }

  /**
   * Reads one event's JSON data ({@code data[offset..offset+length)}, trimmed, not empty) that
   * arrived at {@code nowNanos}; returns whether it carried content (text, or a call fragment),
   * which times it.
   */
  abstract boolean readEvent(byte[] data, int offset, int length, int eventIndex, long nowNanos);

  /** Reads a whole non-streaming body (not empty) that ended at {@code nowNanos}; returns whether it carried content. */
  abstract boolean readDocument(byte[] body, int length, long nowNanos);

  /** Called once the body ended: a format that must find something in it says here what was missing. */
  void onBodyEnded() {}

  /** What a complete stream ends with, for the message of a stream cut short, e.g. "[DONE] or a finish reason". */
  abstract String expectedEnd();

  /** Reads the data of one SSE event that arrived at {@code nowNanos}. */
  final void onEvent(byte[] data, int length, long nowNanos) {
    if (done) {
      return; // the end marker ends the response; nothing after it belongs to it
    }
    int eventIndex = events++;
    int start = 0;
    int end = length;
    while (start < end && isJsonWhitespace(data[start])) {
      start++;
    }
    while (end > start && isJsonWhitespace(data[end - 1])) {
      end--;
    }
    if (start == end) {
      return; // a blank data line carries nothing
    }
    if (endMarker != null && Arrays.equals(data, start, end, endMarker, 0, endMarker.length)) {
      done = true;
      endNanos = nowNanos;
      return;
    }
    if (readEvent(data, start, end - start, eventIndex, nowNanos)) {
      arrived(eventIndex, nowNanos);
    }
  }

  /** Reads a whole non-streaming response body that ended at {@code nowNanos}; the response is then done. */
  final void onDocument(byte[] body, int length, long nowNanos) {
    document = true;
    int eventIndex = events++;
    if (length == 0) {
      malformed("response body is empty");
    } else if (readDocument(body, length, nowNanos)) {
      arrived(eventIndex, nowNanos);
    }
    done = true;
    endNanos = nowNanos;
  }

  /** Marks the end of a streamed body at {@code nowNanos}; the end stays at the end marker when one came first. */
  final void onEnd(long nowNanos) {
    if (endNanos < 0) {
      endNanos = nowNanos;
    }
    if (bodyEndCompletes) {
      done = true;
    }
    onBodyEnded();
  }

  /** An event's content says the stream ends here, at {@code nowNanos} (a format's in-band end). */
  final void endStream(long nowNanos) {
    if (!document) {
      done = true;
      endNanos = nowNanos;
    }
  }

  private void arrived(int eventIndex, long nowNanos) {
    if (arrivalCount == arrivals.length) {
      arrivals = Arrays.copyOf(arrivals, arrivalCount * 2);
    }
    arrivals[arrivalCount++] = nowNanos;
    if (firstContentEvent < 0) {
      firstContentEvent = eventIndex;
    }
  }

  /** Appends {@code content} to the answer's text, counting a content chunk when it is not empty. */
  final void appendContent(CharSequence content) {
    if (content.length() > 0) {
      contentChunks++;
      text.append(content);
    }
  }

  final boolean done() {
    return done;
  }

  final boolean hasFirstContent() {
    return arrivalCount > 0;
  }

  /** Whether a whole body is being read rather than SSE events. */
  final boolean document() {
    return document;
  }

  final ChatOutcome outcome() {
    return new ChatOutcome(
        new ArrivalTimes(arrivals, arrivalCount), endNanos, done, text.toString(), finishReason, usage,
        contentFiltered, malformed, events, firstReasoningNanos(), reasoning(), callArguments(), otherChoices(),
        unknownShape(), !document);
  }

  /** Arrival of the first event that carried reasoning, or -1 (formats without reasoning). */
  long firstReasoningNanos() {
    return -1;
  }

  /** The streamed reasoning text, "" for formats without reasoning. */
  String reasoning() {
    return "";
  }

  /** The call arguments the answer carried, "" for formats without calls. */
  String callArguments() {
    return "";
  }

  /** Whether other choices than the first carried anything; false for formats without choices. */
  boolean otherChoices() {
    return false;
  }

  /** What the events this format could not place looked like, or null. */
  String unknownShape() {
    return null;
  }

  /** Events (or the body) whose answer text was not empty. */
  final int contentChunks() {
    return contentChunks;
  }

  /** 0-based index of the event that ended time-to-first-token, or -1. */
  final int firstContentEvent() {
    return firstContentEvent;
  }

  /** How a malformed message names the data: built only when one is written. */
  final String what(int eventIndex) {
    return document ? "response body" : "event " + eventIndex;
  }

  final void malformed(String description) {
    if (malformed == null) {
      // The first problem explains the rest. Its parts are the server's words: scrubbed whole here,
      // the quoted ones before they were shortened.
      malformed = Secret.redact(description);
    }
  }

  static boolean isJsonWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  /** A short, one-line, secret-free excerpt of the data for a message. */
  static String snippet(byte[] data, int offset, int length) {
    return truncate(new String(data, offset, length, StandardCharsets.UTF_8));
  }

  /** {@code s} on one line, scrubbed of secrets before it is shortened (a cut secret would no longer be recognised). */
  static String truncate(String s) {
    return Secret.shorten(s, MAX_MESSAGE_CHARS);
  }
}
