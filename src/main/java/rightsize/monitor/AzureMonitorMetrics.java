package rightsize.monitor;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rightsize.secret.Secret;
import rightsize.telemetry.TelemetryPoint;
import rightsize.telemetry.TelemetrySeries;

/**
 * Reads metrics from Azure Monitor's Metrics - List API ({@code GET
 * {resourceId}/providers/Microsoft.Insights/metrics}) through the Azure SDK's HTTP pipeline: Entra
 * ID bearer tokens from a {@link TokenCredential} (which the SDK sends over HTTPS only), and its
 * retries of 429 and 5xx answers.
 *
 * <p>Azure's metrics query clients (azure-monitor-query, azure-monitor-query-metrics) cannot be
 * resolved from the package registry this project builds from; this is the request they send.
 */
public final class AzureMonitorMetrics {
  /** Azure Resource Manager, where the Metrics - List API lives. */
  public static final URI AZURE_RESOURCE_MANAGER = URI.create("https://management.azure.com");

  /** The Entra ID scope of Azure Resource Manager. */
  public static final String SCOPE = "https://management.azure.com/.default";

  /** The Metrics - List API version (GA). */
  public static final String API_VERSION = "2024-02-01";

  private static final ObjectMapper JSON = new ObjectMapper();
  // An error's code is a word; its message is cut at 300 characters and "…".
  private static final int CODE_MAX = 64;
  private static final int MESSAGE_MAX = 301;

  private final URI endpoint;
  private final HttpPipeline pipeline;

  /** What Azure answered to one query. */
  public sealed interface Answer permits Data, Refused {}

  /** The metric's unit and series. */
  public record Data(String unit, List<TelemetrySeries> series) implements Answer {}

  /**
   * Azure said no, or could not be asked: {@code status} 0 when no HTTP answer came (no token, no
   * connection), {@code code} Azure's error code, {@code message} its message (secrets removed).
   */
  public record Refused(int status, String code, String message) implements Answer {
    /** Whether asking again cannot help: sign-in, role, resource or request are wrong. */
    public boolean permanent() {
      return status == 0 && code.equals("SignInFailed") || status == 400 || status == 401 || status == 403 || status == 404;
    }
  }

  /**
   * A client of the metrics service at {@code endpoint} (normally {@link #AZURE_RESOURCE_MANAGER}),
   * with tokens from {@code credential} for {@code scope}, over {@code httpClient}.
   */
  public AzureMonitorMetrics(URI endpoint, TokenCredential credential, String scope, HttpClient httpClient) {
    this.endpoint = endpoint;
    this.pipeline = new HttpPipelineBuilder()
        .httpClient(httpClient)
        .policies(
            new UserAgentPolicy("rightsize"),
            new RetryPolicy(new ExponentialBackoff(2, Duration.ofSeconds(1), Duration.ofSeconds(8))),
            new BearerTokenAuthenticationPolicy(credential, scope))
        .build();
  }

  /** The service's base URL. */
  public URI endpoint() {
    return endpoint;
  }

  /** Reads {@code query} over [{@code start}, {@code end}) in grains of {@code grain}. */
  public Answer read(MetricQuery query, Instant start, Instant end, Duration grain) {
    String url = endpoint.toString().replaceAll("/+$", "") + query.resourceId() + "/providers/Microsoft.Insights/metrics"
        + "?api-version=" + API_VERSION
        + "&timespan=" + encode(start + "/" + end)
        + "&interval=" + grain
        + "&metricnames=" + encode(query.metric())
        + "&aggregation=" + encode(String.join(",", query.aggregations()))
        + (query.filter().isEmpty() ? "" : "&$filter=" + encode(query.filter()));
    try (HttpResponse response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
      String body = response.getBodyAsBinaryData().toString();
      if (response.getStatusCode() != 200) {
        return refused(response.getStatusCode(), body);
      }
      return data(JSON.readTree(body));
    } catch (IOException e) {
      return new Refused(200, "MalformedResponse", "the metrics answer is not Azure's JSON: " + Secret.redact(e.getMessage()));
    } catch (RuntimeException e) {
      // Token acquisition and connection failures surface as runtime exceptions of the pipeline.
      boolean signIn = e.getClass().getName().contains("Authentication") || e.getClass().getName().contains("Credential");
      return new Refused(0, signIn ? "SignInFailed" : "Unreachable", Secret.redact(firstLine(e)));
    }
  }

  private static Data data(JsonNode root) {
    JsonNode metric = root.path("value").path(0);
    List<TelemetrySeries> series = new ArrayList<>();
    for (JsonNode ts : metric.path("timeseries")) {
      Map<String, String> dimensions = new LinkedHashMap<>();
      for (JsonNode md : ts.path("metadatavalues")) {
        String name = md.path("name").path("localizedValue").asText(md.path("name").path("value").asText());
        dimensions.put(name, md.path("value").asText());
      }
      List<TelemetryPoint> points = new ArrayList<>();
      for (JsonNode p : ts.path("data")) {
        points.add(new TelemetryPoint(Instant.parse(p.path("timeStamp").asText()).toString(),
            number(p, "average"), number(p, "minimum"), number(p, "maximum"), number(p, "total")));
      }
      series.add(new TelemetrySeries(dimensions, points));
    }
    return new Data(metric.path("unit").asText(null), series);
  }

  private static Double number(JsonNode point, String field) {
    JsonNode v = point.get(field);
    return v == null || !v.isNumber() ? null : v.asDouble();
  }

  /** ARM wraps errors in {"error":{...}}; the metrics service puts code and message at the top. Both are scrubbed before they are shortened. */
  private static Refused refused(int status, String body) {
    String code = String.valueOf(status);
    String message = body;
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode error = root.has("error") ? root.get("error") : root;
      code = error.path("code").asText(code);
      message = error.path("message").asText(body);
    } catch (IOException | RuntimeException e) {
      // Not JSON (a proxy's page): the status and the start of the body say enough.
    }
    return new Refused(status, Secret.shorten(code, CODE_MAX), Secret.shorten(firstLine(message), MESSAGE_MAX));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String firstLine(Object o) {
    String m = o instanceof Throwable t ? String.valueOf(t.getMessage()) : String.valueOf(o);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
