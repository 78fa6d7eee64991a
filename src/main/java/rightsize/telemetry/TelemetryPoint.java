package rightsize.telemetry;

/**
 * One time grain of one series, as Azure Monitor returned it; null aggregates had no data.
 *
 * @param time the grain's start, ISO-8601 UTC
 */
public record TelemetryPoint(String time, Double average, Double minimum, Double maximum, Double total) {
  /** Whether any aggregate has a value. */
  public boolean hasData() {
    return average != null || minimum != null || maximum != null || total != null;
  }
}
