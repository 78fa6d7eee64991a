package rightsize.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side-by-side benchmark's GC figures come from logs of every collector it compares. */
class GcLogTest {

  @Test
  void countsTheStopTheWorldPausesOfEachCollectorWithinTheWindow(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("gc.log");
    Files.writeString(log, """
        [2026-12-02T22:11:49.575+0000] Using Serial
        [2026-12-02T22:11:53.694+0000] GC(0) Pause Full (Metadata GC Threshold) 76M->16M(365M) 70.301ms
        [2026-12-02T22:12:36.634+0000] GC(4) Pause Young (Allocation Failure) 159M->63M(365M) 72.529ms
        [2026-12-02T22:12:40.001+0000] GC(5) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms
        [2026-12-02T22:12:41.000+0000] GC(5)   Evacuate Collection Set: 3.1ms
        [2026-12-02T22:12:50.013+0000] GC(1) Pause Mark Start 0.009ms
        [2026-12-02T22:12:50.383+0000] GC(1) Concurrent Mark 370.127ms
        [2026-12-02T22:13:09.796+0000] GC(6) Pause Young (Allocation Failure) 165M->58M(365M) 2.684ms
        """);
    long from = micros("2026-12-02T22:12:00Z");
    long to = micros("2026-12-02T22:13:00Z");

    GcLog inWindow = GcLog.read(log, from, to);

    // Serial/Parallel young, G1 young and ZGC's pause; not the full GC before nor the young GC
    // after the window, not G1's phase line nor ZGC's concurrent phase.
    assertThat(inWindow.pauses()).isEqualTo(3);
    assertThat(inWindow.totalMs()).isEqualTo(72.529 + 3.456 + 0.009, within(1e-9));
    assertThat(inWindow.maxMs()).isEqualTo(72.529);
    assertThat(GcLog.read(dir.resolve("absent.log"), from, to)).isEqualTo(new GcLog(0, 0, 0));
  }

  private static long micros(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000 + i.getNano() / 1_000;
  }
}
