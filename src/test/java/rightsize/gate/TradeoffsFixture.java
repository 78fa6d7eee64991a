package rightsize.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small tradeoffs.json files in the report's schema (rightsize.tradeoffs/1, only the fields
 * the gate reads) for the gate's tests.
 */
final class TradeoffsFixture {
  private TradeoffsFixture() {}

  /**
   * A run folder {@code dir/runId} whose one step (deployment F4, "10 users") had {@code ok} of
   * {@code requests} ok, the rest connect_failed; compared with {@code baseline} when not null, with
   * p95 ttft flagged when {@code regressed}.
   */
  static Path run(
      Path dir, String runId, String started, long requests, long ok, boolean sloMet, String baseline, boolean regressed) {
    String slo =
        sloMet
            ? "{\"met\": true, \"breaches\": []}"
            : "{\"met\": false, \"breaches\": [{\"limit\": \"p95 ttft\", \"measured\": 2431.0, \"max\": 2000.0,"
                + " \"description\": \"p95 ttft 2431 ms > 2000 ms\"}]}";
    String comparison =
        baseline == null
            ? "\"baseline\": null, \"deltas\": [], \"regressions\": []"
            : "\"baseline\": {\"run_id\": \"" + baseline + "\", \"folder\": \"baseline-download\", \"notes\": []},"
                + " \"deltas\": [{\"deployment\": \"F4\", \"step\": \"10 users\", \"load\": 10.0,"
                + " \"p95_ttft_ms\": {\"baseline\": 800.0, \"current\": " + (regressed ? "1100.0" : "812.0")
                + ", \"change\": " + (regressed ? "0.375" : "0.015") + "},"
                + " \"error_rate\": {\"baseline\": 0.0, \"current\": 0.0, \"change\": 0.0}}],"
                + " \"regressions\": "
                + (regressed
                    ? "[{\"deployment\": \"F4\", \"step\": \"10 users\", \"metric\": \"p95_ttft_ms\", \"baseline\": 800.0,"
                        + " \"current\": 1100.0, \"change\": 0.375, \"threshold\": 0.1,"
                        + " \"description\": \"F4 10 users: p95 ttft 800 -> 1100 (+37.5%, threshold +10.0%)\"}]"
                    : "[]");
    String json =
        """
        {"schema": "rightsize.tradeoffs/1", "run_id": "%s", "started_at": "%s", "partial": false, "unreadable_lines": 0,
         "steps": [{"deployment": "F4", "vm_size": "Standard_F4s_v2", "step": "10 users", "load": 10.0,
                    "requests": %d, "ok": %d, "ko": %d, "status_counts": {"ok": %d, "connect_failed": %d},
                    "slo": %s}],
         %s,
         "gate": {"slo_met_at_every_step": %s, "regressions": %d, "partial": false, "gatling_agrees": true}}
        """
            .formatted(runId, started, requests, ok, requests - ok, ok, requests - ok, slo, comparison, sloMet, regressed ? 1 : 0);
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
