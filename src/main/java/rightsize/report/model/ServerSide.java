package rightsize.report.model;

import java.util.List;
import java.util.Optional;
import rightsize.telemetry.Measure;
import rightsize.telemetry.WindowFigures;

/**
 * What the run's telemetry.json adds beside the per-step figures: where the server-side metrics came
 * from, their time grain, and one line for each deployment or metric that could not be read.
 *
 * @param source the metrics service's base URL
 * @param grain the time grain, ISO-8601 (PT1M)
 * @param notes one line per problem: no monitor section, no access, a wrong resource ID, a metric
 *     missing and why
 */
public record ServerSide(String source, String grain, List<String> notes) {
  /**
   * A resource whose mean utilization over a step reached this share, in percent, is named as the
   * one saturating when the step broke the SLO: by then requests queue for it.
   */
  public static final double SATURATED_PERCENT = 90;

  public ServerSide {
    notes = List.copyOf(notes);
  }

  /** The utilization that ran at or above {@link #SATURATED_PERCENT} in {@code figures}, the hottest one, if any. */
  public static Optional<Measure> saturated(WindowFigures figures) {
    return figures == null ? Optional.empty()
        : figures.hottest().filter(m -> figures.figure(m).orElseThrow().mean() >= SATURATED_PERCENT);
  }

  /** The service's own latency in {@code figures}: Azure ML's request latency, else Azure OpenAI's time to response. */
  public static Optional<WindowFigures.Figure> serviceLatency(WindowFigures figures) {
    if (figures == null) {
      return Optional.empty();
    }
    return figures.figure(Measure.LATENCY).or(() -> figures.figure(Measure.TIME_TO_RESPONSE));
  }
}
