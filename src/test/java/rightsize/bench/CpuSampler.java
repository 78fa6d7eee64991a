package rightsize.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples the CPU time (user + system, all threads) of processes every 250 ms from
 * {@code /proc/<pid>/stat}, and the whole machine's from {@code /proc/stat}, so that the CPU each
 * used within any window can be read afterwards. Linux only.
 */
final class CpuSampler implements AutoCloseable {
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

  private final List<Series> series = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * The samples of one process (or of the machine, pid 0): wall-clock instant (epoch µs) and CPU
   * nanoseconds used so far.
   */
  static final class Series {
    private final long pid;
    private final List<long[]> samples = new ArrayList<>();

    private Series(long pid) {
      this.pid = pid;
    }

    /** CPU seconds used between {@code fromMicros} and {@code toMicros} (epoch µs), interpolated between samples. */
    synchronized double cpuSeconds(long fromMicros, long toMicros) {
      return (at(toMicros) - at(fromMicros)) / 1e9;
    }

    private double at(long micros) {
      long[] before = null;
      for (long[] s : samples) {
        if (s[0] >= micros) {
          if (before == null) {
            return s[1];
          }
          double f = (double) (micros - before[0]) / Math.max(1, s[0] - before[0]);
          return before[1] + f * (s[1] - before[1]);
        }
        before = s;
      }
      return before == null ? 0 : before[1];
    }

    private synchronized void sample() {
      try {
        long ticks = pid == 0 ? machineBusyTicks() : processTicks(pid);
        samples.add(new long[] {System.currentTimeMillis() * 1000, ticks * NANOS_PER_TICK});
      } catch (IOException | RuntimeException e) {
        // The process has ended: its last sample stands.
      }
    }
  }

  private static long processTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** All CPUs' busy time: every field of /proc/stat's "cpu" line but idle and iowait. */
  private static long machineBusyTicks() throws IOException {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = 0;
    for (int i = 1; i <= 8 && i < f.length; i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(f[i]);
      }
    }
    return busy;
  }

  /** CPU seconds the whole machine used over the {@code seconds} from now: a quietness probe. */
  static double machineBusySeconds(double seconds) throws IOException, InterruptedException {
    long before = machineBusyTicks();
    Thread.sleep((long) (seconds * 1000));
    return (machineBusyTicks() - before) * NANOS_PER_TICK / 1e9;
  }

  CpuSampler() {
    thread = new Thread(this::loop, "cpu-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts sampling process {@code pid}, or the whole machine for 0. */
  synchronized Series watch(long pid) {
    Series s = new Series(pid);
    s.sample();
    series.add(s);
    return s;
  }

  private void loop() {
    while (running) {
      List<Series> now;
      synchronized (this) {
        now = List.copyOf(series);
      }
      now.forEach(Series::sample);
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
