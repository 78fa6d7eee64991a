package rightsize.endpoint;

import com.azure.core.credential.TokenCredential;
import java.time.Duration;
import rightsize.secret.Secret;

/** Produces the auth header of each request, without blocking: callers are on an event loop. */
public interface Auth {

  /** The header to send with the next request, or null for none. */
  Header header();

  /** No auth header. */
  static Auth none() {
    return () -> null;
  }

  /** {@code api-key: <key>}. */
  static Auth apiKey(Secret key) {
    Header h = new Header("api-key", key.reveal());
    return () -> h;
  }

  /** {@code Authorization: Bearer <key>} with a static key. */
  static Auth bearer(Secret key) {
    Header h = new Header("Authorization", "Bearer " + key.reveal());
    return () -> h;
  }

  /**
   * {@code Authorization: Bearer <token>} with Entra ID tokens for {@code scope} from {@code
   * credential}: the first token is fetched now (so a missing sign-in fails before any load), and
   * azure-core's token cache refreshes it in the background before it expires. Without a token
   * within {@code signInTimeout} it fails.
   */
  static Auth entra(TokenCredential credential, String scope, Duration signInTimeout) {
    return new EntraAuth(credential, scope, EntraAuth.DEFAULT_POLL, signInTimeout);
  }
}
