package rightsize.emulator.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rightsize.emulator.settings.DeploymentSpec;
import rightsize.emulator.monitor.AzureMetric.Source;
import rightsize.emulator.truth.BusySample;
import rightsize.emulator.truth.ChunkTruth;
import rightsize.emulator.truth.GroundTruth;
import rightsize.emulator.truth.RequestTruth;

/**
 * Computes one metric's time series for one emulated resource from the ground truth: per time grain
 * and per combination of the dimensions split by, the average, minimum, maximum, total and count.
 */
final class MetricValues {
  /** What the emulator reports as the region dimension of its account. */
  static final String REGION = "local";

  /** The aggregates of one time grain; null fields mean "no data", as Azure leaves them out. */
  record Point(Instant timeStamp, Double average, Double minimum, Double maximum, Double total, Double count) {}

  /** One series: the values of the split dimensions (Azure's spelling) and a point per grain. */
  record Series(Map<String, String> dimensions, List<Point> points) {}

  private final GroundTruth truth;
  private final Map<String, DeploymentSpec> deployments;
  private final String model;
  private final Instant now;

  MetricValues(GroundTruth truth, List<DeploymentSpec> deployments, String model, Instant now) {
    this.truth = truth;
    this.deployments = new LinkedHashMap<>();
    deployments.forEach(d -> this.deployments.put(d.name(), d));
    this.model = model;
    this.now = now;
  }

  /**
   * The series of {@code metric} on {@code resource} for {@code request}: one unsplit series, or one
   * per combination of the split dimensions that has data. {@code split} and {@code fixed} are
   * dimension names in Azure's spelling; fixed ones carry the value samples must have.
   */
  List<Series> series(AzureMetric metric, EmulatedResource resource, MetricsRequest request,
      List<String> split, Map<String, String> fixed) {
    return switch (metric.source) {
      case NONE -> split.isEmpty() ? List.of(new Series(Map.of(), emptyPoints(request))) : List.of();
      case BUSY_SLOTS, INSTANCES -> instanceSeries(metric.source, deployments.get(resource.deployment()), request, split, fixed);
      default -> requestSeries(metric.source, resource, request, split, fixed);
    };
  }

  private static List<Point> emptyPoints(MetricsRequest request) {
    return request.grainStarts().stream().map(t -> new Point(t, null, null, null, null, null)).toList();
  }

  // ---- per instance: utilization and instance count ----

  private List<Series> instanceSeries(
      Source source, DeploymentSpec spec, MetricsRequest request, List<String> split, Map<String, String> fixed) {
    int instances = spec.instanceCount();
    List<BusySample> busy = source == Source.BUSY_SLOTS ? truth.busy(spec.name()) : List.of();
    Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < instances; i++) {
      Map<String, String> values = Map.of("instanceId", instanceId(spec, i), "State", "Running");
      if (matches(values, fixed)) {
        groups.computeIfAbsent(key(values, split), k -> new ArrayList<>()).add(i);
      }
    }
    List<Series> out = new ArrayList<>();
    for (Map.Entry<List<String>, List<Integer>> g : groups.entrySet()) {
      List<Point> points = new ArrayList<>();
      for (Instant from : request.grainStarts()) {
        points.add(source == Source.BUSY_SLOTS
            ? utilization(from, request.grainEnd(from), g.getValue(), busy, spec.maxConcurrentPerInstance())
            : capacity(from, request.grainEnd(from), g.getValue().size()));
      }
      out.add(new Series(dimensions(split, g.getKey()), points));
    }
    return out;
  }

  /** The instance name in the instanceId dimension. */
  static String instanceId(DeploymentSpec spec, int instance) {
    return spec.name() + "-" + instance;
  }

  /** The part of [from, to) the emulator has lived through, in its nanoTime, or null when none. */
  private long[] lived(Instant from, Instant to) {
    long start = Math.max(micros(from), truth.startEpochMicros());
    long end = Math.min(micros(to), micros(now));
    return end > start ? new long[] {truth.nanos(start), truth.nanos(end)} : null;
  }

  private Point capacity(Instant from, Instant to, int instances) {
    if (lived(from, to) == null) {
      return new Point(from, null, null, null, null, null);
    }
    double n = instances;
    return new Point(from, n, n, n, n, 1.0);
  }

  /**
   * Busy slots over slots, in percent, weighted by time: average over the instances of each one's
   * time-weighted mean, and the lowest and highest level any of them had.
   */
  private Point utilization(Instant from, Instant to, List<Integer> instances, List<BusySample> busy, int slots) {
    long[] span = lived(from, to);
    if (span == null) {
      return new Point(from, null, null, null, null, null);
    }
    double sumOfMeans = 0;
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int instance : instances) {
      int level = 0;
      double weighted = 0;
      long at = span[0];
      double lo = Double.MAX_VALUE;
      double hi = 0;
      for (BusySample s : busy) {
        if (s.instance() != instance) {
          continue;
        }
        if (s.nanos() >= span[1]) {
          break;
        }
        if (s.nanos() > at) {
          weighted += (double) level * (s.nanos() - at);
          lo = Math.min(lo, level);
          hi = Math.max(hi, level);
          at = s.nanos();
        }
        level = s.busy();
      }
      weighted += (double) level * (span[1] - at);
      lo = Math.min(lo, level);
      hi = Math.max(hi, level);
      sumOfMeans += weighted / (span[1] - span[0]) * 100.0 / slots;
      min = Math.min(min, lo * 100.0 / slots);
      max = Math.max(max, hi * 100.0 / slots);
    }
    double mean = sumOfMeans / instances.size();
    return new Point(from, mean, min, max, sumOfMeans, (double) instances.size());
  }

  // ---- per request: latency, requests and tokens ----

  private List<Series> requestSeries(
      Source source, EmulatedResource resource, MetricsRequest request, List<String> split, Map<String, String> fixed) {
    List<Instant> grains = request.grainStarts();
    Map<List<String>, List<List<Double>>> samples = new LinkedHashMap<>();
    boolean chunks = source == Source.TIME_BETWEEN_TOKENS;
    for (RequestTruth r : truth.requestsSince(0, chunks)) {
      if (r.endEpochMicros() == null || r.httpStatus() == null || !servedBy(resource, r.deployment())) {
        continue;
      }
      int grain = grainOf(grains, request, Instant.ofEpochSecond(0, r.endEpochMicros() * 1_000L));
      Double value = grain < 0 ? null : sample(source, r);
      Map<String, String> values = requestDimensions(r);
      if (value == null || !matches(values, fixed)) {
        continue;
      }
      List<List<Double>> perGrain = samples.computeIfAbsent(key(values, split), k -> {
        List<List<Double>> g = new ArrayList<>();
        grains.forEach(x -> g.add(new ArrayList<>()));
        return g;
      });
      perGrain.get(grain).add(value);
    }
    if (samples.isEmpty() && split.isEmpty()) {
      samples.put(List.of(), grains.stream().map(x -> (List<Double>) new ArrayList<Double>()).toList());
    }
    List<Series> out = new ArrayList<>();
    for (Map.Entry<List<String>, List<List<Double>>> e : samples.entrySet()) {
      List<Point> points = new ArrayList<>();
      for (int i = 0; i < grains.size(); i++) {
        points.add(aggregate(source, grains.get(i), request, e.getValue().get(i)));
      }
      out.add(new Series(dimensions(split, e.getKey()), points));
    }
    return out;
  }

  private boolean servedBy(EmulatedResource resource, String deployment) {
    DeploymentSpec spec = deployment == null ? null : deployments.get(deployment);
    if (spec == null) {
      return false;
    }
    return switch (resource.type()) {
      case ONLINE_DEPLOYMENT -> deployment.equals(resource.deployment());
      case ONLINE_ENDPOINT -> !spec.isPayPerToken();
      case OPENAI_ACCOUNT -> spec.isPayPerToken();
    };
  }

  private static int grainOf(List<Instant> grains, MetricsRequest request, Instant at) {
    if (at.isBefore(request.start()) || !at.isBefore(request.end())) {
      return -1;
    }
    for (int i = grains.size() - 1; i >= 0; i--) {
      if (!at.isBefore(grains.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The request's value for {@code source}, or null when it has none (no content, not answered 200). */
  private static Double sample(Source source, RequestTruth r) {
    boolean ok = r.httpStatus() == 200;
    return switch (source) {
      case E2E_MEAN, E2E_P50, E2E_P90, E2E_P95, E2E_P99 -> r.e2eNanos() / 1e6;
      case REQUESTS, REQUESTS_PER_MINUTE -> 1.0;
      case TTFT -> r.ttftNanos() == null ? null : r.ttftNanos() / 1e6;
      case TIME_BETWEEN_TOKENS -> meanGapMs(r.contentChunks());
      case TOKENS_PER_SECOND -> ok && r.prefillEndNanos() != null && r.endNanos() > r.prefillEndNanos()
          ? r.sentCompletionTokens() * 1e9 / (r.endNanos() - r.prefillEndNanos()) : null;
      case PROMPT_TOKENS -> ok ? (double) r.promptTokens() : null;
      case COMPLETION_TOKENS -> ok ? (double) r.sentCompletionTokens() : null;
      case ALL_TOKENS -> ok ? (double) (r.promptTokens() + r.sentCompletionTokens()) : null;
      case BUSY_SLOTS, INSTANCES, NONE -> null;
    };
  }

  private static Double meanGapMs(List<ChunkTruth> content) {
    if (content.size() < 2) {
      return null;
    }
    return (content.get(content.size() - 1).sentNanos() - content.get(0).sentNanos()) / 1e6 / (content.size() - 1);
  }

  private Point aggregate(Source source, Instant from, MetricsRequest request, List<Double> values) {
    boolean lived = lived(from, request.grainEnd(from)) != null;
    if (values.isEmpty()) {
      // Counts and sums are 0 in a grain without requests; averages have no data.
      boolean summed = source == Source.REQUESTS || source == Source.REQUESTS_PER_MINUTE
          || source == Source.PROMPT_TOKENS || source == Source.COMPLETION_TOKENS || source == Source.ALL_TOKENS;
      Double zero = summed && lived ? 0.0 : null;
      return new Point(from, zero, zero, zero, zero, lived ? 0.0 : null);
    }
    double n = values.size();
    double sum = values.stream().mapToDouble(Double::doubleValue).sum();
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return switch (source) {
      case REQUESTS_PER_MINUTE -> {
        double perMinute = n * 60.0 / request.grainSeconds();
        yield new Point(from, perMinute, perMinute, perMinute, perMinute, 1.0);
      }
      case E2E_P50 -> percentile(from, values, 50);
      case E2E_P90 -> percentile(from, values, 90);
      case E2E_P95 -> percentile(from, values, 95);
      case E2E_P99 -> percentile(from, values, 99);
      default -> new Point(from, sum / n, min, max, sum, n);
    };
  }

  /** Nearest rank: the value at position ceil(p/100 x n) of the sorted values. */
  private static Point percentile(Instant from, List<Double> values, double p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    double v = sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    return new Point(from, v, v, v, v, (double) sorted.length);
  }

  private Map<String, String> requestDimensions(RequestTruth r) {
    Map<String, String> d = new LinkedHashMap<>();
    String status = String.valueOf(r.httpStatus());
    d.put("deployment", r.deployment());
    d.put("ModelDeploymentName", r.deployment());
    d.put("statusCode", status);
    d.put("StatusCode", status);
    d.put("envoy_response_code", status);
    d.put("statusCodeClass", status.charAt(0) + "xx");
    d.put("modelStatusCode", status);
    d.put("StreamType", r.stream() ? "Streaming" : "Non-Streaming");
    d.put("ModelName", model);
    d.put("Region", REGION);
    d.put("ApiName", "ChatCompletions_Create");
    d.put("OperationName", "ChatCompletions_Create");
    return d;
  }

  private static boolean matches(Map<String, String> values, Map<String, String> fixed) {
    for (Map.Entry<String, String> f : fixed.entrySet()) {
      if (!f.getValue().equalsIgnoreCase(values.getOrDefault(f.getKey(), ""))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> key(Map<String, String> values, List<String> split) {
    return split.stream().map(d -> values.getOrDefault(d, "")).toList();
  }

  private static Map<String, String> dimensions(List<String> split, List<String> key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < split.size(); i++) {
      out.put(split.get(i), key.get(i));
    }
    return out;
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
