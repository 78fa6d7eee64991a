package rightsize.emulator.truth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A long run's ground truth: with the requests detail, its memory does not grow with the chunks sent. */
class GroundTruthMemoryTest {

  @Test
  void aRequestOfAHundredThousandChunksHoldsNoneOfThemUnlessAskedTo() {
    for (boolean keepChunks : new boolean[] {true, false}) {
      GroundTruth truth = new GroundTruth(keepChunks);
      TruthRecorder r = truth.begin("long-1", "azure-openai", 0);
      r.request("d", true, 10, 100_000, 100_000);
      r.chunk(ChunkKind.ROLE, 0, 1_000, 1_000);
      for (int i = 0; i < 100_000; i++) {
        // Every tenth chunk 2 ms late, the others on time.
        long due = 2_000 + i * 50_000L;
        r.chunk(ChunkKind.CONTENT, 1, due, due + (i % 10 == 0 ? 2_000_000 : 0));
      }
      r.end(Outcome.OK, 6_000_000_000L);

      assertThat(r.retainedChunks()).as("keepChunks %s", keepChunks).isEqualTo(keepChunks ? 100_001 : 0);
      RequestTruth t = truth.request("long-1").orElseThrow();
      assertThat(t.chunks()).hasSize(keepChunks ? 100_001 : 0);
      assertThat(t.chunkCount()).isEqualTo(100_001);
      assertThat(t.sentCompletionTokens()).isEqualTo(100_000);
      assertThat(t.firstContentScheduledNanos()).isEqualTo(2_000);
      assertThat(t.firstContentNanos()).isEqualTo(2_002_000);
      assertThat(t.maxLateNanos()).isEqualTo(2_000_000);
      assertThat(t.meanLateNanos()).isEqualTo(10_000 * 2_000_000L / 100_001);
    }
  }
}
