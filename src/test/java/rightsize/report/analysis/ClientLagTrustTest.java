package rightsize.report.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.client.ChatClient;
import rightsize.config.TrustThresholds;
import rightsize.injector.InjectorFile;
import rightsize.injector.InjectorLoad;
import rightsize.injector.InjectorLog;
import rightsize.injector.InjectorMonitor;
import rightsize.injector.InjectorSample;
import rightsize.injector.LoopLag;
import rightsize.report.model.TrustFlag;

/**
 * The monitor judges the client by its own event loops: a step during which a client loop was held
 * back is flagged, with the size of the effect; a step during which only the machine was busy is
 * not, and says "machine busy".
 */
class ClientLagTrustTest {
  private static final TrustThresholds LIMITS = new TrustThresholds(20, 100, 20.0, 0.90, 5.0, false);

  @Test
  void aStepWhoseClientLoopWasHeldBack50MsIsFlaggedWithTheSizeOfTheEffect(@TempDir Path run) throws Exception {
    Path file = run.resolve(InjectorFile.NAME);
    try (ChatClient client = new ChatClient(1)) {
      InjectorMonitor monitor = InjectorMonitor.toFile(file, "lg-1");
      monitor.watchClientLoops(client.eventLoops());
      ScheduledExecutorService loop = client.eventLoops().iterator().next();
      Thread.sleep(20);
      // What a slow callback or a parse of a huge event does: the loop reads nothing for 50 ms.
      loop.submit(() -> {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }).get(10, TimeUnit.SECONDS);
      Thread.sleep(20);
      monitor.close();
    }

    InjectorLog log = InjectorLog.read(run);
    InjectorLoad load = log.during(0, Long.MAX_VALUE);
    // Every tick due in the first 45 ms of the hold ran after it: at least 9 more than 5 ms late,
    // the first of them at least 45 ms late, however slow the machine (a slow machine only adds lag).
    assertThat(load.clientLag().loops()).isEqualTo(1);
    assertThat(load.clientLag().maxMs()).isGreaterThanOrEqualTo(45.0);
    assertThat(load.clientLag().over(5)).isGreaterThanOrEqualTo(9);
    assertThat(load.clientLag().over(20)).isGreaterThanOrEqualTo(6);
    assertThat(load.gcPauseMs()).isNotNull();
    assertThat(load.jitMs()).isNotNull();
    assertThat(load.peakProcessCores()).isNotNull();

    TrustFlag flag = new TrustCheck(LIMITS, log).overload(load).orElseThrow();
    assertThat(flag.check()).isEqualTo(TrustFlag.Check.INJECTOR_OVERLOAD);
    assertThat(flag.note()).startsWith("the client's event loops ran more than ")
        .contains("during 1% of the step").contains("limit 5.00 ms").contains(": its p99 latencies may be up to ");
  }

  @Test
  void aStepDuringWhichOnlyTheMachineWasBusyIsNotFlaggedButSaidBusy(@TempDir Path run) throws Exception {
    // Another process took the machine's CPUs (100%) and a sleeping thread woke 80 ms late, while the
    // client's loop ran every tick within 1 ms and this JVM used a tenth of a core.
    List<String> lines = new ArrayList<>();
    for (long s = 1_795_000_000L; s < 1_795_000_010L; s++) {
      lines.add(InjectorFile.line(new InjectorSample("lg-1", s, 990, s == 1_795_000_005L ? 80.0 : 3.0, 0.1, 1.0, 0.1, 1,
          0L, 0L, new LoopLag(1, 200, 0.9, Map.of()), new LoopLag(2, 400, 1.4, Map.of("1", 3L)))));
    }
    Files.write(run.resolve(InjectorFile.NAME), lines);

    InjectorLog log = InjectorLog.read(run);
    InjectorLoad load = log.during(0, Long.MAX_VALUE);
    TrustCheck check = new TrustCheck(LIMITS, log);

    assertThat(check.overload(load)).isEmpty();
    assertThat(check.machineBusy(load)).isTrue();
    assertThat(load.clientLag().ticks()).isEqualTo(2000);
    assertThat(load.clientLag().quantileMs(0.99)).isLessThanOrEqualTo(0.9);
  }

  @Test
  void aFlagSaysHowLongTheJitCompiledAndTheGcPausedInTheStep(@TempDir Path run) throws Exception {
    // A generator still compiling: in 2 of 10 seconds its client's loop ran 20-50 ms late while the
    // JIT compiled 700 ms; the other seconds compiled a little and ran every tick within 1 ms.
    List<String> lines = new ArrayList<>();
    for (long s = 1_795_000_000L; s < 1_795_000_010L; s++) {
      boolean late = s == 1_795_000_003L || s == 1_795_000_004L;
      LoopLag client = late ? new LoopLag(1, 200, 48.0, Map.of("1", 60L, "2", 50L, "3", 45L, "5", 40L, "10", 30L, "20", 12L))
          : new LoopLag(1, 200, 0.9, Map.of());
      lines.add(InjectorFile.line(new InjectorSample("lg-1", s, 990, 3.0, 0.6, 0.6, 0.6, 1, s == 1_795_000_004L ? 1L : 0L,
          late ? 700L : 10L, client, null)));
    }
    Files.write(run.resolve(InjectorFile.NAME), lines);

    InjectorLog log = InjectorLog.read(run);
    InjectorLoad load = log.during(0, Long.MAX_VALUE);
    assertThat(load.jitMs()).isEqualTo(1_480L);
    TrustFlag flag = new TrustCheck(LIMITS, log).overload(load).orElseThrow();
    assertThat(flag.note()).contains("; GC paused the JVM 1 ms in all; the JIT compiled for 1480 ms)");
  }

  @Test
  void theLagOfAShareOfTheTimeIsInterpolatedBetweenTheEdges() {
    // 1,000 ticks: 50 more than 2 ms late, 10 more than 3 ms, 5 more than 5 ms, the latest 7 ms.
    LoopLag lag = new LoopLag(1, 1000, 7.0, Map.of("1", 80L, "2", 50L, "3", 10L, "5", 5L));

    // 1% = 10 ticks: exactly the count over 3 ms.
    assertThat(lag.quantileMs(0.99)).isCloseTo(3.0, within(1e-9));
    // 0.5% = 5 ticks: exactly the count over 5 ms.
    assertThat(lag.quantileMs(0.995)).isCloseTo(5.0, within(1e-9));
    // 5% = 50 ticks: over 2 ms.
    assertThat(lag.quantileMs(0.95)).isCloseTo(2.0, within(1e-9));
    // 3% = 30 ticks: halfway between 50 (over 2) and 10 (over 3).
    assertThat(lag.quantileMs(0.97)).isCloseTo(2.5, within(1e-9));
    // 0.1% = 1 tick: beyond the last edge any tick passed, so the latest.
    assertThat(lag.quantileMs(0.999)).isEqualTo(7.0);
    assertThat(lag.plus(lag).over(3)).isEqualTo(20);
  }
}
