package rightsize.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the parts of a run's tradeoffs.json (written by the report) that the gate judges. */
public final class TradeoffsFile {
  /** The report's machine-readable file in a run folder. */
  public static final String FILE_NAME = "tradeoffs.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TradeoffsFile() {}

  /** Reads {@code file}; throws with the file's name when it is missing or not a report. */
  public static RunReport read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("steps").isArray()) {
      throw new IllegalArgumentException(file + " is not a rightsize report (no steps array)");
    }
    List<RunReport.Step> steps = new ArrayList<>();
    for (JsonNode s : root.path("steps")) {
      Map<String, Long> statuses = new LinkedHashMap<>();
      s.path("statuses").fields().forEachRemaining(e -> statuses.put(e.getKey(), e.getValue().asLong()));
      steps.add(
          new RunReport.Step(
              s.path("deployment").asText(),
              s.path("step").asText(),
              s.path("requests").asLong(),
              statuses,
              s.path("slo").path("met").asBoolean(false),
              s.path("slo").path("detail").asText("")));
    }
    List<RunReport.Regression> regressions = new ArrayList<>();
    for (JsonNode r : root.path("regressions")) {
      regressions.add(
          new RunReport.Regression(
              r.path("deployment").asText(),
              r.path("step").asText(),
              r.path("metric").asText(),
              r.path("regressed").asBoolean(),
              r.path("detail").asText("")));
    }
    String started = root.path("started").asText(null);
    String baseline = root.path("baseline").path("run_id").asText(null);
    return new RunReport(
        root.path("run_id").asText(""),
        started == null ? null : Instant.parse(started),
        baseline,
        root.path("unreadable_lines").asLong(0),
        steps,
        regressions);
  }
}
