package rightsize.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rightsize.config.RightsizeSettings;
import rightsize.injector.InjectorLog;
import rightsize.injector.InjectorSample;
import rightsize.record.LoadUnit;
import rightsize.record.RecordReader;
import rightsize.record.RequestRecord;
import rightsize.record.Status;
import rightsize.report.ReportGenerator;
import rightsize.report.ReportSettings;
import rightsize.report.model.Tradeoffs;

class RightsizeRunTest {

  private static RequestRecord record(String id, Status status) {
    return new RequestRecord("r-1", "injector-1", "s", "d", "emulator", null, "1 user", 1, LoadUnit.USERS, false, "chat", id,
        1_795_000_000_000_000L,
        10.0, 20.0, null, new RequestRecord.Tokens(null, null, null, null, RequestRecord.TokenSource.none), null, status, null, null, null, null);
  }

  @Test
  void oneRunPerJvmWritesItsRecordsAndTellsItsListeners(@TempDir Path dir) throws Exception {
    RightsizeSettings settings = RightsizeSettings.from(
        ConfigFactory.parseString("rightsize.run { id = r-1, results-dir = \"" + dir + "\" }"), Map.<String, String>of()::get);
    RightsizeRun run = RightsizeRun.start(settings);
    try {
      assertThat(RightsizeRun.current()).isSameAs(run);
      assertThat(run.id()).isEqualTo("r-1");
      assertThat(run.folder()).isEqualTo(dir.resolve("r-1"));
      assertThat(run.recordFile()).isEqualTo(dir.resolve("r-1/records.jsonl"));
      assertThatThrownBy(() -> RightsizeRun.start(settings)).hasMessage("run r-1 is still open: close it before starting another");

      List<RequestRecord> seen = new ArrayList<>();
      run.onRecord(seen::add);
      run.onRecord(r -> {
        throw new IllegalStateException("a broken listener must not lose the record");
      });
      run.requestStarted();
      run.record(record("a", Status.OK));
      run.requestStarted();
      run.record(record("b", Status.THROTTLED));
      assertThat(seen).extracting(RequestRecord::requestId).containsExactly("a", "b");
      assertThat(run.started()).isEqualTo(2);
      assertThat(run.recorded()).isEqualTo(2);
    } finally {
      run.close();
    }
    assertThat(run.isClosed()).isTrue();
    assertThatThrownBy(() -> run.record(record("late", Status.OK))).isInstanceOf(IllegalStateException.class);
    List<RequestRecord> back = new ArrayList<>();
    RecordReader.ReadSummary summary = RecordReader.read(dir.resolve("r-1/records.jsonl"), back::add);
    assertThat(summary.records()).isEqualTo(2);
    assertThat(back).extracting(RequestRecord::status).containsExactly(Status.OK, Status.THROTTLED);
    // A start line first and, written last by close(), an end line counting the records: a clean end.
    List<String> lines = Files.readAllLines(dir.resolve("r-1/records.jsonl"));
    assertThat(lines.get(0)).startsWith("{\"run_event\":\"start\",\"at\":\"").endsWith("\"run_id\":\"r-1\",\"injector\":\"injector-1\"}");
    assertThat(lines.get(lines.size() - 1)).startsWith("{\"run_event\":\"end\",").endsWith(",\"records\":2}");
    assertThat(summary.interruptedAt()).isNull();
    assertThat(summary.partial()).isFalse();
    // The load generator's monitor ran from start to close: at least the closing second is written.
    assertThat(run.injectorFile()).isEqualTo(dir.resolve("r-1/injector.jsonl"));
    assertThat(InjectorLog.read(dir.resolve("r-1")).samples()).isNotEmpty()
        .allSatisfy(s -> assertThat(s.injector()).isEqualTo("injector-1"))
        .extracting(InjectorSample::wakeups).allSatisfy(w -> assertThat(w).isPositive());
  }

  /** A JVM that dies without closing (kill -9, here Runtime.halt) leaves records but no end line: the report says so. */
  @Test
  void aKilledRunIsReportedInterruptedAndItsRecommendationQualified(@TempDir Path dir) throws Exception {
    Instant before = Instant.now();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
        KilledRun.class.getName(), dir.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isEqualTo(137);

    RecordReader.ReadSummary summary = RecordReader.read(dir.resolve("killed/records.jsonl"), r -> { });
    assertThat(summary.records()).isEqualTo(2);
    // The later of its start line and the end of its last request.
    assertThat(summary.interruptedAt()).isBetween(before, Instant.now());
    assertThat(summary.partial()).isTrue();
    String at = summary.interruptedAt().truncatedTo(ChronoUnit.SECONDS).toString();

    Tradeoffs report = new ReportGenerator(ReportSettings.of(RightsizeSettings.reference(), Path.of("").toAbsolutePath())).generate(dir.resolve("killed")).tradeoffs();
    assertThat(report.partialNotice()).isEqualTo("Partial report (0 unreadable lines): records.jsonl: 2 records,"
        + " interrupted at " + at + ", last step incomplete");
    assertThat(report.recommendation()).startsWith("Run interrupted at " + at + ", last step incomplete:"
        + " not a recommendation until the sweep runs to its end. From the steps measured so far: ");
  }
}
