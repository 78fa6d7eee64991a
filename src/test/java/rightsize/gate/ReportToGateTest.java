package rightsize.gate;

import rightsize.cli.GateMain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.config.RightsizeSettings;
import rightsize.record.LoadUnit;
import rightsize.record.RecordWriter;
import rightsize.record.RequestRecord;
import rightsize.record.Status;
import rightsize.report.ReportGenerator;
import rightsize.report.ReportRequest;

/**
 * The real report writes tradeoffs.json from record files, with and without a baseline, and the gate
 * judges it: the two sides agree on the schema and on what a regression, an SLO miss and a broken run are.
 */
class ReportToGateTest {
  private static final String DEPLOYMENT = "Standard_F4s_v2";
  private static final long T0 = 1_795_000_000_000_000L;

  @TempDir Path dir;

  /** {@code n} requests of one 10-user step; ttft and e2e grow by a few ms per request. */
  private static Path records(Path runDir, String runId, int n, double ttftMs, Status status) {
    Path file = runDir.resolve("records.jsonl");
    try (RecordWriter writer = new RecordWriter(file)) {
      for (int i = 0; i < n; i++) {
        boolean ok = status.isOk();
        writer.write(
            new RequestRecord(
                runId, "injector-1", "chatbot", DEPLOYMENT, "emulator", DEPLOYMENT, "10 users", 10,
                LoadUnit.USERS, false, "chat", "req-" + i, T0 + i * 500_000L,
                ok ? ttftMs + i : null,
                ok ? ttftMs + 4000 + i : 3.0,
                null,
                ok ? new RequestRecord.Tokens(200, 150, 0, 0, RequestRecord.TokenSource.usage) : null,
                ok ? "stop" : null,
                status, ok ? 200 : null, null, ok ? null : "connection refused", null));
      }
    }
    return file;
  }

  private static Path report(Path runDir, Path baseline) {
    ReportRequest request = ReportRequest.of(runDir).withRecords(List.of(runDir.resolve("records.jsonl")));
    new ReportGenerator(RightsizeSettings.reference())
        .generate(baseline == null ? request : request.withBaseline(baseline));
    return runDir;
  }

  private static int gate(Path runDir) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return GateMain.run(new String[] {"gate", "--run", runDir.toString()}, new CiEnvironment(Map.of(), quiet), quiet, quiet);
  }

  private Path night(String id, int n, double ttftMs, Status status, Path baseline) {
    Path runDir = dir.resolve(id);
    records(runDir, id, n, ttftMs, status);
    return report(runDir, baseline);
  }

  @Test
  void aNightLikeTheLastPasses() throws Exception {
    Path first = night("night-1", 40, 500, Status.OK, null);
    Path second = night("night-2", 40, 505, Status.OK, first);

    assertThat(gate(first)).isZero();
    assertThat(gate(second)).isZero();
    assertThat(Files.readString(second.resolve(GateSummary.FILE_NAME)))
        .contains("Compared with baseline run night-1.")
        .contains("| pass | regression | " + DEPLOYMENT + " | 10 users vs baseline | p95 ttft +");
  }

  @Test
  void aSlowerNightIsARegressionTheReportFlaggedAndTheGateReports() throws Exception {
    Path first = night("night-1", 40, 500, Status.OK, null);
    Path second = night("night-2", 40, 800, Status.OK, first);

    assertThat(gate(second)).isEqualTo(ExitCode.REGRESSION.code());
    String junit = Files.readString(second.resolve(JUnitXml.FILE_NAME));
    assertThat(junit).contains("name=\"10 users p95 ttft\"").contains("<failure type=\"regression\"");
    assertThat(BaselineFinder.find(dir).orElseThrow().runId()).isEqualTo("night-2");
  }

  @Test
  void aNightBeyondTheSloFailsTheSlo() {
    // The default SLO: p95 ttft at most 2 s.
    Path run = night("night-1", 40, 2500, Status.OK, null);

    assertThat(gate(run)).isEqualTo(ExitCode.SLO_FAILED.code());
  }

  @Test
  void aNightWhoseTargetWasUnreachableIsBrokenAndNeverABaseline() throws Exception {
    Path first = night("night-1", 40, 500, Status.OK, null);
    Path broken = night("night-2", 40, 500, Status.CONNECT_FAILED, first);

    assertThat(gate(broken)).isEqualTo(ExitCode.BROKEN_RUN.code());
    assertThat(Files.readString(broken.resolve(GateSummary.FILE_NAME)))
        .contains("0 of 40 requests ok (40 connect_failed): the target is unreachable");
    assertThat(BaselineFinder.find(dir).orElseThrow().runId()).isEqualTo("night-1");
  }
}
