package rightsize.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small tradeoffs.json files for the gate's tests. */
final class TradeoffsFixture {
  private TradeoffsFixture() {}

  /** A run folder {@code dir/runId} whose one step of deployment F4 has {@code ok} of {@code requests} ok. */
  static Path run(Path dir, String runId, String started, long requests, long ok, boolean sloMet, String baseline, boolean regressed) {
    String json =
        """
        {"run_id": "%s", "started": "%s", "baseline": %s, "unreadable_lines": 0,
         "steps": [{"deployment": "F4", "step": "10 users", "requests": %d,
                    "statuses": {"ok": %d, "connect_failed": %d},
                    "slo": {"met": %s, "detail": "%s"}}],
         "regressions": %s}
        """
            .formatted(
                runId,
                started,
                baseline == null ? "null" : "{\"run_id\": \"" + baseline + "\"}",
                requests,
                ok,
                requests - ok,
                sloMet,
                sloMet ? "met" : "p95 ttft 2431 ms > 2000 ms",
                baseline == null
                    ? "[]"
                    : "[{\"deployment\": \"F4\", \"step\": \"10 users\", \"metric\": \"p95 ttft\", \"regressed\": "
                        + regressed
                        + ", \"detail\": \"1100 ms vs 800 ms (+37.5%, limit +10%)\"}]");
    Path folder = dir.resolve(runId);
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve(TradeoffsFile.FILE_NAME), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder;
  }
}
