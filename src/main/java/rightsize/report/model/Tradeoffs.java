package rightsize.report.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import rightsize.config.Slo;
import rightsize.config.TargetLoad;
import rightsize.config.TrustThresholds;
import rightsize.injector.InjectorLog;

/**
 * Everything the report says about one run; every output format (md, csv, json, html) writes
 * this one model.
 *
 * @param startedAt start of the first measured request, or null when no record was readable
 * @param steps every step of every deployment, ordered by deployment then load
 * @param capacitySearch true when the run folder's capacity.json was read, so skipped steps are known
 * @param skippedSteps the steps the capacity search skipped, for deployments with measured steps;
 *     empty without capacity.json
 * @param recommendation the run's one-sentence answer for the target load
 * @param lengths length sensitivity per deployment
 * @param gatling the cross-check with Gatling's report, or null when none was given
 * @param gatlingReports the Gatling report folders, relative to the run folder
 * @param comparison the comparison with the baseline run, or null without one
 * @param inputs what reading each record file found
 * @param trustThresholds when a step's figures are flagged as not to be trusted
 * @param injectorInputs what reading each injector file found; empty when the run has none (older
 *     runs), and then the report says nothing about the load generators
 * @param warnings problems the reader must know (missing catalog, unreadable baseline, ...)
 * @param serverSide where the server-side figures came from and what could not be read, or null
 *     when the run folder has no telemetry.json (then the report says nothing about the server side)
 */
public record Tradeoffs(
    String runId,
    Instant generatedAt,
    Instant startedAt,
    Instant endedAt,
    List<String> targets,
    List<String> workloads,
    List<String> injectors,
    Slo slo,
    TargetLoad targetLoad,
    List<StepRow> steps,
    boolean capacitySearch,
    List<SkippedStep> skippedSteps,
    List<DeploymentSummary> deployments,
    String recommendation,
    Map<String, LengthSensitivity> lengths,
    CrossCheck gatling,
    List<String> gatlingReports,
    Comparison comparison,
    List<InputFile> inputs,
    TrustThresholds trustThresholds,
    List<InjectorLog.Input> injectorInputs,
    long warmupRequests,
    List<String> warnings,
    ServerSide serverSide) {

  /** The per-step table: measured steps and skipped ones, ordered by deployment then load (measured first on a tie). */
  public List<StepTableRow> stepTable() {
    List<StepTableRow> table = new ArrayList<>(steps);
    table.addAll(skippedSteps);
    table.sort(Comparator.comparing(StepTableRow::key).thenComparing(r -> r instanceof SkippedStep));
    return table;
  }

  /** The steps the capacity search skipped on {@code deployment}, in load order. */
  public List<SkippedStep> skippedSteps(String deployment) {
    return skippedSteps.stream().filter(s -> s.key().deployment().equals(deployment))
        .sorted(Comparator.comparing(SkippedStep::key)).toList();
  }

  /** True when some record file was missing, unreadable or had unreadable lines. */
  public boolean partial() {
    return inputs.isEmpty() || inputs.stream().anyMatch(InputFile::partial);
  }

  /** Unreadable lines over all record files. */
  public long unreadableLines() {
    return inputs.stream().mapToLong(InputFile::unreadableLines).sum();
  }

  /** The measured steps with a figure that cannot be trusted. */
  public List<StepRow> untrustedSteps() {
    return steps.stream().filter(r -> !r.trust().trusted()).toList();
  }

  /**
   * One note per untrusted step, those that change a conclusion (a verdict or a recommendation
   * resting on an untrusted figure) first, each group in table order.
   */
  public List<TrustNote> trustNotes() {
    List<TrustNote> notes = new ArrayList<>();
    for (StepRow r : untrustedSteps()) {
      DeploymentSummary d = deployments.stream()
          .filter(x -> x.deployment().equals(r.key().deployment())).findFirst().orElse(null);
      notes.add(TrustNote.of(r, d));
    }
    notes.sort(Comparator.comparing((TrustNote n) -> !n.changesConclusion()));
    return notes;
  }

  /** True when a verdict or recommendation rests on one of {@code row}'s untrusted figures. */
  public boolean changesConclusion(StepRow row) {
    return trustNotes().stream().anyMatch(n -> n.row() == row && n.changesConclusion());
  }

  /** True when the run folder had injector files, so each step says how the load generators fared. */
  public boolean injectorMonitored() {
    return !injectorInputs.isEmpty();
  }

  /**
   * True when the run's injector files measured the client's event loops (runs since that
   * measurement), so that the load generator table shows their lag and the client is judged by it.
   */
  public boolean injectorLoopsMeasured() {
    return steps.stream().anyMatch(r -> r.trust().injector() != null && r.trust().injector().loopsMeasured());
  }

  /** True when the run folder had a telemetry.json, so each step says what the server side measured. */
  public boolean serverMonitored() {
    return serverSide != null;
  }

  /** The regressions against the baseline, empty without one. */
  public List<Comparison.Regression> regressions() {
    return comparison == null ? List.of() : comparison.regressions();
  }

  /** "Partial report: records.jsonl: 998 records, 2 unreadable lines; ...", or null when complete. */
  public String partialNotice() {
    if (!partial()) {
      return null;
    }
    if (inputs.isEmpty()) {
      return "Partial report: no record file was given";
    }
    return "Partial report (" + unreadableLines() + " unreadable line" + (unreadableLines() == 1 ? "" : "s")
        + "): " + String.join("; ", inputs.stream().filter(InputFile::partial).map(InputFile::describe).toList());
  }
}
