package rightsize.telemetry;

import java.util.List;

/**
 * The server-side metrics of one deployment over the time it was under load, or the one reason
 * there are none.
 *
 * @param deployment the deployment's configured name
 * @param status whether it was read
 * @param problem one line saying what went wrong and what to do, or null when status is COLLECTED
 * @param start the window queried, ISO-8601 UTC (its first request's start, aligned down to the grain)
 * @param end the window's end (its last request's end, aligned up to the grain)
 * @param metrics every metric asked for, read or missing
 */
public record DeploymentTelemetry(
    String deployment, Status status, String problem, String start, String end, List<MetricTelemetry> metrics) {

  /** Whether a deployment's metrics could be read at all. */
  public enum Status {
    /** Read; single metrics may still be missing. */
    COLLECTED,
    /** The deployment has no monitor section. */
    NOT_MONITORED,
    /** Azure refused: no sign-in, or no Monitoring Reader role on the resource (401, 403). */
    NO_ACCESS,
    /** Azure knows no such resource: a wrong resource ID (404). */
    NOT_FOUND,
    /** Anything else: the service could not be reached, or answered errors throughout. */
    FAILED
  }

  public DeploymentTelemetry {
    metrics = List.copyOf(metrics);
  }

  /** The metrics of {@code measure} that have data. */
  public List<MetricTelemetry> withData(Measure measure) {
    return metrics.stream().filter(m -> m.measure() == measure && m.missing() == null).toList();
  }
}
