package rightsize.monitor;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/**
 * Hands out one fixed bearer token for every scope: what the emulator's metrics endpoint, which takes
 * any token, is read with. Never used for Azure.
 */
public final class FixedTokenCredential implements TokenCredential {
  private final String token;

  public FixedTokenCredential(String token) {
    this.token = token;
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
  }
}
