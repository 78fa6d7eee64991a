package rightsize.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import rightsize.metrics.RequestMetrics;
import rightsize.record.RequestRecord;

/** The benchmark must measure a correct read, or its figure means nothing. */
class SseParseBenchmarkTest {

  @Test
  void benchmarkStreamIsReadCompletelyBothWays() {
    for (String reads : new String[] {"per-event", "1460-byte-reads"}) {
      SseParseBenchmark benchmark = new SseParseBenchmark();
      benchmark.reads = reads;
      benchmark.setUp();

      RequestMetrics m = benchmark.readStream();

      assertThat(m.itl().count()).as(reads).isEqualTo(SseParseBenchmark.CONTENT_CHUNKS - 1);
      assertThat(m.tokens()).isEqualTo(new RequestRecord.Tokens(965, 256, 0, 0, RequestRecord.TokenSource.usage));
      assertThat(m.tpotMs()).isNotNull();
    }
    assertThat(SseParseBenchmark.azureStream()).hasSize(SseParseBenchmark.EVENTS);
  }
}
