package rightsize.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monitor sections: where each deployment's Azure Monitor metrics are, and how long to wait for them. */
class MonitorSettingsTest {
  private static final ConfigParseOptions AS_APPLICATION_CONF = ConfigParseOptions.defaults().setOriginDescription("application.conf");
  private static final String ML = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.MachineLearningServices"
      + "/workspaces/ws/onlineEndpoints/my-ep/deployments/blue-f4";
  private static final String ACCOUNT = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/myres";

  private static RightsizeSettings parse(String hocon) {
    return RightsizeSettings.from(ConfigFactory.parseString(hocon, AS_APPLICATION_CONF), Map.of("K", "k-1")::get);
  }

  private static List<String> problems(String hocon) {
    return catchThrowableOfType(InvalidConfigException.class, () -> parse(hocon)).problems();
  }

  private static String deployments(String... entries) {
    return "rightsize.deployments = [\n" + String.join("\n", entries) + "\n]";
  }

  private static String aml(String monitor) {
    return "{ name = f4, kind = aml-online-endpoint, endpoint = \"https://my-ep.eastus.inference.ml.azure.com\","
        + " deployment = blue-f4, auth { type = bearer, key-env = K }, " + monitor + " }";
  }

  private static String aoai(String monitor) {
    return "{ name = mini, kind = azure-openai, endpoint = \"https://myres.openai.azure.com\", deployment = gpt-4o-mini,"
        + " auth { type = api-key, key-env = K }, " + monitor + " }";
  }

  @Test
  void readsTheResourceTheDeploymentAndTheMetrics() {
    RightsizeSettings s = parse(deployments(
        aml("monitor.resource-id = \"" + ML + "/\""),
        aoai("monitor { resource-id = \"" + ACCOUNT + "\", metrics = [AzureOpenAITimeToResponse, GeneratedTokens] }")));
    DeploymentMonitor f4 = s.deployment("f4").monitor();
    assertThat(f4.resourceId()).isEqualTo(ML);
    assertThat(f4.onlineDeployment()).isTrue();
    assertThat(f4.deployment()).isEqualTo("blue-f4");
    assertThat(f4.metrics()).isEmpty();
    DeploymentMonitor mini = s.deployment("mini").monitor();
    assertThat(mini.onlineDeployment()).isFalse();
    assertThat(mini.deployment()).isEqualTo("gpt-4o-mini");
    assertThat(mini.metrics()).containsExactly("AzureOpenAITimeToResponse", "GeneratedTokens");
    assertThat(parse(deployments(aoai("monitor { resource-id = \"" + ACCOUNT + "\", deployment = other }")))
        .deployment("mini").monitor().deployment()).isEqualTo("other");
    assertThat(parse("").deployments()).allSatisfy(d -> assertThat(d.monitor()).isNull());
  }

  @Test
  void theRunBlockHasDefaultsAndChecksItsValues() {
    MonitorSettings m = parse("").monitor();
    assertThat(m).isEqualTo(new MonitorSettings(true, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(1),
        URI.create("https://management.azure.com")));
    assertThat(problems("rightsize.monitor { wait = -1s, grain = 0s, endpoint = \"http://management.azure.com\" }")).containsExactly(
        "rightsize.monitor.wait is -1s: set a duration >= 0 such as 0s or 5s in application.conf: 1",
        "rightsize.monitor.grain is 0s: set a duration > 0 such as 30s in application.conf: 1",
        "rightsize.monitor.endpoint 'http://management.azure.com' is not an https URL: set Azure Resource Manager's URL,"
            + " e.g. https://management.azure.com in application.conf: 1");
  }

  @Test
  void aResourceIdOfTheWrongKindIsOneLineBeforeAnyLoad() {
    assertThat(problems(deployments(aml("monitor.resource-id = \"" + ACCOUNT + "\"")))).singleElement().asString()
        .startsWith("rightsize.deployments[0].monitor.resource-id '" + ACCOUNT + "' is not a managed online deployment's"
            + " resource ID: set /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/");
    assertThat(problems(deployments(aoai("monitor.resource-id = \"" + ML + "\"")))).singleElement().asString()
        .startsWith("rightsize.deployments[0].monitor.resource-id '" + ML + "' is not a Cognitive Services account's resource ID");
    assertThat(problems(deployments(aoai("monitor.metrics = [GeneratedTokens]")))).singleElement().asString()
        .startsWith("rightsize.deployments[0].monitor.resource-id is missing");
    assertThat(problems(deployments("{ name = emu, kind = emulator, monitor.resource-id = \"" + ML + "\" }")))
        .singleElement().asString()
        .startsWith("rightsize.deployments[0].monitor.resource-id is set for an emulated deployment: remove the monitor section");
  }
}
