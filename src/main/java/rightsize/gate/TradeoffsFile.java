package rightsize.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rightsize.report.Metric;

/**
 * Reads the parts of a run's tradeoffs.json (schema {@value #SCHEMA}, written by the report) that the
 * gate judges: steps with their status counts and SLO verdicts, the baseline comparison and the
 * regressions the report flagged.
 */
public final class TradeoffsFile {
  /** The report's machine-readable file in a run folder. */
  public static final String FILE_NAME = "tradeoffs.json";

  /** The schema id this reader understands. */
  public static final String SCHEMA = "rightsize.tradeoffs/1";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TradeoffsFile() {}

  /** Reads {@code file}; throws with the file's name when it is unreadable or not a rightsize report. */
  public static RunReport read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (root == null || !SCHEMA.equals(root.path("schema").asText())) {
      throw new IllegalArgumentException(file + " is not a " + SCHEMA + " report");
    }
    List<RunReport.Step> steps = new ArrayList<>();
    for (JsonNode s : root.path("steps")) {
      Map<String, Long> statuses = new LinkedHashMap<>();
      s.path("status_counts").fields().forEachRemaining(e -> statuses.put(e.getKey(), e.getValue().asLong()));
      JsonNode slo = s.path("slo");
      List<String> breaches = new ArrayList<>();
      slo.path("breaches").forEach(b -> breaches.add(b.path("description").asText()));
      steps.add(
          new RunReport.Step(
              s.path("deployment").asText(),
              s.path("step").asText(),
              s.path("requests").asLong(),
              s.path("ok").asLong(),
              statuses,
              slo.path("met").asBoolean(false),
              breaches.isEmpty() ? "met" : String.join("; ", breaches)));
    }
    List<RunReport.Compared> compared = new ArrayList<>();
    for (JsonNode d : root.path("deltas")) {
      compared.add(new RunReport.Compared(d.path("deployment").asText(), d.path("step").asText(), changes(d)));
    }
    List<RunReport.Regression> regressions = new ArrayList<>();
    for (JsonNode r : root.path("regressions")) {
      regressions.add(
          new RunReport.Regression(
              r.path("deployment").asText(),
              r.path("step").asText(),
              metric(r.path("metric").asText()).map(Metric::label).orElse(r.path("metric").asText()),
              r.path("description").asText()));
    }
    List<String> notes = new ArrayList<>();
    root.path("baseline").path("notes").forEach(n -> notes.add(n.asText()));
    JsonNode gatling = root.path("gate").path("gatling_agrees");
    if (gatling.isBoolean() && !gatling.asBoolean()) {
      notes.add("The records disagree with Gatling's own statistics for this run (see tradeoffs.json, \"gatling\").");
    }
    JsonNode baseline = root.path("baseline");
    return new RunReport(
        root.path("run_id").asText(""),
        instant(root.path("started_at")),
        baseline.isObject() ? baseline.path("run_id").asText() : null,
        root.path("unreadable_lines").asLong(0),
        steps,
        compared,
        regressions,
        notes);
  }

  /** "p95 ttft +1.5%, error rate +0.0 pts, ..." from one entry of "deltas", worded by the report's {@link Metric}. */
  private static String changes(JsonNode delta) {
    List<String> parts = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      JsonNode change = delta.path(metric.jsonName()).path("change");
      if (change.isNumber()) {
        parts.add(metric.label() + " " + metric.formatChange(change.asDouble()));
      }
    }
    return parts.isEmpty() ? "no figure comparable" : String.join(", ", parts);
  }

  private static Optional<Metric> metric(String jsonName) {
    return Arrays.stream(Metric.values()).filter(m -> m.jsonName().equals(jsonName)).findFirst();
  }

  private static Instant instant(JsonNode node) {
    if (!node.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
