package rightsize.emulator.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rightsize.emulator.settings.DeploymentSpec;
import rightsize.emulator.monitor.EmulatedResource.Type;
import rightsize.emulator.truth.GroundTruth;

/**
 * Azure Monitor's Metrics - List ({@code GET {resourceId}/providers/Microsoft.Insights/metrics}) for
 * the emulated deployments, in Azure's JSON shape and with Azure's errors, so that a metrics client
 * written for Azure reads the emulator's series unchanged. Any bearer token is accepted; there is
 * no publication delay: a time grain shows what happened in it so far.
 */
public final class MetricsEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUFFIX = "/providers/microsoft.insights/metrics";

  /** An answer: HTTP status and JSON body. */
  public record Answer(int status, byte[] body) {}

  private final List<DeploymentSpec> deployments;
  private final String model;
  private final GroundTruth truth;

  /** Publishes the series of {@code deployments} from {@code truth}; {@code model} is the ModelName dimension. */
  public MetricsEndpoint(List<DeploymentSpec> deployments, String model, GroundTruth truth) {
    this.deployments = List.copyOf(deployments);
    this.model = model;
    this.truth = truth;
  }

  /** Whether {@code path} is a Metrics - List call (the provider's case does not matter, as for ARM). */
  public static boolean handles(String path) {
    return path.toLowerCase(Locale.ROOT).endsWith(SUFFIX) && path.length() > SUFFIX.length();
  }

  /** Answers a GET of {@code path} with query {@code params} and header {@code authorization} (null when absent). */
  public Answer answer(String path, Map<String, List<String>> params, String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
      return error(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
    }
    if (params.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("api-version"))) {
      return error(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
    }
    String resourcePath = path.substring(0, path.length() - SUFFIX.length());
    List<String> segments = Arrays.stream(resourcePath.split("/")).filter(s -> !s.isEmpty()).toList();
    if (segments.size() < 2 || !segments.get(0).equalsIgnoreCase("subscriptions")) {
      return error(400, "InvalidResourceId", "'" + resourcePath + "' is not a valid resource ID.");
    }
    if (!segments.get(1).equalsIgnoreCase(EmulatedResource.SUBSCRIPTION)) {
      return error(403, "AuthorizationFailed", "The client 'rightsize' with object id 'rightsize' does not have"
          + " authorization to perform action 'microsoft.insights/metrics/read' over scope '" + resourcePath
          + "/providers/microsoft.insights' or the scope is invalid. If access was recently granted, please refresh"
          + " your credentials.");
    }
    EmulatedResource resource = EmulatedResource.parse(segments);
    if (resource == null || !exists(resource)) {
      return error(404, "ResourceNotFound", "The Resource '" + resourceTypeAndName(segments) + "' under resource group '"
          + (segments.size() > 3 ? segments.get(3) : "") + "' was not found. For more details please go to"
          + " https://aka.ms/ARMResourceNotFoundFix");
    }
    try {
      return new Answer(200, JSON.writeValueAsBytes(response(resource, MetricsRequest.parse(params, Instant.now()))));
    } catch (MetricsRequest.BadRequest e) {
      return metricError(e.getMessage());
    } catch (JsonProcessingException e) {
      return error(500, "InternalServerError", e.getMessage());
    }
  }

  private boolean exists(EmulatedResource r) {
    return switch (r.type()) {
      case ONLINE_DEPLOYMENT -> deployments.stream().anyMatch(d -> d.name().equals(r.deployment()) && !d.isPayPerToken());
      case ONLINE_ENDPOINT -> deployments.stream().anyMatch(d -> !d.isPayPerToken());
      case OPENAI_ACCOUNT -> deployments.stream().anyMatch(DeploymentSpec::isPayPerToken);
    };
  }

  private ObjectNode response(EmulatedResource resource, MetricsRequest request) throws MetricsRequest.BadRequest {
    List<AzureMetric> metrics = new ArrayList<>();
    for (String name : request.metricNames()) {
      AzureMetric m = AzureMetric.find(resource.type(), name);
      if (m == null) {
        Type t = resource.type();
        throw new MetricsRequest.BadRequest("Failed to find metric configuration for provider: " + t.provider()
            + ", resource Type: " + t.typeBelowProvider() + ", metric: " + name + ", Valid metrics: "
            + String.join(",", AzureMetric.names(t)));
      }
      metrics.add(m);
    }
    MetricValues values = new MetricValues(truth, deployments, model, Instant.now());
    ObjectNode root = JSON.createObjectNode();
    root.put("cost", 0);
    root.put("timespan", request.start() + "/" + request.end());
    root.put("interval", request.intervalText());
    ArrayNode value = root.putArray("value");
    for (AzureMetric m : metrics) {
      List<String> split = new ArrayList<>();
      Map<String, String> fixed = new LinkedHashMap<>();
      for (Map.Entry<String, String> f : request.filter().entrySet()) {
        String dimension = m.dimension(f.getKey());
        if (dimension == null) {
          throw new MetricsRequest.BadRequest("Metric: " + m.restName + " does not support requested dimension"
              + " combination: " + f.getKey() + ", supported ones are: " + String.join(",", m.dimensions));
        }
        if (f.getValue().equals("*")) {
          split.add(dimension);
        } else {
          fixed.put(dimension, f.getValue());
        }
      }
      ObjectNode metric = value.addObject();
      metric.put("id", resource.id() + "/providers/Microsoft.Insights/metrics/" + m.restName);
      metric.put("type", "Microsoft.Insights/metrics");
      metric.putObject("name").put("value", m.restName).put("localizedValue", m.displayName);
      metric.put("displayDescription", m.displayName);
      metric.put("unit", m.unit);
      ArrayNode timeseries = metric.putArray("timeseries");
      for (MetricValues.Series s : values.series(m, resource, request, split, fixed)) {
        ObjectNode series = timeseries.addObject();
        ArrayNode metadata = series.putArray("metadatavalues");
        s.dimensions().forEach((k, v) -> {
          ObjectNode md = metadata.addObject();
          md.putObject("name").put("value", k.toLowerCase(Locale.ROOT)).put("localizedValue", k);
          md.put("value", v);
        });
        ArrayNode data = series.putArray("data");
        for (MetricValues.Point p : s.points()) {
          ObjectNode point = data.addObject();
          point.put("timeStamp", p.timeStamp().toString());
          put(point, request, "average", p.average());
          put(point, request, "minimum", p.minimum());
          put(point, request, "maximum", p.maximum());
          put(point, request, "total", p.total());
          put(point, request, "count", p.count());
        }
      }
      metric.put("errorCode", "Success");
    }
    root.put("namespace", resource.type().namespace());
    root.put("resourceregion", MetricValues.REGION);
    return root;
  }

  private static void put(ObjectNode point, MetricsRequest request, String aggregation, Double v) {
    if (v != null && request.aggregations().contains(aggregation)) {
      point.put(aggregation, v);
    }
  }

  private static String resourceTypeAndName(List<String> segments) {
    int providers = -1;
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).equalsIgnoreCase("providers")) {
        providers = i;
      }
    }
    return providers < 0 ? String.join("/", segments) : String.join("/", segments.subList(providers + 1, segments.size()));
  }

  /** ARM's error envelope: {"error":{"code","message"}}. */
  private static Answer error(int status, String code, String message) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("error").put("code", code).put("message", message);
    return new Answer(status, root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The metrics service's own 400: {"code","message"} at the top, not wrapped. */
  private static Answer metricError(String message) {
    ObjectNode root = JSON.createObjectNode().put("code", "BadRequest").put("message", message);
    return new Answer(400, root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
