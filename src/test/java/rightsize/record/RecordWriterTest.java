package rightsize.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.testing.SchedulingProbe;

class RecordWriterTest {

  private static RequestRecord record(String id) {
    return new RequestRecord("run", "injector-1", "chatbot", "Standard_F4s_v2", "emulator", "Standard_F4s_v2", "10 users",
        10, LoadUnit.USERS, false, "chat", id, 1_795_000_000_000_000L, 120.5, 3105.25, new RequestRecord.Itl(63, 42.7, 41.9, 88.0),
        new RequestRecord.Tokens(57, 64, null, null, RequestRecord.TokenSource.usage), "length", Status.OK, 200,
        null, null, null);
  }

  /**
   * What a reader finds while the writer is still open is what a run killed now would leave: every
   * record written, each on a whole line, within a second of the last write.
   */
  @Test
  void concurrentRecordsReachTheFileWholeWithinASecondWithoutClose(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("records.jsonl");
    int threads = 4;
    int perThread = 250; // about 300 kB: many times the writer's buffer, so lines also reach the file mid-run
    RecordWriter writer = new RecordWriter(file);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (SchedulingProbe probe = new SchedulingProbe()) {
      List<Callable<Void>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        writers.add(() -> {
          for (int i = 0; i < perThread; i++) {
            writer.write(record("t" + thread + "-" + i));
          }
          return null;
        });
      }
      for (Future<Void> done : pool.invokeAll(writers)) {
        done.get();
      }
      long lastWrite = System.nanoTime();

      Set<String> ids = new HashSet<>();
      RecordReader.ReadSummary summary;
      do {
        ids.clear();
        summary = RecordReader.read(file, r -> ids.add(r.requestId()));
      } while (summary.records() < threads * perThread && System.nanoTime() - lastWrite < 3_000_000_000L);
      double waitedMs = (System.nanoTime() - lastWrite) / 1e6;

      assertThat(summary.records()).isEqualTo(threads * perThread);
      assertThat(summary.unreadableLines()).as("no line torn or interleaved with another").isZero();
      assertThat(ids).hasSize(threads * perThread).contains("t0-0", "t3-249");
      // At least one flush a second; the bound widens by how late this machine ran a thread meanwhile.
      assertThat(waitedMs).isLessThanOrEqualTo(1000 + probe.worstMs());
      assertThat(writer.written()).isEqualTo(threads * perThread);
    } finally {
      pool.shutdownNow();
      writer.close();
    }
  }
}
