package rightsize.injector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InjectorLogTest {
  private static final long S = 1_795_000_000L;

  private static String line(String injector, long second, double stall, Double process, Double machine) {
    return InjectorFile.line(new InjectorSample(injector, second, 1000, stall, process, machine));
  }

  @Test
  void aWindowSeesTheWorstStallAndPeakCpuOfEveryInjectorSecondOverlappingIt(@TempDir Path run) throws Exception {
    Files.write(run.resolve("injector-lg-1.jsonl"), List.of(
        line("lg-1", S, 2.0, 0.10, 0.20),
        line("lg-1", S + 1, 120.0, 0.30, 0.40),
        line("lg-1", S + 2, 1.0, 0.20, 0.95),
        "{\"injector\": \"lg-1\", torn",
        line("lg-1", S + 5, 500.0, 0.99, 0.99)));
    Files.write(run.resolve("injector-lg-2.jsonl"), List.of(
        line("lg-2", S + 1, 3.0, 0.60, null),
        line("lg-2", S + 2, 4.0, null, 0.50)));
    Files.writeString(run.resolve("records.jsonl"), "");

    InjectorLog log = InjectorLog.read(run);
    assertThat(log.present()).isTrue();
    assertThat(log.inputs()).extracting(InjectorLog.Input::describe)
        .containsExactly("injector-lg-1.jsonl: 4 samples, 1 unreadable line", "injector-lg-2.jsonl: 2 samples");

    // From S+1.5 to S+2.5: the seconds S+1 and S+2 of both injectors.
    InjectorLoad load = log.during(S * 1_000_000 + 1_500_000, S * 1_000_000 + 2_500_000);
    assertThat(load).isEqualTo(new InjectorLoad(4, 120.0, "lg-1", Instant.ofEpochSecond(S + 1), 0.60, 0.95, null, null, null, null, null));
    // A window ending exactly where second S+1 begins still touches it; one starting at S+1's end does not.
    assertThat(log.during(S * 1_000_000, (S + 1) * 1_000_000).seconds()).isEqualTo(3);
    assertThat(log.during((S + 3) * 1_000_000, (S + 4) * 1_000_000 + 999_999)).isNull();
  }

  @Test
  void aWindowSumsTheGcPausesAndCompileTimeOfItsSecondsOverInjectors(@TempDir Path run) throws Exception {
    Files.write(run.resolve("injector-lg-1.jsonl"), List.of(
        InjectorFile.line(new InjectorSample("lg-1", S, 1000, 1.0, 0.5, 0.5, 0.5, 1, 2L, 40L, null, null)),
        InjectorFile.line(new InjectorSample("lg-1", S + 1, 1000, 1.0, 0.5, 0.5, 0.5, 1, 0L, 250L, null, null)),
        InjectorFile.line(new InjectorSample("lg-1", S + 2, 1000, 1.0, 0.5, 0.5, 0.5, 1, 5L, 900L, null, null))));
    // An older file, without either figure, adds nothing to them.
    Files.write(run.resolve("injector-lg-2.jsonl"), List.of(line("lg-2", S + 1, 1.0, 0.5, 0.5)));

    InjectorLoad firstTwo = InjectorLog.read(run).during(S * 1_000_000, S * 1_000_000 + 1_500_000);
    assertThat(firstTwo.seconds()).isEqualTo(3);
    assertThat(firstTwo.gcPauseMs()).isEqualTo(2L);
    assertThat(firstTwo.jitMs()).isEqualTo(290L);
    assertThat(InjectorLog.read(run).during((S + 2) * 1_000_000, (S + 2) * 1_000_000 + 1).jitMs()).isEqualTo(900L);
    assertThat(InjectorLog.read(run).during((S + 1) * 1_000_000 + 1, (S + 1) * 1_000_000 + 2).jitMs()).isEqualTo(250L);
  }

  @Test
  void aRunFolderWithoutInjectorFilesHasNoLog(@TempDir Path run) {
    InjectorLog log = InjectorLog.read(run);
    assertThat(log.present()).isFalse();
    assertThat(log.during(0, Long.MAX_VALUE)).isNull();
    assertThat(InjectorLog.read(run.resolve("missing")).present()).isFalse();
  }
}
