package rightsize.config;

import java.util.List;

/**
 * A check of valid settings that needs more than the configuration itself (a prompt file's lines,
 * an Entra ID sign-in): {@link RightsizeSettings#checkBeforeLoad()} runs every one registered in
 * {@code META-INF/services/rightsize.config.SettingsCheck}, so the layers that know how to check
 * report through the settings, which know none of them.
 */
public interface SettingsCheck {
  /** What is wrong with {@code settings} for a run, one line per problem naming the setting and where it was set; empty when nothing is. */
  List<String> problems(RightsizeSettings settings);
}
