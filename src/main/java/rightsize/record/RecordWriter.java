package rightsize.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import rightsize.secret.ScrubbedFiles;
import rightsize.secret.ScrubbedLines;

/**
 * Appends {@link RequestRecord}s to a JSON-lines file, one whole line per record, flushed at least
 * every {@value #FLUSH_INTERVAL_MS} ms so a run killed midway leaves a readable file. Every line is
 * scrubbed of secrets as a whole ({@link ScrubbedLines}), whichever field carries one.
 */
public final class RecordWriter implements AutoCloseable {
  static final long FLUSH_INTERVAL_MS = 250;

  private final Path file;
  private final ScrubbedLines out;
  private final ScheduledExecutorService flusher;
  private final AtomicLong written = new AtomicLong();
  private boolean closed;

  /** Opens {@code file} for appending, creating it and its folders when missing. */
  public RecordWriter(Path file) {
    this.file = file;
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      this.out = ScrubbedFiles.appendLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open record file " + file + ": " + e.getMessage(), e);
    }
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rightsize-record-flusher");
              t.setDaemon(true);
              return t;
            });
    flusher.scheduleAtFixedRate(
        this::flushQuietly, FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  /** Appends one record as one line; safe to call from any thread. */
  public void write(RequestRecord record) {
    String line;
    try {
      line = RecordJson.WRITER.writeValueAsString(record);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize record: " + e.getMessage(), e);
    }
    append(line);
    written.incrementAndGet();
  }

  /**
   * Appends a run's start or end line ({@link RunEvent}) and hands it to the OS at once, so a kill
   * right after cannot lose it.
   */
  public void mark(RunEvent event) {
    try {
      append(RecordJson.EVENT_WRITER.writeValueAsString(event));
      synchronized (this) {
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write record file " + file + ": " + e.getMessage(), e);
    }
  }

  private void append(String line) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("record file " + file + " is closed");
      }
      try {
        out.append(line);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write record file " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Number of records written so far. */
  public long written() {
    return written.get();
  }

  public Path file() {
    return file;
  }

  private synchronized void flushQuietly() {
    if (closed) {
      return;
    }
    try {
      out.flush();
    } catch (IOException ignored) {
      // The next write reports the failure; a flusher thread has nobody to tell.
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    flusher.shutdownNow();
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close record file " + file + ": " + e.getMessage(), e);
    }
  }
}
