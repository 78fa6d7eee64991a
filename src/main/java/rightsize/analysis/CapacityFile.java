package rightsize.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import rightsize.config.Slo;
import rightsize.record.JsonFile;

/**
 * Writes the capacity search's outcome to {@code capacity.json} in the run folder, and reads it
 * back for the report: per deployment the capacity found and every planned step with its outcome,
 * skipped steps included (they leave no records). The schema is in docs/sizing.md.
 */
public final class CapacityFile {
  /** The file's name inside the run folder. */
  public static final String NAME = "capacity.json";

  /**
   * The schema id every capacity.json since this one names; a file without one was written
   * before it and has the same fields.
   */
  public static final String SCHEMA = "rightsize.capacity/1";

  private CapacityFile() {}

  /**
   * What a capacity.json says: the SLO the search judged by and each deployment's planned steps.
   *
   * @param schema {@value #SCHEMA}, or null in a file written before the field
   */
  public record Contents(
      @JsonInclude(JsonInclude.Include.NON_NULL) String schema,
      Limits slo,
      boolean capacitySearch,
      List<Deployment> deployments) {

    public Contents {
      deployments = List.copyOf(deployments);
    }
  }

  /**
   * The SLO of a capacity.json.
   *
   * @param enforced true when the SLO was also Gatling assertions (rightsize.slo.enforce)
   * @param emptyAnswerIsError false when empty answers did not count as errors; left out (null) when
   *     they did, the default, and in files written before the setting
   */
  public record Limits(double p95TtftMs, double p95E2eMs, double maxErrorRate, boolean enforced,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean emptyAnswerIsError) {

    /** The SLO the search judged by. */
    public Slo asSlo() {
      return new Slo(p95TtftMs, p95E2eMs, maxErrorRate, !Boolean.FALSE.equals(emptyAnswerIsError));
    }
  }

  /**
   * One deployment of a capacity.json.
   *
   * @param capacity the largest step that met the SLO, or null when none did
   * @param steps every planned step, in run order
   */
  public record Deployment(String deployment, String vmSize, Capacity capacity, List<PlannedStep> steps) {
    public Deployment {
      steps = List.copyOf(steps);
    }

    /** The last step before {@code step} that clearly broke the SLO: for a skipped step, why it was skipped. */
    public Optional<PlannedStep> brokenBefore(PlannedStep step) {
      PlannedStep broken = null;
      for (PlannedStep s : steps) {
        if (s == step) {
          return Optional.ofNullable(broken);
        }
        if (s.outcome() == StepOutcome.BROKEN) {
          broken = s;
        }
      }
      return Optional.empty();
    }

    /** The label of the largest step that met the SLO, or null when none did. */
    public String capacityStep() {
      return capacity == null ? null : capacity.step();
    }
  }

  /** The largest step of a deployment that met the SLO. */
  public record Capacity(String step, double load) {}

  /**
   * One planned step of a capacity.json.
   *
   * @param outcome written in lower case: "met", "broken", "inconclusive", "skipped", "not_run"
   * @param figures what the step measured; left out for a step that did not run
   * @param reason why a step did not run, or null
   */
  public record PlannedStep(
      String step,
      double load,
      StepOutcome outcome,
      @JsonUnwrapped Figures figures,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    public PlannedStep {
      // Reading a step without figures gives empty ones (Jackson makes unwrapped values): none.
      figures = figures == null || figures.verdict() == null ? null : figures;
    }

    /** "met" or the broken limits, null when the step did not run. */
    public String verdict() {
      return figures == null ? null : figures.verdict();
    }
  }

  /**
   * What one step that ran measured.
   *
   * @param p95TtftMs null when no request succeeded
   * @param verdict "met" or the broken limits, e.g. "p95 ttft 2480 ms > 2000 ms"
   */
  public record Figures(long requests, Double p95TtftMs, Double p95E2eMs, double errorRate, String verdict) {}

  /** Writes {@code results} to {@code file}, replacing it. */
  public static void write(
      Path file, Slo slo, boolean enforced, boolean capacitySearch, List<DeploymentCapacity> results) {
    JsonFile.write(file, new Contents(SCHEMA,
        new Limits(slo.p95TtftMs(), slo.p95E2eMs(), slo.maxErrorRate(), enforced,
            slo.emptyAnswerIsError() ? null : false), capacitySearch,
        results.stream().map(d -> new Deployment(d.deployment(), d.vmSize(),
            d.capacity().map(c -> new Capacity(c.step(), c.load())).orElse(null),
            d.steps().stream().map(CapacityFile::planned).toList())).toList()));
  }

  private static PlannedStep planned(StepResult s) {
    StepSummary summary = s.summary();
    return new PlannedStep(s.step(), s.load(), s.outcome(), summary == null ? null
        : new Figures(summary.requests(), summary.ttft().p95(), summary.e2e().p95(), summary.errorRate(),
            s.verdict().describe()), s.reason());
  }

  /**
   * Reads {@code file}; throws one line naming the file when it is unreadable or not a capacity.json
   * (callers that must not fail, such as the report, turn it into a note).
   */
  public static Contents read(Path file) {
    JsonNode tree = JsonFile.readTree(file);
    if (!tree.path("deployments").isArray() || !tree.path("slo").isObject()) {
      throw new IllegalArgumentException(file + " is not a capacity.json: it lacks \"slo\" or \"deployments\"");
    }
    JsonNode schema = tree.path("schema");
    if (!schema.isMissingNode() && !SCHEMA.equals(schema.asText())) {
      throw new IllegalArgumentException(file + " is a " + schema.asText() + " file, not a " + SCHEMA + " one");
    }
    for (JsonNode d : tree.path("deployments")) {
      for (JsonNode s : d.path("steps")) {
        String outcome = s.path("outcome").asText();
        if (StepOutcome.of(outcome).isEmpty()) {
          throw new IllegalArgumentException(file + " has an unknown step outcome \"" + outcome + "\"");
        }
      }
    }
    return JsonFile.bind(tree, Contents.class, file);
  }
}
