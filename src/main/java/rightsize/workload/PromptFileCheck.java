package rightsize.workload;

import java.util.List;
import rightsize.config.RightsizeSettings;
import rightsize.config.SettingsCheck;
import rightsize.config.WorkloadSettings;

/**
 * Reads the configured workload's prompt file before any load, so a missing file or a malformed
 * line stops the run with one line naming the setting, the file and the line.
 */
public final class PromptFileCheck implements SettingsCheck {
  @Override
  public List<String> problems(RightsizeSettings settings) {
    WorkloadSettings workload = settings.workload();
    if (workload.kind() == WorkloadSettings.Kind.SYNTHETIC) {
      return List.of();
    }
    try {
      Workload.from(workload);
      return List.of();
    } catch (PromptFileException e) {
      String key = "rightsize.workload." + workload.kind().configName() + ".file";
      return List.of(key + " cannot be used (" + e.getMessage() + "): fix the file or point " + key
          + " at a JSON-lines file of the format in docs/workloads.md " + settings.where(key));
    }
  }
}
