package rightsize.sizing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import rightsize.analysis.Slo;
import rightsize.analysis.StepSummary;
import rightsize.sizing.CapacitySearch.DeploymentResult;
import rightsize.sizing.CapacitySearch.StepResult;

/**
 * Writes the capacity search's outcome to {@code capacity.json} in the run folder: per deployment
 * the capacity found and every planned step with its outcome, skipped steps included (they leave
 * no records). The schema is in docs/sizing.md.
 */
public final class CapacityFile {
  /** The file's name inside the run folder. */
  public static final String NAME = "capacity.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CapacityFile() {}

  /** Writes {@code results} to {@code file}, replacing it. */
  public static void write(
      Path file, Slo slo, boolean enforced, boolean capacitySearch, long minRequests, List<DeploymentResult> results) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode sloNode = root.putObject("slo");
    sloNode.put("p95_ttft_ms", slo.p95TtftMs());
    sloNode.put("p95_e2e_ms", slo.p95E2eMs());
    sloNode.put("max_error_rate", slo.maxErrorRate());
    sloNode.put("enforced", enforced);
    root.put("capacity_search", capacitySearch);
    root.put("min_requests", minRequests);
    ArrayNode deployments = root.putArray("deployments");
    for (DeploymentResult d : results) {
      ObjectNode node = deployments.addObject();
      node.put("deployment", d.deployment());
      node.put("vm_size", d.vmSize());
      d.capacity().ifPresentOrElse(
          c -> node.putObject("capacity").put("step", c.step().label()).put("load", c.step().load()),
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
    node.put("step", s.step().label());
    node.put("load", s.step().load());
    node.put("outcome", s.outcome().name().toLowerCase(Locale.ROOT));
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
}
