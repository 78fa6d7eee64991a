package rightsize.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReaderTest {

  private static RequestRecord record(String step, double load, LoadUnit unit, boolean warmup) {
    return new RequestRecord("run", "injector-1", "chatbot", "Standard_F4s_v2", "emulator", "Standard_F4s_v2", step,
        load, unit, warmup, "chat", "req-" + step, 1_795_000_000_000_000L, 120.5, 3105.25, null,
        new RequestRecord.Tokens(57, 64, null, null, RequestRecord.TokenSource.usage), "length", Status.OK, 200,
        null, null, null);
  }

  /** A line as the writer wrote it before records carried load_unit and warmup. */
  private static String lineWithoutUnitOrFlag(String step, double load) {
    return "{\"run_id\":\"run\",\"injector\":\"injector-1\",\"scenario\":\"chatbot\",\"deployment\":\"Standard_F4s_v2\","
        + "\"target\":\"emulator\",\"vm_size\":\"Standard_F4s_v2\",\"step\":\"" + step + "\",\"load\":" + load + ","
        + "\"request\":\"chat\",\"request_id\":\"req-" + step + "\",\"start_epoch_micros\":1795000000000000,"
        + "\"ttft_ms\":120.5,\"e2e_ms\":3105.25,\"tokens\":{\"prompt\":57,\"completion\":64,\"source\":\"usage\"},"
        + "\"finish_reason\":\"length\",\"status\":\"ok\",\"http_status\":200}";
  }

  private static List<RequestRecord> read(Path file) {
    List<RequestRecord> records = new ArrayList<>();
    RecordReader.read(file, records::add);
    return records;
  }

  @Test
  void theLoadUnitAndTheWarmUpFlagAreWrittenAndReadBack(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("records.jsonl");
    List<RequestRecord> written = List.of(
        record("2.0 users/s", 2.0, LoadUnit.ARRIVALS_PER_SECOND, false),
        record("warmup", 2.0, LoadUnit.ARRIVALS_PER_SECOND, true),
        record("10 users", 10, LoadUnit.USERS, false));
    try (RecordWriter writer = new RecordWriter(file)) {
      written.forEach(writer::write);
    }

    assertThat(Files.readAllLines(file).get(0))
        .contains("\"step\":\"2.0 users/s\",\"load\":2.0,\"load_unit\":\"users/s\",\"warmup\":false,");
    assertThat(Files.readAllLines(file).get(1)).contains("\"load_unit\":\"users/s\",\"warmup\":true,");
    assertThat(Files.readAllLines(file).get(2)).contains("\"load_unit\":\"users\",\"warmup\":false,");
    assertThat(read(file)).isEqualTo(written);
  }

  @Test
  void linesWrittenBeforeTheFieldsExistedTakeThemFromTheStepLabelAsReportsDid(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("records.jsonl");
    Files.write(file, List.of(
        lineWithoutUnitOrFlag("10 users", 10),
        lineWithoutUnitOrFlag("2.5/s", 2.5),
        lineWithoutUnitOrFlag("rate 4", 4),
        lineWithoutUnitOrFlag("2.0 users/s", 2),
        lineWithoutUnitOrFlag("warmup", 1)));

    assertThat(read(file)).extracting(RequestRecord::step, RequestRecord::loadUnit, RequestRecord::warmup)
        .containsExactly(
            tuple("10 users", LoadUnit.USERS, false),
            tuple("2.5/s", LoadUnit.ARRIVALS_PER_SECOND, false),
            tuple("rate 4", LoadUnit.ARRIVALS_PER_SECOND, false),
            tuple("2.0 users/s", LoadUnit.ARRIVALS_PER_SECOND, false),
            tuple("warmup", LoadUnit.USERS, true));
    assertThat(read(file).get(0)).isEqualTo(record("10 users", 10, LoadUnit.USERS, false));
  }

  /**
   * The reasoning fields are written and read back; a line written before them (reasoning tokens in
   * its usage, no visible count) still gives the visible tokens tpot is taken over.
   */
  @Test
  void reasoningFieldsAreWrittenAndOlderLinesStayReadable(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("records.jsonl");
    RequestRecord reasoned = new RequestRecord("run", "injector-1", "chatbot", "r1", "foundry-models", null, "1 user",
        1, LoadUnit.USERS, false, "chat", "req-1", 1_795_000_000_000_000L, 300.0, 4_300.0, 4_540.5, null,
        new RequestRecord.Tokens(20, 212, null, 180, RequestRecord.TokenSource.usage,
            RequestRecord.TokenSource.tokenizer, 32, RequestRecord.TokenSource.tokenizer),
        "stop", Status.OK, 200, null, null, null, null);
    RequestRecord empty = new RequestRecord("run", "injector-1", "chatbot", "r1", "foundry-models", null, "1 user",
        1, LoadUnit.USERS, false, "chat", "req-2", 1_795_000_000_000_000L, 250.0, null, 9_000.0, null,
        new RequestRecord.Tokens(20, 400, null, 400, RequestRecord.TokenSource.usage), "length", Status.EMPTY_ANSWER,
        200, null, "answer ended with no visible content (finish_reason length, after reasoning)", null, null);
    try (RecordWriter writer = new RecordWriter(file)) {
      writer.write(reasoned);
      writer.write(empty);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).contains("\"first_reasoning_ms\":300.0,\"ttft_ms\":4300.0,")
        .contains("\"tokens\":{\"prompt\":20,\"completion\":212,\"reasoning\":180,\"source\":\"usage\","
            + "\"reasoning_source\":\"tokenizer\",\"visible\":32,\"visible_source\":\"tokenizer\"}");
    assertThat(lines.get(1)).contains("\"status\":\"empty_answer\"").doesNotContain("ttft_ms");
    assertThat(read(file)).containsExactly(reasoned, empty);
    assertThat(read(file).get(0).tokens().visibleTokens()).isEqualTo(32);

    Files.write(file, List.of(lineWithoutUnitOrFlag("1 user", 1).replace("\"completion\":64,",
        "\"completion\":64,\"reasoning\":50,")));
    RequestRecord older = read(file).get(0);
    assertThat(older.firstReasoningMs()).isNull();
    assertThat(older.tokens().visibleTokens()).as("64 completion - 50 reasoning (usage)").isEqualTo(14);
  }

  @Test
  void aLineWithAnUnknownLoadUnitIsCountedUnreadable(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("records.jsonl");
    String good = lineWithoutUnitOrFlag("10 users", 10);
    Files.write(file, List.of(good, good.replace("\"load\":10.0,", "\"load\":10.0,\"load_unit\":\"rps\",")));

    RecordReader.ReadSummary summary = RecordReader.read(file, r -> { });

    assertThat(summary.records()).isEqualTo(1);
    assertThat(summary.unreadableLines()).isEqualTo(1);
  }

  @Test
  void linesWithoutTheRequiredFieldsOrWithImpossibleValuesAreUnreadableWithTheirReason(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("records.jsonl");
    String good = lineWithoutUnitOrFlag("10 users", 10);
    Files.write(file, List.of(
        good,
        "{\"status\":\"ok\"}",
        good.replace("\"e2e_ms\":3105.25", "\"e2e_ms\":1e300"),
        good.replace("\"completion\":64", "\"completion\":-3"),
        good.replace("\"start_epoch_micros\":1795000000000000", "\"start_epoch_micros\":0"),
        good.replace("\"status\":\"ok\",", ""),
        "garbage"));

    RecordReader.ReadSummary summary = RecordReader.read(file, r -> { });

    assertThat(summary.records()).isEqualTo(1);
    assertThat(summary.unreadableLines()).isEqualTo(6);
    assertThat(summary.reasons()).containsExactly(
        entry("no deployment", 1L),
        entry("e2e_ms 1.0E300 is not a duration from 0 to a day", 1L),
        entry("a negative token count", 1L),
        entry("start_epoch_micros 0 is not between 2000 and 2100", 1L),
        entry("no status", 1L),
        entry("not a record: bad JSON or a torn line", 1L));
    assertThat(summary.partial()).isTrue();
  }

  @Test
  void aByteOrderMarkBeforeTheFirstRecordIsSkipped(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("records.jsonl");
    Files.writeString(file, "\uFEFF" + lineWithoutUnitOrFlag("10 users", 10) + "\n" + lineWithoutUnitOrFlag("10 users", 10) + "\n");

    RecordReader.ReadSummary summary = RecordReader.read(file, r -> { });

    assertThat(summary.records()).isEqualTo(2);
    assertThat(summary.unreadableLines()).isZero();
  }

  @Test
  void anEmptyFileIsPartial(@TempDir Path dir) throws IOException {
    Path file = Files.createFile(dir.resolve("records.jsonl"));
    RecordReader.ReadSummary summary = RecordReader.read(file, r -> { });
    assertThat(summary.records()).isZero();
    assertThat(summary.missing()).isFalse();
    assertThat(summary.partial()).isTrue();
  }

  @Test
  void aFileCutShortAfterItsStartLineIsInterruptedAtItsLastActivity(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("records.jsonl");
    Instant started = Instant.parse("2026-11-18T11:06:00Z");
    RequestRecord r = record("10 users", 10, LoadUnit.USERS, false);
    try (RecordWriter writer = new RecordWriter(file)) {
      writer.mark(RunEvent.start(started, "run", "injector-1"));
      writer.write(r);
    }
    Instant lastEnd = Instant.ofEpochSecond(0, (r.startEpochMicros() + 3_105_250L) * 1000);
    assertThat(RecordReader.read(file, x -> { }).interruptedAt()).isEqualTo(lastEnd);

    // Rerun into the same file and ended: the later run's end line closes the file.
    try (RecordWriter writer = new RecordWriter(file)) {
      writer.mark(RunEvent.start(lastEnd.plusSeconds(60), "run", "injector-1"));
      writer.write(r);
      writer.mark(RunEvent.end(lastEnd.plusSeconds(70), "run", "injector-1", 1));
    }
    RecordReader.ReadSummary ended = RecordReader.read(file, x -> { });
    assertThat(ended.records()).isEqualTo(2);
    assertThat(ended.unreadableLines()).isZero();
    assertThat(ended.interruptedAt()).isNull();
  }
}
