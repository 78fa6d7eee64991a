package rightsize.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the capacity search's outcome to {@code capacity.json} in the run folder, and reads it
 * back for the report: per deployment the capacity found and every planned step with its outcome,
 * skipped steps included (they leave no records). The schema is in docs/sizing.md.
 */
public final class CapacityFile {
  /** The file's name inside the run folder. */
  public static final String NAME = "capacity.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CapacityFile() {}

  /** What a capacity.json says, read back: the SLO the search judged by and each deployment's planned steps. */
  public record Contents(Slo slo, List<Deployment> deployments) {
    public Contents {
      deployments = List.copyOf(deployments);
    }
  }

  /**
   * One deployment of a capacity.json.
   *
   * @param capacity the label of the largest step that met the SLO, or null when none did
   * @param steps every planned step, in run order
   */
  public record Deployment(String deployment, String vmSize, String capacity, List<PlannedStep> steps) {
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
  }

  /**
   * One planned step of a capacity.json.
   *
   * @param verdict "met" or the broken limits, null when the step did not run
   * @param reason why a step did not run, or null
   */
  public record PlannedStep(String step, double load, StepOutcome outcome, String verdict, String reason) {}

  /** Writes {@code results} to {@code file}, replacing it. */
  public static void write(
      Path file, Slo slo, boolean enforced, boolean capacitySearch, long minRequests, List<DeploymentCapacity> results) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode sloNode = root.putObject("slo");
    sloNode.put("p95_ttft_ms", slo.p95TtftMs());
    sloNode.put("p95_e2e_ms", slo.p95E2eMs());
    sloNode.put("max_error_rate", slo.maxErrorRate());
    sloNode.put("enforced", enforced);
    root.put("capacity_search", capacitySearch);
    root.put("min_requests", minRequests);
    ArrayNode deployments = root.putArray("deployments");
    for (DeploymentCapacity d : results) {
      ObjectNode node = deployments.addObject();
      node.put("deployment", d.deployment());
      node.put("vm_size", d.vmSize());
      d.capacity().ifPresentOrElse(
          c -> node.putObject("capacity").put("step", c.step()).put("load", c.load()),
          () -> node.putNull("capacity"));
      ArrayNode steps = node.putArray("steps");
      for (StepResult s : d.steps()) {
        steps.add(step(s));
      }
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      JSON.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode step(StepResult s) {
    ObjectNode node = JSON.createObjectNode();
    node.put("step", s.step());
    node.put("load", s.load());
    node.put("outcome", wireName(s.outcome()));
    StepSummary summary = s.summary();
    if (summary != null) {
      node.put("requests", summary.requests());
      node.put("p95_ttft_ms", summary.ttft().p95());
      node.put("p95_e2e_ms", summary.e2e().p95());
      node.put("error_rate", summary.errorRate());
      node.put("verdict", s.verdict().describe());
    }
    if (s.reason() != null) {
      node.put("reason", s.reason());
    }
    return node;
  }

  /**
   * Reads {@code file}; throws one line naming the file when it is unreadable or not a capacity.json
   * (callers that must not fail, such as the report, turn it into a note).
   */
  public static Contents read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (root == null || !root.path("deployments").isArray() || !root.path("slo").isObject()) {
      throw new IllegalArgumentException(file + " is not a capacity.json: it lacks \"slo\" or \"deployments\"");
    }
    JsonNode sloNode = root.path("slo");
    Slo slo = new Slo(sloNode.path("p95_ttft_ms").asDouble(), sloNode.path("p95_e2e_ms").asDouble(),
        sloNode.path("max_error_rate").asDouble());
    List<Deployment> deployments = new ArrayList<>();
    for (JsonNode d : root.path("deployments")) {
      List<PlannedStep> steps = new ArrayList<>();
      for (JsonNode s : d.path("steps")) {
        steps.add(new PlannedStep(s.path("step").asText(), s.path("load").asDouble(),
            outcome(file, s.path("outcome").asText()), text(s.path("verdict")), text(s.path("reason"))));
      }
      deployments.add(new Deployment(d.path("deployment").asText(), d.path("vm_size").asText(),
          text(d.path("capacity").path("step")), steps));
    }
    return new Contents(slo, deployments);
  }

  /** "met", "broken", "inconclusive", "skipped", "not_run". */
  private static String wireName(StepOutcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  private static StepOutcome outcome(Path file, String wireName) {
    for (StepOutcome o : StepOutcome.values()) {
      if (wireName(o).equals(wireName)) {
        return o;
      }
    }
    throw new IllegalArgumentException(file + " has an unknown step outcome \"" + wireName + "\"");
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }
}
