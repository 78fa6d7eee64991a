package rightsize.telemetry;

import java.util.List;

/**
 * One metric read for one deployment, or why it could not be.
 *
 * @param name Azure Monitor's REST name, e.g. CpuUtilizationPercentage
 * @param measure what it measures
 * @param resourceId the Azure resource it was read from
 * @param unit Azure's unit (Percent, MilliSeconds, Count, ...), or null when nothing came back
 * @param filter the dimension filter sent, or "" for none
 * @param series what came back (points without data included)
 * @param missing why the metric has no usable data (not published within the wait, no data at all,
 *     refused by Azure with its message), or null when it has data
 */
public record MetricTelemetry(
    String name, Measure measure, String resourceId, String unit, String filter, List<TelemetrySeries> series,
    String missing) {
  public MetricTelemetry {
    series = List.copyOf(series);
  }
}
