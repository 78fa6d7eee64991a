package rightsize.telemetry;

import java.util.List;
import java.util.Map;

/**
 * One time series of a metric: the values of the dimensions it was split by (empty when not split)
 * and its points in time order.
 */
public record TelemetrySeries(Map<String, String> dimensions, List<TelemetryPoint> points) {
  public TelemetrySeries {
    dimensions = Map.copyOf(dimensions);
    points = List.copyOf(points);
  }
}
