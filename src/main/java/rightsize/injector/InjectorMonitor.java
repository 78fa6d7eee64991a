package rightsize.injector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rightsize.secret.ScrubbedFiles;
import rightsize.secret.ScrubbedLines;

/**
 * Watches this load generator while it measures: how late the client's and Gatling's event loops
 * run a tick due every few milliseconds ({@link LoopLagProbe}), how late a daemon thread that asks
 * to wake every millisecond wakes, the JVM's and the machine's CPU, the GC pauses and the JIT's
 * compile time; each second becomes one {@link InjectorSample} for a sink (a run's {@value
 * InjectorFile#NAME}).
 *
 * <p>Why: latencies are timed on the client's event loops, so whatever delays them (its own backlog,
 * a GC pause, a CPU starved by other work, the JIT compiling on the same core) is inside them. The
 * loops' own lag is the client-side delay a response may have waited; the sleeping thread and the
 * machine's CPU say whether the machine was busy, which delays the client only when its loops show it.
 */
public final class InjectorMonitor implements AutoCloseable {
  static final long PERIOD_NANOS = 1_000_000;
  private static final Logger LOG = LoggerFactory.getLogger(InjectorMonitor.class);

  /** The time sources and the sleep the monitor uses: the JVM's, or a test's. */
  interface Clock {
    long nanoTime();

    long epochMillis();

    /** Sleeps about {@code nanos}, the way {@link LockSupport#parkNanos(long)} does. */
    void park(long nanos);

    Clock SYSTEM = new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public long epochMillis() {
        return System.currentTimeMillis();
      }

      @Override
      public void park(long nanos) {
        LockSupport.parkNanos(nanos);
      }
    };
  }

  /** CPU use since the previous reading; null when unknown. */
  interface Cpu {
    /** This JVM's CPU time over the wall time, in cores (1.0: one core all the time). */
    Double processCores();

    /** Share (0..1) of all the machine's (or container's) CPUs in use by everything on it. */
    Double machine();

    /** The CPUs this JVM may use. */
    default int cpus() {
      return Runtime.getRuntime().availableProcessors();
    }

    /** The JVM's own gauges ({@code com.sun.management.OperatingSystemMXBean}), or nulls without them. */
    static Cpu ofJvm() {
      if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
        return new Cpu() {
          @Override
          public Double processCores() {
            return null;
          }

          @Override
          public Double machine() {
            return null;
          }
        };
      }
      return new Cpu() {
        private long lastCpuNanos = os.getProcessCpuTime();
        private long lastNanos = System.nanoTime();

        @Override
        public Double processCores() {
          long cpu = os.getProcessCpuTime();
          long now = System.nanoTime();
          Double cores = cpu < 0 || lastCpuNanos < 0 || now <= lastNanos ? null : (cpu - lastCpuNanos) / (double) (now - lastNanos);
          lastCpuNanos = cpu;
          lastNanos = now;
          return cores;
        }

        @Override
        public Double machine() {
          double load = os.getCpuLoad();
          // Negative: not available on this platform (or not yet: the first reading has no interval).
          return load < 0 || Double.isNaN(load) ? null : Math.min(1, load);
        }
      };
    }
  }

  private final String injector;
  private final Consumer<InjectorSample> sink;
  private final Clock clock;
  private final Cpu cpu;
  private final LongSupplier gcPauseMs;
  private final Supplier<Long> jitMs;
  private final AutoCloseable resource;
  private volatile LoopLagProbe clientLoops;
  private volatile LoopLagProbe gatlingLoops;
  private Thread thread;
  private volatile boolean running;
  private volatile long worstNanos;
  private boolean sinkFailed;
  private boolean closed;

  // The second being sampled; touched only by the probing thread until it has stopped.
  private long second = Long.MIN_VALUE;
  private int wakeups;
  private long secondWorstNanos;

  InjectorMonitor(String injector, Consumer<InjectorSample> sink, Clock clock, Cpu cpu, LongSupplier gcPauseMs,
      Supplier<Long> jitMs, AutoCloseable resource) {
    this.injector = injector;
    this.sink = sink;
    this.clock = clock;
    this.cpu = cpu;
    this.gcPauseMs = gcPauseMs;
    this.jitMs = jitMs;
    this.resource = resource;
  }

  /** Starts watching this JVM, handing each second's sample to {@code sink} (on the monitor's thread: keep it quick). */
  public static InjectorMonitor start(String injector, Consumer<InjectorSample> sink) {
    GcPauses gc = new GcPauses();
    InjectorMonitor m = new InjectorMonitor(injector, sink, Clock.SYSTEM, Cpu.ofJvm(), gc::takeMs, new JitTime()::takeMs, gc);
    m.start();
    return m;
  }

  /**
   * Starts watching this JVM, appending each second's sample as one JSON line to {@code file}
   * (created with its folders when missing), flushed every second.
   */
  public static InjectorMonitor toFile(Path file, String injector) {
    // Load the JSON writer now: loaded by the first second's line, it could hold up the first timed requests.
    InjectorFile.line(new InjectorSample(injector, 0, 0, 0, null, null, null, null, null, null, new LoopLag(0, 0, 0, null), null));
    ScrubbedLines out;
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      out = ScrubbedFiles.appendLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the injector file " + file + ": " + e.getMessage(), e);
    }
    Consumer<InjectorSample> writeLine = sample -> {
      try {
        out.append(InjectorFile.line(sample));
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the injector file " + file + ": " + e.getMessage(), e);
      }
    };
    GcPauses gc = new GcPauses();
    InjectorMonitor m = new InjectorMonitor(injector, writeLine, Clock.SYSTEM, Cpu.ofJvm(), gc::takeMs, new JitTime()::takeMs, () -> {
      gc.close();
      out.close();
    });
    m.start();
    return m;
  }

  synchronized void start() {
    running = true;
    // The first CPU reading covers no interval yet; take it now so the first sample's covers its second.
    cpu.processCores();
    cpu.machine();
    gcPauseMs.getAsLong();
    jitMs.get();
    // At least one wake-up, however soon close() comes: every run then has a line to show for it.
    thread = new Thread(() -> {
      do {
        wakeOnce();
      } while (running);
    }, "rightsize-injector-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  /** Parks once for the period, notes how late it woke, and hands on the previous second when a new one began. */
  void wakeOnce() {
    long before = clock.nanoTime();
    clock.park(PERIOD_NANOS);
    long late = Math.max(0, clock.nanoTime() - before - PERIOD_NANOS);
    long now = Math.floorDiv(clock.epochMillis(), 1000);
    if (now != second) {
      emit();
      second = now;
    }
    wakeups++;
    secondWorstNanos = Math.max(secondWorstNanos, late);
    if (late > worstNanos) {
      worstNanos = late;
    }
  }

  private void emit() {
    if (wakeups > 0 && !sinkFailed) {
      Double cores = cpu.processCores();
      int cpus = cpu.cpus();
      LoopLagProbe client = clientLoops;
      LoopLagProbe gatling = gatlingLoops;
      InjectorSample s = new InjectorSample(injector, second, wakeups, round(secondWorstNanos / 1e6),
          cores == null ? null : round(Math.min(1, cores / cpus)), rounded(cpu.machine()), rounded(cores), cpus,
          gcPauseMs.getAsLong(), jitMs.get(), client == null ? null : client.take(), gatling == null ? null : gatling.take());
      try {
        sink.accept(s);
      } catch (RuntimeException e) {
        // Keep probing (worstStallMs() still answers), but stop writing: the report says nothing then.
        sinkFailed = true;
        LOG.warn("the load generator monitor stops writing its samples: {}", e.getMessage());
      }
    }
    wakeups = 0;
    secondWorstNanos = 0;
  }

  /**
   * Measures, from now on, how late the client's I/O event loops run what is due on them (each
   * sample's {@code client_lag}); a second call is ignored: the client of a JVM is one.
   */
  public synchronized void watchClientLoops(Iterable<? extends ScheduledExecutorService> loops) {
    if (clientLoops == null && !closed) {
      clientLoops = LoopLagProbe.start(loops);
    }
  }

  /** As {@link #watchClientLoops}, for Gatling's own event loops, on which virtual users run ({@code gatling_lag}). */
  public synchronized void watchGatlingLoops(Iterable<? extends ScheduledExecutorService> loops) {
    if (gatlingLoops == null && !closed) {
      gatlingLoops = LoopLagProbe.start(loops);
    }
  }

  /** The worst stall seen since the start, in milliseconds. */
  public double worstStallMs() {
    return worstNanos / 1e6;
  }

  /** Stops the thread, hands on the last (partial) second and closes the sink's file, if any. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    running = false;
    if (clientLoops != null) {
      clientLoops.stop();
    }
    if (gatlingLoops != null) {
      gatlingLoops.stop();
    }
    boolean interrupted = false;
    // The last second is handed on below, by this thread: only once the probing thread has ended.
    while (thread != null && thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    emit();
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("cannot close the load generator monitor's file: {}", e.getMessage());
      }
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static Double rounded(Double v) {
    return v == null ? null : round(v);
  }
}
