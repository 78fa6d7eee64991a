package rightsize.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rightsize.secret.Secret;

/**
 * One deployment to size, merged over {@code deployment-defaults}.
 *
 * @param name unique name used in reports and records
 * @param kind which endpoint kind it is
 * @param endpoint base URL (empty for the emulator)
 * @param deployment deployment name (Azure OpenAI, AML) or model name (v1, Foundry, OpenAI-compatible)
 * @param apiVersion api-version query parameter (azure-openai)
 * @param maxTokensParam the body field carrying the token limit (max_tokens, or max_completion_tokens for reasoning models)
 * @param vmSize VM size label, empty when not applicable
 * @param instanceCount instances serving the deployment
 * @param auth how requests authenticate
 * @param headers extra headers sent with every request
 * @param wireFormat how requests and answers look on the wire (openai-chat unless configured)
 * @param path the path requests go to, or empty for the kind's own (/score, /v1/chat/completions, ...)
 * @param pricing how it is billed and at what prices
 * @param emulator how the embedded emulator serves it; null unless the kind is emulator
 * @param monitor where its Azure Monitor metrics are, or null without a monitor section (an
 *     emulated deployment's come from the emulator itself)
 */
public record DeploymentSettings(
    String name,
    TargetKind kind,
    String endpoint,
    String deployment,
    String apiVersion,
    String maxTokensParam,
    String vmSize,
    int instanceCount,
    AuthSettings auth,
    Map<String, String> headers,
    WireFormatSettings wireFormat,
    String path,
    PricingSettings pricing,
    EmulatedDeployment emulator,
    DeploymentMonitor monitor) {

  private static final Set<String> SECRET_HEADERS = Set.of("api-key", "authorization", "ocp-apim-subscription-key");
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** True when {@code filter} (a name or VM size, "Standard_" optional) selects this deployment. */
  public boolean matches(String filter) {
    String f = filter.trim();
    return f.equalsIgnoreCase(name)
        || (!vmSize.isEmpty() && (f.equalsIgnoreCase(vmSize) || ("Standard_" + f).equalsIgnoreCase(vmSize)));
  }

  /** This deployment spoken to in {@code format} (the genai DSL's override of {@code wire-format}). */
  public DeploymentSettings withWireFormat(WireFormatSettings format) {
    return new DeploymentSettings(name, kind, endpoint, deployment, apiVersion, maxTokensParam, vmSize, instanceCount,
        auth, headers, format, path, pricing, emulator, monitor);
  }

  @Override
  public String toString() {
    return "DeploymentSettings[" + name + ", " + kind.configName() + ", " + deployment + "]";
  }

  /**
   * Reads one entry of {@code deployments} merged over {@code deployment-defaults}; {@code env}
   * gives the keys (null: secrets are not read), {@code emulator} and {@code payPerTokenDefaults}
   * resolve an emulated deployment's profile, {@code cores} an emulated application's vCPUs.
   */
  static DeploymentSettings read(
      Section s, Function<String, String> env, EmulatorSettings emulator, Section payPerTokenDefaults, VmCores cores) {
    int mark = s.mark();
    String name = s.required("name");
    TargetKind kind = s.choice("kind", "a target kind", TargetKind.class);
    String endpoint = s.string("endpoint");
    if (kind != null && kind != TargetKind.EMULATOR && endpoint != null) {
      endpoint = checkEndpoint(s, endpoint);
    }
    String deployment = s.required("deployment");
    String apiVersion = s.string("api-version");
    if (kind == TargetKind.AZURE_OPENAI && apiVersion != null && apiVersion.isEmpty()) {
      s.problem("api-version", "is missing", "set api-version (e.g. 2024-10-21) " + s.where("api-version"));
    }
    String maxTokensParam = s.required("max-tokens-param");
    String vmSize = s.string("vm-size");
    Integer instances = s.integer("instance-count", 1);
    AuthSettings auth = AuthSettings.read(s.child("auth"), kind, env);
    if (endpoint != null && auth.type() != null && auth.type() != AuthType.NONE && !auth.allowCleartext() && cleartextToAnotherHost(endpoint)) {
      s.problem("endpoint", "is plain http to a host that is not loopback (" + endpoint + "), where the "
              + (auth.type() == AuthType.ENTRA ? "Entra ID token" : "key") + " of auth.type = " + auth.type().configName()
              + " can be read on the network",
          "use https://, or set auth.allow-cleartext = true " + s.where("endpoint"));
    }
    Map<String, String> headers = headers(s);
    WireFormatSettings wireFormat = WireFormatSettings.read(s, kind == TargetKind.EMULATOR);
    if (wireFormat != null && !(wireFormat instanceof WireFormatSettings.OpenAiChat) && kind != null && kind.speaksOnlyOpenAi()) {
      s.problem("wire-format", "'" + wireFormat.format().configName() + "' cannot be spoken to kind " + kind.configName() + ", which serves OpenAI chat completions only",
          "use kind aml-online-endpoint (an Azure ML /score), openai-compatible (any other URL, with path) or emulator " + s.where("wire-format"));
    }
    String path = s.string("path");
    if (path != null && !path.isEmpty() && !path.startsWith("/")) {
      s.problem("path", "'" + path + "' does not start with /", "write the path from the host on, e.g. /chat " + s.where("path"));
    }
    PricingSettings pricing = PricingSettings.read(s.child("pricing"));
    EmulatedDeployment emulated =
        kind == TargetKind.EMULATOR ? EmulatedDeployment.read(s, wireFormat, emulator, payPerTokenDefaults, cores) : null;
    DeploymentMonitor monitor = s.has("monitor") ? DeploymentMonitor.read(s.child("monitor"), kind, deployment) : null;
    if (s.failedSince(mark) || kind == TargetKind.EMULATOR && emulated == null) {
      return null;
    }
    return new DeploymentSettings(
        name, kind, endpoint == null ? "" : endpoint, deployment, apiVersion == null ? "" : apiVersion, maxTokensParam,
        vmSize == null ? "" : vmSize, instances, auth, headers, wireFormat, path, pricing, emulated, monitor);
  }

  private static String checkEndpoint(Section s, String endpoint) {
    String where = s.where("endpoint");
    if (endpoint.isEmpty()) {
      s.problem("endpoint", "is missing", "set endpoint (the base URL, e.g. https://myres.openai.azure.com) " + where);
      return null;
    }
    // A problem line shows the URL with what may be a key masked: ?api-key=..., user:password@.
    String shown = "'" + masked(endpoint) + "'";
    try {
      URI u = new URI(endpoint);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
        s.problem("endpoint", shown + " is not an http(s) URL", "set the base URL, e.g. https://myres.openai.azure.com " + where);
        return null;
      }
      if (u.getPort() == 0 || u.getPort() > 65535) {
        s.problem("endpoint", "has port " + u.getPort() + ", outside 1..65535", "fix the port in the base URL " + where);
        return null;
      }
      if (u.getRawQuery() != null) {
        s.problem("endpoint", shown + " has a query string", "set only the base URL; api-version has its own key, the key goes in auth " + where);
        return null;
      }
      if (u.getRawUserInfo() != null) {
        s.problem("endpoint", shown + " carries a user and password", "set only the base URL; the key goes in auth " + where);
        return null;
      }
    } catch (URISyntaxException e) {
      s.problem("endpoint", shown + " is not a URL (" + e.getReason() + ")", "set the base URL, e.g. https://myres.openai.azure.com " + where);
      return null;
    }
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  /** {@code url} with its user info and the value of each query parameter replaced by {@link Secret#MASK}. */
  static String masked(String url) {
    String s = USER_INFO.matcher(url).replaceFirst("$1" + Matcher.quoteReplacement(Secret.MASK) + "@");
    int q = s.indexOf('?');
    if (q < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.substring(0, q + 1));
    String[] params = s.substring(q + 1).split("[&;]", -1);
    for (int i = 0; i < params.length; i++) {
      int eq = params[i].indexOf('=');
      out.append(i == 0 ? "" : "&").append(eq < 0 ? "" : params[i].substring(0, eq + 1)).append(Secret.MASK);
    }
    return out.toString();
  }

  /** Plain http to a host other than this machine: only a name or address literal is judged, nothing is resolved. */
  private static boolean cleartextToAnotherHost(String endpoint) {
    URI u = URI.create(endpoint);
    if (!"http".equalsIgnoreCase(u.getScheme())) {
      return false;
    }
    String host = u.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return false;
    }
    if (host.startsWith("[") || IPV4.matcher(host).matches()) {
      try {
        return !InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException notALiteral) {
        return true;
      }
    }
    return true;
  }

  private static Map<String, String> headers(Section s) {
    if (!s.has("headers")) {
      return Map.of();
    }
    Section h = s.child("headers");
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header : h.keys()) {
      if (SECRET_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
        h.problem(header, "would put a secret in the config", "remove it and use auth.type with auth.key-env (the key goes in an environment variable)");
        continue;
      }
      String value = h.string(Section.path(header));
      if (value != null) {
        headers.put(header, value);
      }
    }
    return Map.copyOf(headers);
  }
}
