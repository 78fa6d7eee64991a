package rightsize.endpoint;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.SimpleTokenCache;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rightsize.secret.Secret;

/**
 * Entra ID bearer tokens held ready for the request path: azure-core's {@link SimpleTokenCache}
 * decides when to refresh (5 minutes before expiry, at most every 30 s on failure), polled from a
 * background thread, so no request ever waits for a token and no event loop ever blocks.
 */
final class EntraAuth implements Auth {
  static final Duration DEFAULT_POLL = Duration.ofSeconds(15);
  private static final Logger LOG = LoggerFactory.getLogger(EntraAuth.class);
  // DefaultAzureCredential's sources, in the order it tries them (azure-identity 1.18).
  static final String CHAIN = "EnvironmentCredential, WorkloadIdentityCredential, ManagedIdentityCredential,"
      + " AzureCliCredential, AzurePowerShellCredential, AzureDeveloperCliCredential";
  private static final Pattern CREDENTIAL_NAME = Pattern.compile("\\b[A-Z][A-Za-z]*Credential\\b");

  private final String scope;
  private final SimpleTokenCache cache;
  private final ScheduledExecutorService refresher;
  private volatile Header header;

  EntraAuth(TokenCredential credential, String scope, Duration poll, Duration firstTokenWait) {
    this.scope = scope;
    TokenRequestContext context = new TokenRequestContext().addScopes(scope);
    this.cache = new SimpleTokenCache(() -> credential.getToken(context));
    AccessToken first;
    try {
      first = cache.getToken().block(firstTokenWait);
    } catch (RuntimeException e) {
      boolean late = String.valueOf(e.getMessage()).startsWith("Timeout on blocking read");
      throw new EndpointSetupException("no Entra ID token for scope " + scope
          + (late ? " within " + firstTokenWait.toMillis() / 1000.0 + " s (tried " + tried(e) + ")"
              : " (tried " + tried(e) + "; " + Secret.redact(firstLine(e)) + ")") + ": sign in with az login,"
          + " use a managed identity, or set AZURE_TENANT_ID/AZURE_CLIENT_ID with a federated or secret credential"
          + (late ? "; or raise auth.sign-in-timeout" : ""), e);
    }
    if (first == null) {
      throw new EndpointSetupException("no Entra ID token for scope " + scope + " (tried " + CHAIN + "): check the credential chain (az login, managed identity)", null);
    }
    set(first);
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rightsize-entra-refresh");
              t.setDaemon(true);
              return t;
            });
    long ms = poll.toMillis();
    refresher.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      // The cache returns the held token until it is within 5 minutes of expiry, then refreshes.
      AccessToken t = cache.getToken().block(Duration.ofSeconds(60));
      if (t != null) {
        set(t);
      }
    } catch (RuntimeException e) {
      LOG.warn("Entra ID token refresh for scope {} failed, keeping the current token: {}", scope, Secret.redact(firstLine(e)));
    }
  }

  private void set(AccessToken token) {
    // Registered as a secret so that no log line or record can carry it, even if a server echoes it.
    header = new Header("Authorization", "Bearer " + Secret.of(token.getToken(), "Entra ID token").reveal());
  }

  @Override
  public Header header() {
    return header;
  }

  /**
   * The credential sources a failed sign-in names in its messages (DefaultAzureCredential lists
   * each one it tried and why it was unavailable), else the chain it tries in order.
   */
  static String tried(Throwable e) {
    Set<String> names = new LinkedHashSet<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      collect(t, names);
      for (Throwable s : t.getSuppressed()) {
        collect(s, names);
      }
    }
    names.removeAll(Set.of("DefaultAzureCredential", "ChainedTokenCredential", "TokenCredential"));
    return names.isEmpty() ? CHAIN : String.join(", ", names);
  }

  private static void collect(Throwable t, Set<String> names) {
    Matcher m = CREDENTIAL_NAME.matcher(String.valueOf(t.getMessage()));
    while (m.find()) {
      names.add(m.group());
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
