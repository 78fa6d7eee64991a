package rightsize.report.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeoffsJsonTest {
  private static final Path NIGHT_2 = Path.of("src/test/resources/rightsize/report/older-report/night-2/tradeoffs.json");

  @TempDir Path dir;

  @Test
  void theRecordsHoldEveryFieldOfAFullFile() throws Exception {
    Path copy = dir.resolve("tradeoffs.json");

    TradeoffsJson.read(NIGHT_2).write(copy);

    assertThat(Files.readString(copy)).isEqualTo(Files.readString(NIGHT_2));
  }

  @Test
  void everyComparedMetricIsNamedInTheFileAsInItsDeltas() throws Exception {
    JsonNode delta = new ObjectMapper().readTree(NIGHT_2.toFile()).path("deltas").get(0);
    TradeoffsJson.Delta read = TradeoffsJson.read(NIGHT_2).deltas().get(0);
    for (Metric m : Metric.values()) {
      assertThat(delta.has(m.jsonName())).as(m.jsonName()).isTrue();
      assertThat(read.of(m).current()).as(m.jsonName()).isEqualTo(delta.path(m.jsonName()).path("current").asDouble());
    }
  }

  @Test
  void aFileOfAnotherSchemaOrNoJsonIsRefusedWithItsName() throws Exception {
    Path other = Files.writeString(dir.resolve("other.json"), "{\"schema\": \"rightsize.tradeoffs/3\"}");
    Path torn = Files.writeString(dir.resolve("torn.json"), "{\"schema\": ");

    assertThatThrownBy(() -> TradeoffsJson.read(other)).hasMessage(other + " is not a rightsize.tradeoffs/2 report");
    assertThatThrownBy(() -> TradeoffsJson.read(torn)).hasMessageStartingWith("cannot read " + torn + ": ");
  }
}
