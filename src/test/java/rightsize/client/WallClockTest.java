package rightsize.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class WallClockTest {
  private static final Instant T = Instant.parse("2026-12-03T06:00:00Z");
  private static final long T_MICROS = T.getEpochSecond() * 1_000_000L;

  /** Clocks that answer from scripts: nanoTime readings in order, then the wall clock readings in order. */
  private static final class Script {
    final Deque<Long> nanos = new ArrayDeque<>();
    final Deque<Instant> walls = new ArrayDeque<>();

    WallClock clock() {
      return new WallClock(nanos::removeFirst, walls::removeFirst);
    }
  }

  @Test
  void theWrittenInstantIsTheNanoTimeReadingItselfOnTheWallClock() {
    Script s = new Script();
    s.nanos.addAll(List.of(1_000_000L, 1_004_000L));
    s.walls.add(T);
    WallClock clock = s.clock();

    // Anchor: T at the middle of its two nanoTime readings (1,002,000 ns).
    assertThat(clock.epochMicros(1_002_000L)).isEqualTo(T_MICROS);
    assertThat(clock.epochMicros(1_002_000L + 1_500_000L)).isEqualTo(T_MICROS + 1_500);
    // Two requests 250 us apart by nanoTime are 250 us apart on the wall clock, whatever happened between.
    assertThat(clock.epochMicros(500_002_000L) - clock.epochMicros(499_752_000L)).isEqualTo(250);
  }

  @Test
  void anAnchorReadAcrossADeschedulingIsTakenAgain() {
    Script s = new Script();
    // First try: 5 ms between the two nanoTime readings (the thread lost its CPU); the second is tight.
    s.nanos.addAll(List.of(0L, 5_000_000L, 6_000_000L, 6_002_000L));
    s.walls.addAll(List.of(T, T.plusNanos(6_001_000)));
    WallClock clock = s.clock();

    assertThat(clock.epochMicros(6_001_000L)).isEqualTo(T_MICROS + 6_001);
  }

  @Test
  void aWallClockSetByNtpIsFollowedWithinASecond() {
    Script s = new Script();
    s.nanos.addAll(List.of(0L, 2_000L));
    s.walls.add(T);
    WallClock clock = s.clock();
    assertThat(clock.epochMicros(900_000_000L)).isEqualTo(T_MICROS + 899_999);

    // 1.5 s later the wall clock was stepped 40 ms back: the next reading re-anchors on it.
    s.nanos.addAll(List.of(1_500_000_000L, 1_500_002_000L));
    s.walls.add(T.plusMillis(1_500 - 40));
    assertThat(clock.epochMicros(1_600_001_000L)).isEqualTo(T_MICROS + 1_600_000 - 40_000);
  }
}
