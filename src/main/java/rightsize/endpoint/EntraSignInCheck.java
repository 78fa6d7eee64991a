package rightsize.endpoint;

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
  @Override
  public List<String> problems(RightsizeSettings settings) {
    List<String> problems = new ArrayList<>();
    for (DeploymentSettings d : settings.deployments()) {
      if (d.auth().type() != AuthType.ENTRA) {
        continue;
      }
      try {
        Endpoint.resolve(d, settings);
      } catch (EndpointSetupException e) {
        int index = settings.allDeployments().indexOf(d);
        String key = "rightsize.deployments[" + index + "].auth.type";
        problems.add(key + " is entra for deployment '" + d.name() + "' but " + e.getMessage());
      }
    }
    return problems;
  }
}
