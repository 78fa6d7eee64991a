package rightsize.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineFinderTest {
  @TempDir Path dir;

  @Test
  void picksTheNewestValidRunSkippingBrokenAndUnreadableOnes() throws Exception {
    TradeoffsFixture.run(dir, "night-1", "2026-11-24T02:17:00Z", 100, 100, true, null, false);
    Path expected = TradeoffsFixture.run(dir.resolve("nested/results"), "night-2", "2026-11-25T02:17:00Z", 100, 90, false, null, false);
    // Newer but nothing answered: no yardstick.
    TradeoffsFixture.run(dir, "night-3", "2026-11-26T02:17:00Z", 100, 0, false, null, false);
    Files.createDirectories(dir.resolve("night-4"));
    Files.writeString(dir.resolve("night-4/tradeoffs.json"), "{\"truncated\": ");

    var baseline = BaselineFinder.find(dir).orElseThrow();

    assertThat(baseline.folder()).isEqualTo(expected);
    assertThat(baseline.runId()).isEqualTo("night-2");
    assertThat(baseline.started()).isEqualTo(Instant.parse("2026-11-25T02:17:00Z"));
  }

  @Test
  void aDownloadedArtifactIsItselfTheRunFolder() {
    Path artifact = TradeoffsFixture.run(dir, "baseline-download", "2026-11-25T02:17:00Z", 10, 10, true, null, false);

    assertThat(BaselineFinder.find(artifact).orElseThrow().folder()).isEqualTo(artifact);
  }

  @Test
  void noFolderOrNoRunMeansNoBaseline() throws Exception {
    assertThat(BaselineFinder.find(dir.resolve("missing"))).isEmpty();
    Files.writeString(dir.resolve("records.jsonl"), "");
    assertThat(BaselineFinder.find(dir)).isEmpty();
  }
}
