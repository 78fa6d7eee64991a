package rightsize.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import rightsize.telemetry.DeploymentTelemetry;
import rightsize.telemetry.DeploymentTelemetry.Status;
import rightsize.telemetry.MetricTelemetry;
import rightsize.telemetry.Telemetry;
import rightsize.telemetry.TelemetryPoint;
import rightsize.telemetry.TelemetrySeries;

/**
 * Reads every deployment's server-side metrics after a run. Azure Monitor publishes a few minutes
 * late, so it asks again every poll interval until each resource has published the time grain in
 * which its load ended, or until the wait is over; a metric still without data then is recorded as
 * missing, with the reason. Refusals (no sign-in, no role, wrong resource ID) are one line each,
 * never a failure: the run's results stand without the server side.
 */
public final class TelemetryCollector {
  private final Duration grain;
  private final Duration wait;
  private final Duration poll;
  private final Consumer<String> console;
  private final Clock clock;

  /**
   * What one deployment needs: its name, where its metrics are and the service that holds them (both
   * null: no monitor section), and the time its load ran, from its first request's start to its last
   * request's end.
   */
  public record Window(String deployment, MonitorTarget target, AzureMonitorMetrics service, Instant start, Instant end) {
    public Window {
      if ((target == null) != (service == null)) {
        throw new IllegalArgumentException("a monitored deployment needs both its target and its metrics service");
      }
    }
  }

  /**
   * Reads in grains of {@code grain}, asking again every {@code poll} for at most {@code wait}, with
   * progress lines to {@code console}.
   */
  public TelemetryCollector(Duration grain, Duration wait, Duration poll, Consumer<String> console) {
    this(grain, wait, poll, console, Clock.systemUTC());
  }

  TelemetryCollector(Duration grain, Duration wait, Duration poll, Consumer<String> console, Clock clock) {
    this.grain = grain;
    this.wait = wait;
    this.poll = poll;
    this.console = console;
    this.clock = clock;
  }

  /** One query's progress. */
  private static final class Reading {
    final MetricQuery query;
    final Instant finalGrain;
    String unit;
    List<TelemetrySeries> series = List.of();
    AzureMonitorMetrics.Refused refused;
    boolean done;

    Reading(MetricQuery query, Instant finalGrain) {
      this.query = query;
      this.finalGrain = finalGrain;
    }

    boolean published() {
      return series.stream().flatMap(s -> s.points().stream())
          .anyMatch(p -> p.hasData() && Instant.parse(p.time()).equals(finalGrain));
    }

    boolean anyData() {
      return series.stream().flatMap(s -> s.points().stream()).anyMatch(TelemetryPoint::hasData);
    }
  }

  /** Reads the metrics of every window (in order) and returns what telemetry.json holds. */
  public Telemetry collect(List<Window> windows) throws InterruptedException {
    List<List<Reading>> readings = new ArrayList<>();
    int total = 0;
    for (Window w : windows) {
      List<Reading> rs = new ArrayList<>();
      if (w.target() != null) {
        Instant finalGrain = floor(w.end().minusNanos(1));
        w.target().queries().forEach(q -> rs.add(new Reading(q, finalGrain)));
      }
      total += rs.size();
      readings.add(rs);
    }
    Instant deadline = clock.instant().plus(wait);
    String sources = windows.stream().map(Window::service).filter(Objects::nonNull)
        .map(m -> m.endpoint().toString()).distinct().collect(Collectors.joining(" and "));
    if (total > 0) {
      console.accept(String.format(Locale.ROOT, "telemetry: reading %d server-side metrics from %s"
          + " (Azure Monitor publishes a few minutes late: waiting at most %s)", total, sources, text(wait)));
    }
    Instant begun = clock.instant();
    while (true) {
      for (int i = 0; i < windows.size(); i++) {
        Window w = windows.get(i);
        for (Reading r : readings.get(i)) {
          if (!r.done) {
            read(r, w);
          }
        }
        settleCaughtUpResources(readings.get(i));
      }
      long pending = readings.stream().flatMap(List::stream).filter(r -> !r.done).count();
      Instant now = clock.instant();
      if (pending == 0 || !now.isBefore(deadline)) {
        break;
      }
      console.accept(String.format(Locale.ROOT, "telemetry: %d of %d metrics published; asking again in %s (%s of at most %s)",
          total - pending, total, text(poll), text(Duration.between(begun, now)), text(wait)));
      Duration nap = poll.compareTo(Duration.between(now, deadline)) < 0 ? poll : Duration.between(now, deadline);
      Thread.sleep(Math.max(1, nap.toMillis()));
    }
    List<DeploymentTelemetry> out = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      out.add(result(windows.get(i), readings.get(i)));
    }
    Telemetry telemetry = new Telemetry(Telemetry.SCHEMA_VERSION, clock.instant().toString(), sources,
        grain.toString(), out);
    report(telemetry);
    return telemetry;
  }

  private void read(Reading r, Window w) {
    AzureMonitorMetrics.Answer answer = w.service().read(r.query, floor(w.start()), ceil(w.end()), grain);
    if (answer instanceof AzureMonitorMetrics.Data data) {
      r.unit = data.unit();
      r.series = data.series();
      r.refused = null;
      r.done = r.published();
    } else {
      r.refused = (AzureMonitorMetrics.Refused) answer;
      r.done = r.refused.permanent();
    }
  }

  /**
   * Once a resource has published the last grain for one metric, it has published what it will for
   * the others: a metric with no data then has none to give (a GPU metric on a CPU VM size).
   */
  private static void settleCaughtUpResources(List<Reading> readings) {
    Set<String> caughtUp = new HashSet<>();
    for (Reading r : readings) {
      if (r.refused == null && r.published()) {
        caughtUp.add(r.query.resourceId());
      }
    }
    for (Reading r : readings) {
      if (!r.done && r.refused == null && caughtUp.contains(r.query.resourceId())) {
        r.done = true;
      }
    }
  }

  private DeploymentTelemetry result(Window w, List<Reading> readings) {
    String start = floor(w.start()).toString();
    String end = ceil(w.end()).toString();
    if (w.target() == null) {
      return new DeploymentTelemetry(w.deployment(), Status.NOT_MONITORED,
          w.deployment() + ": no monitor section, so no server-side figures: add one (docs/monitoring.md)",
          start, end, List.of());
    }
    List<MetricTelemetry> metricsOut = new ArrayList<>();
    for (Reading r : readings) {
      metricsOut.add(new MetricTelemetry(r.query.metric(), r.query.measure(), r.query.resourceId(), r.unit,
          r.query.filter(), r.series, missing(r)));
    }
    Status status = Status.COLLECTED;
    String problem = null;
    if (readings.stream().allMatch(r -> r.refused != null)) {
      AzureMonitorMetrics.Refused first = readings.get(0).refused;
      status = switch (first.status()) {
        case 401, 403 -> Status.NO_ACCESS;
        case 404 -> Status.NOT_FOUND;
        case 0 -> first.code().equals("SignInFailed") ? Status.NO_ACCESS : Status.FAILED;
        default -> Status.FAILED;
      };
      problem = w.deployment() + ": " + switch (status) {
        case NO_ACCESS -> "no access to its Azure Monitor metrics (" + describe(first)
            + "): sign in and grant the Monitoring Reader role on " + readings.get(0).query.resourceId() + " (docs/monitoring.md)";
        case NOT_FOUND -> "Azure Monitor knows no resource " + readings.get(0).query.resourceId() + " ("
            + describe(first) + "): check the resource ID in its monitor section (docs/monitoring.md)";
        default -> "no server-side metrics could be read (" + describe(first) + ")";
      };
    }
    return new DeploymentTelemetry(w.deployment(), status, problem, start, end, metricsOut);
  }

  private String missing(Reading r) {
    if (r.refused != null) {
      return describe(r.refused);
    }
    if (!r.anyData()) {
      return r.done ? "no data in the window" : "not published within " + text(wait);
    }
    // Published up to an earlier grain: what there is still serves the earlier steps.
    return null;
  }

  private static String describe(AzureMonitorMetrics.Refused r) {
    return (r.status() == 0 ? "" : r.status() + " ") + r.code() + ": " + r.message();
  }

  private void report(Telemetry t) {
    for (DeploymentTelemetry d : t.deployments()) {
      if (d.problem() != null) {
        console.accept("telemetry: " + d.problem());
        continue;
      }
      List<String> missing = d.metrics().stream().filter(m -> m.missing() != null)
          .map(m -> m.name() + " (" + m.missing() + ")").toList();
      if (!missing.isEmpty()) {
        console.accept("telemetry: " + d.deployment() + ": missing " + String.join("; ", missing));
      }
    }
  }

  private Instant floor(Instant t) {
    long g = grain.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), g) * g);
  }

  private Instant ceil(Instant t) {
    Instant f = floor(t);
    return f.equals(t) ? t : f.plus(grain);
  }

  private static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
