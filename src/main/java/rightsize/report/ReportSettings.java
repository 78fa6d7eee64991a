package rightsize.report;

import java.nio.file.Path;
import rightsize.config.RegressionThresholds;
import rightsize.config.RightsizeSettings;
import rightsize.config.Slo;
import rightsize.config.TargetLoad;
import rightsize.config.TrustThresholds;
import rightsize.cost.PriceList;

/**
 * The parts of the rightsize settings the report reads: SLO, target load, regression thresholds,
 * trust thresholds, prices, the results folder and the optional baseline run.
 *
 * @param resultsDir the folder holding every run folder (results/)
 * @param baseline the baseline run folder, or null for no comparison
 */
public record ReportSettings(
    Slo slo,
    TargetLoad targetLoad,
    RegressionThresholds thresholds,
    TrustThresholds trust,
    PriceList prices,
    Path resultsDir,
    Path baseline) {

  /** The report's part of {@code settings}; relative paths resolve against {@code baseDir}. */
  public static ReportSettings of(RightsizeSettings settings, Path baseDir) {
    String baseline = settings.run().baseline().strip();
    Path resultsDir = baseDir.resolve(settings.run().resultsDir());
    return new ReportSettings(
        settings.slo().objective(),
        settings.targetLoad(),
        settings.regression(),
        settings.trust(),
        PriceList.of(settings, baseDir),
        resultsDir,
        baseline.isEmpty() ? null : resolveRun(baseline, baseDir, resultsDir));
  }

  /** A run given as a path, or as a bare run id under the results folder. */
  public static Path resolveRun(String run, Path baseDir, Path resultsDir) {
    Path asPath = baseDir.resolve(run);
    if (!asPath.toFile().exists() && !run.contains("/") && !run.contains("\\")) {
      return resultsDir.resolve(run);
    }
    return asPath;
  }
}
