package rightsize.endpoint;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import rightsize.client.ChatRequest;
import rightsize.config.DeploymentSettings;
import rightsize.config.RightsizeSettings;
import rightsize.config.TargetKind;
import rightsize.config.Timeouts;
import rightsize.config.WireFormatSettings;
import rightsize.endpoint.spi.EmulatorLauncher;

/**
 * One deployment made concrete on the wire: the URL, headers and auth its kind needs, and the body
 * its wire format needs.
 * Thread-safe; {@link #request} is cheap and never blocks.
 */
public final class Endpoint {
  /** The header carrying the client request id; Azure services log it with the request. */
  public static final String REQUEST_ID_HEADER = "x-ms-client-request-id";

  // One DefaultAzureCredential and one token holder per scope for the whole JVM.
  private static volatile TokenCredential defaultCredential;
  private static final Map<String, Auth> ENTRA_BY_SCOPE = new ConcurrentHashMap<>();

  private final DeploymentSettings deployment;
  private final TargetKind wireKind;
  private final URI uri;
  private final String model;
  private final Map<String, String> fixedHeaders;
  private final Auth auth;

  private Endpoint(DeploymentSettings deployment, TargetKind wireKind, URI uri, String model, Map<String, String> fixedHeaders, Auth auth) {
    this.deployment = deployment;
    this.wireKind = wireKind;
    this.uri = uri;
    this.model = model;
    this.fixedHeaders = fixedHeaders;
    this.auth = auth;
  }

  /**
   * Resolves {@code d}; Entra auth uses DefaultAzureCredential (shared per JVM), the emulator kind
   * starts the emulator on the classpath ({@link EmulatorLauncher}) with the emulator section and
   * deployments of {@code settings}.
   */
  public static Endpoint resolve(DeploymentSettings d, RightsizeSettings settings) {
    return resolve(d, settings, null);
  }

  /**
   * Resolves {@code d} with Entra tokens from {@code credential} (used when auth.type = entra);
   * null means the JVM's shared DefaultAzureCredential.
   */
  public static Endpoint resolve(DeploymentSettings d, RightsizeSettings settings, TokenCredential credential) {
    if (d.kind() == TargetKind.EMULATOR) {
      EmulatorLauncher emulator = emulator(d);
      URI base;
      try {
        base = emulator.ensureStarted(settings.emulator(), settings.allDeployments());
      } catch (RuntimeException e) {
        throw new EndpointSetupException("the embedded emulator did not start (" + e.getMessage() + "): see the log above", e);
      }
      // The emulator serves every emulated deployment by its configured name, as an AML endpoint.
      return build(d, TargetKind.AML_ONLINE_ENDPOINT, strip(base.toString()), d.name(), Auth.none());
    }
    return build(d, d.kind(), d.endpoint(), d.deployment(), auth(d, credential));
  }

  /** The emulator registered on the classpath (rightsize.emulator registers one). */
  private static EmulatorLauncher emulator(DeploymentSettings d) {
    return ServiceLoader.load(EmulatorLauncher.class, Endpoint.class.getClassLoader()).findFirst()
        .orElseThrow(() -> new EndpointSetupException("deployment " + d.name() + " is of kind emulator but no emulator"
            + " is on the classpath: add rightsize's emulator classes with META-INF/services/"
            + EmulatorLauncher.class.getName() + ", or point the deployment at a real endpoint", null));
  }

  private static Endpoint build(DeploymentSettings d, TargetKind wireKind, String base, String deploymentName, Auth auth) {
    String path;
    String model = null;
    Map<String, String> headers = new LinkedHashMap<>();
    switch (wireKind) {
      case AZURE_OPENAI:
        path = "/openai/deployments/" + encode(deploymentName) + "/chat/completions?api-version=" + encode(d.apiVersion());
        break;
      case AZURE_OPENAI_V1:
        path = "/openai/v1/chat/completions";
        model = deploymentName;
        break;
      case FOUNDRY_MODELS:
        path = "/models/chat/completions?api-version=2024-05-01-preview";
        model = deploymentName;
        break;
      case AML_ONLINE_ENDPOINT:
        path = "/score";
        headers.put("azureml-model-deployment", deploymentName);
        break;
      case OPENAI_COMPATIBLE:
        path = "/v1/chat/completions";
        model = deploymentName;
        break;
      default:
        throw new IllegalArgumentException("no wire format for kind " + wireKind.configName());
    }
    if (!d.path().isEmpty()) {
      path = d.path();
    }
    headers.putAll(d.headers());
    return new Endpoint(d, wireKind, URI.create(strip(base) + path), model, Map.copyOf(headers), auth);
  }

  private static Auth auth(DeploymentSettings d, TokenCredential credential) {
    switch (d.auth().type()) {
      case API_KEY:
        return Auth.apiKey(d.auth().key());
      case BEARER:
        return Auth.bearer(d.auth().key());
      case ENTRA:
        String scope = d.auth().scope().isEmpty() ? d.kind().defaultEntraScope() : d.auth().scope();
        if (credential == null) {
          return ENTRA_BY_SCOPE.computeIfAbsent(scope, s -> Auth.entra(defaultCredential(), s, d.auth().signInTimeout()));
        }
        return Auth.entra(credential, scope, d.auth().signInTimeout());
      case NONE:
      default:
        return Auth.none();
    }
  }

  private static TokenCredential defaultCredential() {
    TokenCredential c = defaultCredential;
    if (c == null) {
      synchronized (Endpoint.class) {
        c = defaultCredential;
        if (c == null) {
          c = new DefaultAzureCredentialBuilder().build();
          defaultCredential = c;
        }
      }
    }
    return c;
  }

  /**
   * A new request (fresh client request id) asking for {@code params} in the deployment's wire
   * format, bounded by {@code timeouts}.
   */
  public ChatRequest request(ChatParams params, Timeouts timeouts) {
    WireFormatSettings format = deployment.wireFormat();
    RequestBody body = RequestBody.of(format, params, model, deployment.maxTokensParam());
    Map<String, String> headers = new LinkedHashMap<>(fixedHeaders);
    headers.put("Content-Type", "application/json");
    headers.put("Accept", body.stream() ? "text/event-stream" : "application/json");
    Header h = auth.header();
    if (h != null) {
      headers.put(h.name(), h.value());
    }
    String requestId = UUID.randomUUID().toString();
    headers.put(REQUEST_ID_HEADER, requestId);
    return new ChatRequest(requestId, uri, headers, body.json(), body.stream(), timeouts, format, body.promptText());
  }

  /** The session values the deployment's body template names (feeder columns); empty for every other format. */
  public Set<String> sessionFields() {
    return deployment.wireFormat() instanceof WireFormatSettings.Custom c ? c.bodyTemplate().sessionFields() : Set.of();
  }

  /** The deployment this target serves. */
  public DeploymentSettings deployment() {
    return deployment;
  }

  /** The configured kind (emulator stays emulator here, though it is spoken to as an AML endpoint). */
  public TargetKind kind() {
    return deployment.kind();
  }

  /** The wire format actually used. */
  public TargetKind wireKind() {
    return wireKind;
  }

  /** The chat-completions URL requests go to. */
  public URI uri() {
    return uri;
  }

  private static String strip(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "Endpoint[" + deployment.name() + " " + wireKind.configName() + " " + uri + "]";
  }
}
