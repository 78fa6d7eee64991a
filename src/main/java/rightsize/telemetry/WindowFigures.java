package rightsize.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment's server-side figures over one time window (a step): per measure, the mean and the
 * peak over the time grains that lie wholly inside the window. Grains that straddle the window's
 * edges also hold another step's load, so they are left out; a window shorter than a grain has no
 * figures.
 *
 * @param grains the time grains wholly inside the window
 * @param figures per measure with data in those grains
 */
public record WindowFigures(int grains, Map<Measure, Figure> figures) {

  /**
   * One measure over the window.
   *
   * @param mean the mean over the grains of each grain's mean over its series (instances)
   * @param peak the highest value any series reached in any grain (its maximum where Azure gives one)
   */
  public record Figure(double mean, double peak) {}

  public WindowFigures {
    figures = Map.copyOf(figures);
  }

  /** The figure of {@code measure}, if the window has one. */
  public Optional<Figure> figure(Measure measure) {
    return Optional.ofNullable(figures.get(measure));
  }

  /** The utilization measure with the highest mean, if any has data: what ran hottest. */
  public Optional<Measure> hottest() {
    return figures.entrySet().stream()
        .filter(e -> e.getKey().utilization())
        .max(Map.Entry.comparingByValue((a, b) -> Double.compare(a.mean(), b.mean())))
        .map(Map.Entry::getKey);
  }

  /** The figures of {@code d} over [{@code start}, {@code end}), for time grains of {@code grain}. */
  public static WindowFigures of(DeploymentTelemetry d, Instant start, Instant end, Duration grain) {
    Map<Measure, Figure> figures = new EnumMap<>(Measure.class);
    int grains = 0;
    for (Measure measure : Measure.values()) {
      List<MetricTelemetry> metrics = d.withData(measure);
      if (metrics.isEmpty()) {
        continue;
      }
      // The first metric configured for a measure speaks for it.
      MetricTelemetry m = metrics.get(0);
      List<Double> grainMeans = new ArrayList<>();
      double peak = Double.NEGATIVE_INFINITY;
      int inside = 0;
      for (String time : times(m)) {
        Instant t = Instant.parse(time);
        if (t.isBefore(start) || t.plus(grain).isAfter(end)) {
          continue;
        }
        inside++;
        double sum = 0;
        int n = 0;
        for (TelemetrySeries s : m.series()) {
          for (TelemetryPoint p : s.points()) {
            if (!p.time().equals(time) || !p.hasData()) {
              continue;
            }
            Double value = p.average() != null ? p.average() : p.total();
            Double high = p.maximum() != null ? p.maximum() : value;
            if (value != null) {
              sum += value;
              n++;
            }
            if (high != null) {
              peak = Math.max(peak, high);
            }
          }
        }
        if (n > 0) {
          grainMeans.add(sum / n);
        }
      }
      grains = Math.max(grains, inside);
      if (!grainMeans.isEmpty()) {
        double mean = grainMeans.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        figures.put(measure, new Figure(mean, Math.max(peak, mean)));
      }
    }
    return new WindowFigures(grains, figures);
  }

  private static List<String> times(MetricTelemetry m) {
    return m.series().stream().flatMap(s -> s.points().stream()).map(TelemetryPoint::time).distinct().sorted().toList();
  }
}
