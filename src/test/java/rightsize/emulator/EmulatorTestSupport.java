package rightsize.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import rightsize.config.RightsizeSettings;
import rightsize.emulator.settings.EmulatorSetup;

/** Settings and a small raw HTTP/SSE client for the emulator's tests. */
public final class EmulatorTestSupport {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** Deployments that answer fast: 100k prompt tokens/s, 200 tok/s per stream, no batching slowdown. */
  public static final String FAST = """
      rightsize.emulator.profiles.test-fast {
        prefill-tokens-per-second = 100000
        decode-tokens-per-second = 200
        saturated-decode-tokens-per-second = 12800
        saturation-streams = 64
        first-token-overhead-ms = 0
      }
      rightsize.deployments = [
        { name = fast, vm-size = "Standard_F8s_v2", emulator { profile = test-fast, max-concurrent-requests-per-instance = 8 } }
        { name = other, deployment = "other-model", emulator { profile = test-fast } }
      ]
      """;

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private EmulatorTestSupport() {}

  /** What an emulator configured by {@code hocon} over reference.conf serves. */
  public static EmulatorSetup setup(String hocon) {
    return EmulatorSetup.of(RightsizeSettings.from(ConfigFactory.parseString(hocon), System::getenv));
  }

  /** A chat body with one user message. */
  public static String body(String content, int maxTokens, boolean stream, boolean includeUsage) {
    return "{\"messages\":[{\"role\":\"user\",\"content\":" + quote(content) + "}],\"max_tokens\":" + maxTokens
        + ",\"stream\":" + stream + (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}";
  }

  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An answer as read: status, headers, body text and (for SSE) the data payloads in order. */
  public record Answer(int status, Map<String, List<String>> headers, String body, List<String> events, IOException failure) {
    public String header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The events parsed as JSON, [DONE] excluded. */
    public List<JsonNode> jsonEvents() {
      List<JsonNode> out = new ArrayList<>();
      for (String e : events) {
        if (!e.equals("[DONE]")) {
          try {
            out.add(JSON.readTree(e));
          } catch (IOException x) {
            throw new UncheckedIOException("not JSON: " + e, x);
          }
        }
      }
      return out;
    }

    /** Concatenated content of choice 0 over all events. */
    public String streamedText() {
      StringBuilder sb = new StringBuilder();
      for (JsonNode e : jsonEvents()) {
        JsonNode c = e.path("choices").path(0).path("delta").path("content");
        if (c.isTextual()) {
          sb.append(c.asText());
        }
      }
      return sb.toString();
    }
  }

  /** POSTs {@code body} to {@code path} with header pairs {@code headers} and reads the whole answer. */
  public static Answer post(URI base, String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<Stream<String>> response;
    try {
      response = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      return new Answer(-1, Map.of(), "", List.of(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    StringBuilder text = new StringBuilder();
    List<String> events = new ArrayList<>();
    IOException failure = null;
    try (Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        text.append(line).append('\n');
        if (line.startsWith("data: ")) {
          events.add(line.substring(6));
        }
      }
    } catch (UncheckedIOException e) {
      failure = e.getCause();
    }
    return new Answer(response.statusCode(), response.headers().map(), text.toString(), events, failure);
  }

  /** GETs {@code path} and parses the JSON answer. */
  public static JsonNode getJson(URI base, String path) {
    try {
      HttpResponse<String> r = CLIENT.send(
          HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
