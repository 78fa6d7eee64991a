package rightsize.gate;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import rightsize.report.model.Metric;
import rightsize.report.model.TradeoffsJson;

/**
 * Reads the parts of a run's tradeoffs.json ({@link TradeoffsJson}, written by the report) that the
 * gate judges: steps with their status counts and SLO verdicts, the baseline comparison and the
 * regressions the report flagged.
 */
public final class TradeoffsFile {
  /** The report's machine-readable file in a run folder. */
  public static final String FILE_NAME = TradeoffsJson.FILE_NAME;

  private TradeoffsFile() {}

  /** Reads {@code file}; throws with the file's name when it is unreadable or not a rightsize report. */
  public static RunReport read(Path file) {
    TradeoffsJson json = TradeoffsJson.read(file);
    List<RunReport.Step> steps = json.steps().stream().map(s -> {
      TradeoffsJson.Verdict slo = s.slo();
      String outcome = slo == null ? "broken" : slo.outcomeOrMetBroken();
      List<TradeoffsJson.Breach> shown = slo == null ? List.of()
          : outcome.equals("inconclusive") ? slo.undecided() : slo.breaches();
      List<String> details = shown.stream().map(TradeoffsJson.Breach::description).toList();
      String detail = outcome.equals("met") || details.isEmpty() ? outcome
          : (outcome.equals("inconclusive") ? "inconclusive: " : "") + String.join("; ", details);
      boolean doubt = s.trust() != null && Boolean.TRUE.equals(s.trust().changesConclusion());
      String untrusted = doubt ? String.join("; ", s.trust().flags().stream().map(TradeoffsJson.Flag::note).toList())
          : null;
      return new RunReport.Step(s.deployment(), s.step(), s.requests(), s.ok(), s.statusCounts(),
          slo != null && slo.met(), detail, outcome, untrusted);
    }).toList();
    List<RunReport.Compared> compared = json.deltas().stream()
        .map(d -> new RunReport.Compared(d.deployment(), d.step(), changes(d))).toList();
    List<RunReport.Regression> regressions = json.regressions().stream().map(r -> new RunReport.Regression(
        r.deployment(), r.step(), metric(r.metric()).map(Metric::label).orElse(r.metric()), r.description()))
        .toList();
    List<String> notes = new ArrayList<>(json.baseline() == null ? List.of() : json.baseline().notes());
    if (json.gate() != null && Boolean.FALSE.equals(json.gate().gatlingAgrees())) {
      notes.add("The records disagree with Gatling's own statistics for this run (see tradeoffs.json, \"gatling\").");
    }
    return new RunReport(
        Objects.requireNonNullElse(json.runId(), ""),
        instant(json.startedAt()),
        json.baseline() == null ? null : json.baseline().runId(),
        json.unreadableLines(),
        steps,
        compared,
        regressions,
        notes,
        json.trustThresholds() != null && Boolean.TRUE.equals(json.trustThresholds().failGate()));
  }

  /** "p95 ttft +1.5%, error rate +0.0 pts, ..." from one entry of "deltas", worded by the report's {@link Metric}. */
  private static String changes(TradeoffsJson.Delta delta) {
    List<String> parts = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      TradeoffsJson.Change change = delta.of(metric);
      if (change != null && change.change() != null) {
        parts.add(metric.label() + " " + metric.formatChange(change.change()));
      }
    }
    return parts.isEmpty() ? "no figure comparable" : String.join(", ", parts);
  }

  private static Optional<Metric> metric(String jsonName) {
    return Arrays.stream(Metric.values()).filter(m -> m.jsonName().equals(jsonName)).findFirst();
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
