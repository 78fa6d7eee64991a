package rightsize.emulator.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ServingProfileTest {
  private final ServingProfile small = new ServingProfile("small", 1200, true, 20, 128, 16, 0);

  @Test
  void aLoneStreamDecodesAtTheSingleStreamRate() {
    assertThat(small.perStreamDecodeRate(1)).isEqualTo(20.0);
    assertThat(small.instanceDecodeRate(1)).isEqualTo(20.0);
  }

  @Test
  void perStreamRateFallsAsStreamsShareAndTheTotalReachesTheSaturatedRate() {
    // beta = (16 * 20 / 128 - 1) / 15 = 0.1
    assertThat(small.beta()).isCloseTo(0.1, within(1e-12));
    assertThat(small.perStreamDecodeRate(4)).isCloseTo(20 / 1.3, within(1e-9));
    assertThat(small.perStreamDecodeRate(8)).isLessThan(small.perStreamDecodeRate(4));
    assertThat(small.instanceDecodeRate(8)).isGreaterThan(small.instanceDecodeRate(4));
    assertThat(small.instanceDecodeRate(16)).isCloseTo(128, within(1e-9));
  }

  @Test
  void beyondSaturationTheTotalStaysFlatAndIsSharedEqually() {
    assertThat(small.instanceDecodeRate(32)).isCloseTo(128, within(1e-9));
    assertThat(small.perStreamDecodeRate(32)).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void prefillTimeIsPromptTokensOverThePrefillRate() {
    assertThat(small.prefillNanos(600)).isEqualTo(500_000_000L);
  }

  @Test
  void impossibleSaturatedRatesAreRefusedWithTheBoundsNamed() {
    assertThatThrownBy(() -> new ServingProfile("x", 100, true, 20, 400, 16, 0))
        .hasMessageContaining("saturated-decode-tokens-per-second must lie between");
    assertThatThrownBy(() -> new ServingProfile("x", 100, true, 20, 10, 16, 0))
        .hasMessageContaining("saturated-decode-tokens-per-second must lie between");
  }
}
