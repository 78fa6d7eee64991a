package rightsize.emulator.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query of one call to Azure Monitor's Metrics - List: the time window, the time grain, the
 * metrics, the aggregations and the dimension filter.
 *
 * @param start the window's start (inclusive)
 * @param end the window's end (exclusive)
 * @param interval the time grain, or null for one point over the whole window ({@code FULL})
 * @param metricNames the metrics asked for, as written
 * @param aggregations lower-case: average, minimum, maximum, total, count
 * @param filter dimension name (lower case) to the value it must have, or {@code *} to split by it
 */
record MetricsRequest(
    Instant start, Instant end, Duration interval, List<String> metricNames, Set<String> aggregations,
    Map<String, String> filter) {

  private static final Set<String> AGGREGATIONS = Set.of("average", "minimum", "maximum", "total", "count");

  /** A query that cannot be answered; Azure says 400 with this message. */
  static final class BadRequest extends Exception {
    BadRequest(String message) {
      super(message);
    }
  }

  /** Reads the query parameters of a Metrics - List call; {@code now} ends the default window (the last hour). */
  static MetricsRequest parse(Map<String, List<String>> params, Instant now) throws BadRequest {
    Instant start = now.minus(Duration.ofHours(1));
    Instant end = now;
    String timespan = first(params, "timespan");
    if (timespan != null) {
      String[] parts = timespan.split("/");
      try {
        if (parts.length != 2) {
          throw new DateTimeParseException("not start/end", timespan, 0);
        }
        start = Instant.parse(parts[0]);
        end = Instant.parse(parts[1]);
      } catch (DateTimeParseException e) {
        throw new BadRequest("Invalid timespan '" + timespan + "': expected startDateTime_ISO/endDateTime_ISO");
      }
      if (!end.isAfter(start)) {
        throw new BadRequest("Invalid timespan '" + timespan + "': the end must be after the start");
      }
    }
    Duration interval = Duration.ofMinutes(1);
    String grain = first(params, "interval");
    if (grain != null) {
      if (grain.equalsIgnoreCase("FULL")) {
        interval = null;
      } else {
        try {
          interval = Duration.parse(grain);
        } catch (DateTimeParseException e) {
          throw new BadRequest("Invalid interval '" + grain + "': expected an ISO 8601 duration such as PT1M, or FULL");
        }
        if (interval.isNegative() || interval.isZero()) {
          throw new BadRequest("Invalid interval '" + grain + "': it must be positive");
        }
      }
    }
    String names = first(params, "metricnames");
    if (names == null || names.isBlank()) {
      throw new BadRequest("metricnames is required: name the metrics to read, separated by commas");
    }
    List<String> metricNames = new ArrayList<>();
    for (String n : names.split(",")) {
      if (!n.isBlank()) {
        metricNames.add(n.trim());
      }
    }
    Set<String> aggregations = new LinkedHashSet<>();
    String asked = first(params, "aggregation");
    for (String a : (asked == null ? "average" : asked).split(",")) {
      String lower = a.trim().toLowerCase(Locale.ROOT);
      if (!AGGREGATIONS.contains(lower)) {
        throw new BadRequest("Invalid aggregation '" + a.trim() + "': use Average, Minimum, Maximum, Total or Count");
      }
      aggregations.add(lower);
    }
    return new MetricsRequest(start, end, interval, metricNames, aggregations, filter(first(params, "$filter")));
  }

  /** {@code dim eq 'value' and dim2 eq '*'}: the only filter form the emulator reads. */
  private static Map<String, String> filter(String filter) throws BadRequest {
    Map<String, String> out = new LinkedHashMap<>();
    if (filter == null || filter.isBlank()) {
      return out;
    }
    for (String clause : filter.split("(?i)\\s+and\\s+")) {
      String[] parts = clause.trim().split("(?i)\\s+eq\\s+", 2);
      if (parts.length != 2 || !parts[1].startsWith("'") || !parts[1].endsWith("'") || parts[1].length() < 2) {
        throw new BadRequest("Invalid $filter '" + filter + "': the emulator reads only dimension eq 'value' joined by and");
      }
      out.put(parts[0].trim().toLowerCase(Locale.ROOT), parts[1].substring(1, parts[1].length() - 1));
    }
    return out;
  }

  private static String first(Map<String, List<String>> params, String key) {
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** The time grains of the window: starts aligned down to the grain, as Azure aligns them. */
  List<Instant> grainStarts() {
    if (interval == null) {
      return List.of(start);
    }
    long grainMs = interval.toMillis();
    long first = Math.floorDiv(start.toEpochMilli(), grainMs) * grainMs;
    List<Instant> out = new ArrayList<>();
    for (long t = first; t < end.toEpochMilli(); t += grainMs) {
      out.add(Instant.ofEpochMilli(t));
    }
    return out;
  }

  /** The end of the time grain that starts at {@code grainStart}. */
  Instant grainEnd(Instant grainStart) {
    return interval == null ? end : grainStart.plus(interval);
  }

  /** The grain's length in seconds (the whole window for FULL). */
  double grainSeconds() {
    return (interval == null ? Duration.between(start, end) : interval).toNanos() / 1e9;
  }

  /** The time grain as Azure writes it back. */
  String intervalText() {
    return interval == null ? "FULL" : interval.toString();
  }
}
