package rightsize.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rightsize.testing.SecretPieces;

/**
 * Secrets in the configuration: a key written where it does not belong (in the endpoint's query
 * or user info, in key-env) is refused without being printed, and a key or token is not sent in
 * cleartext to another machine unless the deployment says so.
 */
class SecretSettingsTest {
  private static final String KEY = "Cf9Xk2Lq7Wv4Zp1Rm8Tn";
  private static final Map<String, String> ENV = Map.of("TARGET_KEY", KEY);
  private static final ConfigParseOptions AS_APPLICATION_CONF = ConfigParseOptions.defaults().setOriginDescription("application.conf");

  private static RightsizeSettings parse(String hocon) {
    return RightsizeSettings.from(ConfigFactory.parseString(hocon, AS_APPLICATION_CONF), ENV::get);
  }

  private static String onlyProblem(String deployment) {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> parse("rightsize.deployments = [ { name = d, deployment = m, " + deployment + " } ]"));
    assertThat(e).as(deployment).isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void anEndpointCarryingAKeyIsRefusedWithoutPrintingIt() {
    String inQuery = onlyProblem("kind = azure-openai, endpoint = \"https://res.openai.azure.com/?api-version=2024-10-21&api-key=" + KEY + "\"");
    assertThat(inQuery).isEqualTo("rightsize.deployments[0].endpoint 'https://res.openai.azure.com/?api-version=***&api-key=***' has a query string:"
        + " set only the base URL; api-version has its own key, the key goes in auth for deployment 'd' in application.conf: 1");

    String inUserInfo = onlyProblem("kind = openai-compatible, endpoint = \"https://me:" + KEY + "@vllm.example.com\"");
    assertThat(inUserInfo).isEqualTo("rightsize.deployments[0].endpoint 'https://***@vllm.example.com' carries a user and password:"
        + " set only the base URL; the key goes in auth for deployment 'd' in application.conf: 1");

    String notAUrl = onlyProblem("kind = openai-compatible, endpoint = \"https://vllm example.com/?key=" + KEY + "\"");
    assertThat(notAUrl).startsWith("rightsize.deployments[0].endpoint 'https://vllm example.com/?key=***' is not a URL (");

    for (String line : new String[] {inQuery, inUserInfo, notAUrl}) {
      assertThat(SecretPieces.foundIn(line, KEY)).as(line).isEmpty();
    }
  }

  @Test
  void aKeyPastedIntoKeyEnvIsNeverPrinted() {
    String pasted = onlyProblem("kind = openai-compatible, endpoint = \"https://vllm.example.com\", auth { type = bearer, key-env = \"sk-proj-" + KEY + "\" }");
    assertThat(pasted).isEqualTo("rightsize.deployments[0].auth.key-env is not the name of an environment variable (it is not shown: it may be the key itself):"
        + " put the key in an environment variable and set key-env to that variable's name for deployment 'd' in application.conf: 1");
    // A key that happens to look like a variable's name, but not like the usual UPPER_CASE one.
    String hex = onlyProblem("kind = openai-compatible, endpoint = \"https://vllm.example.com\", auth { type = bearer, key-env = \"" + KEY + "\" }");
    assertThat(hex).isEqualTo("rightsize.deployments[0].auth.key-env names an environment variable (not shown: it may be the key itself), which is not set:"
        + " export it with the key (auth.type = bearer) for deployment 'd'");
    assertThat(SecretPieces.foundIn(pasted + hex, KEY)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"api-key", "bearer"})
  void aKeyInCleartextToAnotherHostIsRefusedBeforeLoad(String type) {
    assertThat(onlyProblem("kind = openai-compatible, endpoint = \"http://10.0.0.5:8000\", auth { type = " + type + ", key-env = TARGET_KEY }"))
        .isEqualTo("rightsize.deployments[0].endpoint is plain http to a host that is not loopback (http://10.0.0.5:8000), where the key of auth.type = "
            + type + " can be read on the network: use https://, or set auth.allow-cleartext = true for deployment 'd' in application.conf: 1");
  }

  @Test
  void anEntraTokenInCleartextToAnotherHostIsRefusedToo() {
    assertThat(onlyProblem("kind = aml-online-endpoint, endpoint = \"http://ep.eastus.inference.ml.azure.com\", auth.type = entra"))
        .isEqualTo("rightsize.deployments[0].endpoint is plain http to a host that is not loopback (http://ep.eastus.inference.ml.azure.com), where the"
            + " Entra ID token of auth.type = entra can be read on the network: use https://, or set auth.allow-cleartext = true for deployment 'd' in application.conf: 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "endpoint = \"http://127.0.0.1:8000\", auth { type = api-key, key-env = TARGET_KEY }",
    "endpoint = \"http://localhost:8000\", auth { type = bearer, key-env = TARGET_KEY }",
    "endpoint = \"http://[::1]:8000\", auth { type = api-key, key-env = TARGET_KEY }",
    "endpoint = \"https://10.0.0.5:8000\", auth { type = api-key, key-env = TARGET_KEY }",
    "endpoint = \"http://10.0.0.5:8000\", auth { type = none }",
    "endpoint = \"http://10.0.0.5:8000\", auth { type = api-key, key-env = TARGET_KEY, allow-cleartext = true }"
  })
  void loopbackTlsNoKeyOrAnExplicitOptInAreAccepted(String deployment) {
    RightsizeSettings s = parse("rightsize.deployments = [ { name = d, kind = openai-compatible, deployment = m, " + deployment + " } ]");
    DeploymentSettings d = s.deployments().get(0);
    assertThat(d.auth().allowCleartext()).isEqualTo(deployment.contains("allow-cleartext"));
  }
}
