package rightsize.run;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rightsize.config.InvalidConfigException;
import rightsize.config.RightsizeSettings;
import rightsize.injector.InjectorFile;
import rightsize.injector.InjectorMonitor;
import rightsize.record.RecordWriter;
import rightsize.record.RequestRecord;
import rightsize.record.RunEvent;

/**
 * The run this JVM is making: its id, its folder {@code <results-dir>/<run-id>/}, the record file
 * {@code records.jsonl} in it, the listeners that see every record as it is written, and the load
 * generator's own health ({@code injector.jsonl}) from start to close.
 */
public final class RightsizeRun implements AutoCloseable {
  /** The record file's name inside the run folder. */
  public static final String RECORD_FILE = "records.jsonl";

  /** {@link RightsizeSettings#STATUS_FILE} while a run is under way (or after it was killed). */
  public static final String STATUS_RUNNING = "running";

  private static final Logger LOG = LoggerFactory.getLogger(RightsizeRun.class);
  private static RightsizeRun current;

  private final RightsizeSettings settings;
  private final Path folder;
  private final RecordWriter writer;
  private final InjectorMonitor monitor;
  private final List<Consumer<RequestRecord>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong started = new AtomicLong();
  private final Thread shutdownHook;
  private volatile boolean closed;

  private RightsizeRun(RightsizeSettings settings) {
    this.settings = settings;
    this.folder = settings.run().folder();
    this.writer = new RecordWriter(folder.resolve(RECORD_FILE));
    writer.mark(RunEvent.start(Instant.now(), settings.run().id(), settings.run().injector()));
    // Latencies are timed here: the report flags steps during which this JVM was too late to time them.
    this.monitor = InjectorMonitor.toFile(folder.resolve(InjectorFile.NAME), settings.run().injector());
    // A run killed midway (Ctrl-C, maxDuration) still leaves its buffered lines on disk, but no end
    // line: the report says the run was interrupted.
    this.shutdownHook = new Thread(() -> closeQuietly(false), "rightsize-run-close");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    LOG.info("rightsize run {}: records go to {}", id(), writer.file());
    RightsizeSettings.writeStatus(settings.run().resultsDir(), STATUS_RUNNING + " " + id());
  }

  /**
   * The open run of this JVM, started on first use from {@link RightsizeSettings#loadOrExit()}: an
   * invalid configuration prints its problems and exits with {@link
   * rightsize.config.InvalidConfigException#EXIT_CODE} before any load.
   */
  public static synchronized RightsizeRun current() {
    if (current == null || current.closed) {
      RightsizeSettings settings = RightsizeSettings.loadOrExit();
      try {
        current = new RightsizeRun(settings);
      } catch (UncheckedIOException e) {
        throw RightsizeSettings.exitInvalid(new InvalidConfigException(List.of("rightsize.run.results-dir '"
            + settings.run().resultsDir() + "' cannot hold the run's files (" + e.getMessage() + "): point it at a folder this user can write "
            + settings.where("rightsize.run.results-dir"))));
      }
    }
    return current;
  }

  /**
   * Starts the run of this JVM with {@code settings}; fails if one is already open (there is one
   * run per JVM: close it first).
   */
  public static synchronized RightsizeRun start(RightsizeSettings settings) {
    if (current != null && !current.closed) {
      throw new IllegalStateException("run " + current.id() + " is still open: close it before starting another");
    }
    current = new RightsizeRun(settings);
    return current;
  }

  public String id() {
    return settings.run().id();
  }

  public RightsizeSettings settings() {
    return settings;
  }

  /** The run's folder, {@code <results-dir>/<run-id>/}. */
  public Path folder() {
    return folder;
  }

  /** The record file, {@code <folder>/records.jsonl}. */
  public Path recordFile() {
    return writer.file();
  }

  /** The load generator's health, one line per second ({@link InjectorMonitor}): {@code <folder>/injector.jsonl}. */
  public Path injectorFile() {
    return folder.resolve(InjectorFile.NAME);
  }

  /**
   * Has the run's monitor measure how late the client's I/O event loops and Gatling's own event
   * loops run what is due on them ({@code client_lag}, {@code gatling_lag} in injector.jsonl); the
   * first call of each counts.
   */
  public void watchEventLoops(Iterable<? extends ScheduledExecutorService> client,
      Iterable<? extends ScheduledExecutorService> gatling) {
    monitor.watchClientLoops(client);
    monitor.watchGatlingLoops(gatling);
  }

  /** Calls {@code listener} with every record written from now on, on the thread that writes it (keep it quick). */
  public void onRecord(Consumer<RequestRecord> listener) {
    listeners.add(listener);
  }

  /** Counts a request as started; every started request must later {@link #record} exactly once. */
  public void requestStarted() {
    started.incrementAndGet();
  }

  /** Writes {@code record} to the record file and passes it to the listeners. */
  public void record(RequestRecord record) {
    writer.write(record);
    for (Consumer<RequestRecord> l : listeners) {
      try {
        l.accept(record);
      } catch (RuntimeException e) {
        LOG.error("a record listener failed; the record is written, the listener missed it", e);
      }
    }
  }

  /** Requests started so far. */
  public long started() {
    return started.get();
  }

  /** Records written so far. */
  public long recorded() {
    return writer.written();
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Ends the run cleanly: writes the record file's end line (docs/records.md), flushes and closes it
   * and stops the load generator's monitor; records arriving later are refused.
   */
  @Override
  public void close() {
    close(true);
  }

  private synchronized void close(boolean clean) {
    if (closed) {
      return;
    }
    closed = true;
    if (clean) {
      writer.mark(RunEvent.end(Instant.now(), id(), settings.run().injector(), writer.written()));
    }
    writer.close();
    monitor.close();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Called from the hook itself during JVM shutdown.
    }
    if (started.get() != writer.written()) {
      LOG.warn("run {}: {} requests started but {} records written (requests still in flight when the run ended)", id(), started.get(), writer.written());
    }
  }

  private void closeQuietly(boolean clean) {
    try {
      close(clean);
    } catch (RuntimeException e) {
      LOG.error("closing run {} failed", id(), e);
    }
  }
}
