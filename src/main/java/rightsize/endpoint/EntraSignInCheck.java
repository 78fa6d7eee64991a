package rightsize.endpoint;

import com.azure.core.credential.TokenCredential;
import java.util.ArrayList;
import java.util.List;
import rightsize.config.AuthType;
import rightsize.config.DeploymentSettings;
import rightsize.config.RightsizeSettings;
import rightsize.config.SettingsCheck;

/**
 * Signs in to Entra ID for every deployment of the run that uses it, before any load, each within
 * its {@code auth.sign-in-timeout}: a missing credential stops the run with one line naming the
 * credential sources tried. The tokens are kept for the run.
 */
public final class EntraSignInCheck implements SettingsCheck {
  private final TokenCredential credential;

  /** Signs in with the JVM's shared DefaultAzureCredential (the check META-INF/services registers). */
  public EntraSignInCheck() {
    this(null);
  }

  /** Signs in with {@code credential}; null means the JVM's shared DefaultAzureCredential. */
  EntraSignInCheck(TokenCredential credential) {
    this.credential = credential;
  }

  @Override
  public List<String> problems(RightsizeSettings settings) {
    List<String> problems = new ArrayList<>();
    for (DeploymentSettings d : settings.deployments()) {
      if (d.auth().type() != AuthType.ENTRA) {
        continue;
      }
      try {
        Endpoint.resolve(d, settings, credential);
      } catch (EndpointSetupException e) {
        int index = settings.allDeployments().indexOf(d);
        String key = "rightsize.deployments[" + index + "].auth.type";
        problems.add(key + " is entra for deployment '" + d.name() + "' but " + e.getMessage());
      }
    }
    return problems;
  }
}
