package rightsize.injector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InjectorMonitorTest {
  private static final long EPOCH_MILLIS = 1_795_000_000_000L;

  /** A clock that only moves when the monitor parks: each park lasts 1 ms plus the delay scripted for it. */
  private static final class ScriptedClock implements InjectorMonitor.Clock {
    private final Map<Integer, Long> lateNanos;
    private long nanos;
    private int parks;

    ScriptedClock(Map<Integer, Long> lateNanos) {
      this.lateNanos = lateNanos;
    }

    @Override
    public long nanoTime() {
      return nanos;
    }

    @Override
    public long epochMillis() {
      return EPOCH_MILLIS + nanos / 1_000_000;
    }

    @Override
    public void park(long period) {
      nanos += period + lateNanos.getOrDefault(parks++, 0L);
    }
  }

  /** Half a core of two in use by this JVM: a quarter of the CPUs it may use. */
  private static final class FixedCpu implements InjectorMonitor.Cpu {
    @Override
    public Double processCores() {
      return 0.5;
    }

    @Override
    public int cpus() {
      return 2;
    }

    @Override
    public Double machine() {
      return 0.5;
    }
  }

  @Test
  void eachSecondBecomesOneSampleWithItsWorstStall() {
    // Park 1499 wakes 120 ms late (in the second it ends), park 2600 0.3 ms late; all others on time.
    ScriptedClock clock = new ScriptedClock(Map.of(1499, 120_000_000L, 2600, 300_000L));
    List<InjectorSample> samples = new ArrayList<>();
    InjectorMonitor monitor = new InjectorMonitor("lg-1", samples::add, clock, new FixedCpu(), () -> 3, () -> 7L, null);
    for (int i = 0; i < 2900; i++) {
      monitor.wakeOnce();
    }
    monitor.close();

    // Wake i ends at (i + 1) ms, plus 120 ms from wake 1499 on: second 0 holds wakes 0..998, second 1
    // wakes 999..1878 (the stall ends in it, at 1.620 s), second 2 wakes 1879..2878, and the partial
    // second 3, handed on by close(), wakes 2879..2899.
    long s0 = EPOCH_MILLIS / 1000;
    assertThat(samples).containsExactly(
        sample(s0, 999, 0),
        sample(s0 + 1, 880, 120.0),
        sample(s0 + 2, 1000, 0.3),
        sample(s0 + 3, 21, 0));
    assertThat(monitor.worstStallMs()).isEqualTo(120.0);
  }

  /** A second of the scripted monitor: 3 ms of GC pauses and 7 ms of compiling each, no event loop watched. */
  private static InjectorSample sample(long second, int wakeups, double stallMs) {
    return new InjectorSample("lg-1", second, wakeups, stallMs, 0.25, 0.5, 0.5, 2, 3L, 7L, null, null);
  }

  @Test
  void aFailingSinkStopsTheSamplesButNotTheProbe() {
    ScriptedClock clock = new ScriptedClock(Map.of(2500, 40_000_000L));
    int[] calls = {0};
    InjectorMonitor monitor = new InjectorMonitor("lg-1", s -> {
      calls[0]++;
      throw new IllegalStateException("disk full");
    }, clock, new FixedCpu(), () -> 3, () -> 7L, null);
    for (int i = 0; i < 3000; i++) {
      monitor.wakeOnce();
    }
    monitor.close();
    assertThat(calls[0]).isEqualTo(1);
    assertThat(monitor.worstStallMs()).isEqualTo(40.0);
  }

  @Test
  void aRealRunWritesOneReadableLinePerSecond(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run").resolve(InjectorFile.NAME);
    long before = Instant.now().getEpochSecond();
    InjectorMonitor monitor = InjectorMonitor.toFile(file, "injector-1");
    Thread.sleep(300);
    monitor.close();
    long after = Instant.now().getEpochSecond();

    InjectorLog log = InjectorLog.read(dir.resolve("run"));
    assertThat(log.inputs()).singleElement().satisfies(i -> {
      assertThat(i.file()).isEqualTo(file);
      assertThat(i.unreadableLines()).isZero();
    });
    // 300 ms span one or two wall-clock seconds; close() hands on the last, partial one.
    assertThat(log.samples()).hasSizeBetween(1, 2).allSatisfy(s -> {
      assertThat(s.injector()).isEqualTo("injector-1");
      assertThat(s.epochSecond()).isBetween(before, after);
      assertThat(s.wakeups()).isPositive();
      assertThat(s.worstStallMs()).isGreaterThanOrEqualTo(0);
      if (s.processCpu() != null) {
        assertThat(s.processCpu()).isBetween(0.0, 1.0);
      }
      if (s.machineCpu() != null) {
        assertThat(s.machineCpu()).isBetween(0.0, 1.0);
      }
      // HotSpot tells its compile time: every second has it.
      assertThat(s.jitMs()).isNotNull().isNotNegative();
    });
    assertThat(log.samples().stream().mapToInt(InjectorSample::wakeups).sum()).isPositive();
    assertThat(Files.readAllLines(file).get(0)).startsWith("{\"injector\":\"injector-1\",\"epoch_s\":")
        .contains("\"wakeups\":").contains("\"worst_stall_ms\":").contains("\"process_cpu\":").contains("\"machine_cpu\":").contains("\"jit_ms\":");
    assertThat(monitor.worstStallMs()).isEqualTo(
        log.samples().stream().mapToDouble(InjectorSample::worstStallMs).max().orElseThrow(), org.assertj.core.api.Assertions.within(0.001));
  }
}
