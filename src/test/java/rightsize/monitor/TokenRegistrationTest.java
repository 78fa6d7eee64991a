package rightsize.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import org.junit.jupiter.api.Test;
import rightsize.secret.Secret;

/** The Azure Monitor reads' tokens are secrets from the moment they are obtained, as the requests' are. */
class TokenRegistrationTest {
  @Test
  void everyTokenTheMonitorObtainsIsMaskedFromThenOn() {
    String token = "eyJhbGciOiMonitorToken.Pq8Lm3Zx6Wc1Vb9";
    String error = "403 for token " + token;
    assertThat(Secret.redact(error)).isEqualTo(error);
    TokenCredential credential = ServerTelemetry.registering(new FixedTokenCredential(token));
    TokenRequestContext context = new TokenRequestContext().addScopes(AzureMonitorMetrics.SCOPE);
    assertThat(credential.getToken(context).block().getToken()).isEqualTo(token);
    assertThat(Secret.redact(error)).isEqualTo("403 for token ***");
  }
}
