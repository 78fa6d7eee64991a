package rightsize.report;

import com.typesafe.config.Config;
import java.nio.file.Path;
import rightsize.analysis.Slo;
import rightsize.cost.PriceList;
import rightsize.cost.TargetLoad;
import rightsize.report.analysis.RegressionThresholds;
import rightsize.report.model.TrustThresholds;

/**
 * The parts of the rightsize config the report reads: SLO, target load, regression thresholds,
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

  /** Reads the {@code rightsize} block; relative paths resolve against {@code baseDir}. */
  public static ReportSettings fromConfig(Config rightsize, Path baseDir) {
    String baseline = rightsize.getString("run.baseline").strip();
    Path resultsDir = baseDir.resolve(rightsize.getString("run.results-dir"));
    return new ReportSettings(
        Slo.fromConfig(rightsize),
        TargetLoad.fromConfig(rightsize),
        RegressionThresholds.fromConfig(rightsize),
        TrustThresholds.fromConfig(rightsize),
        PriceList.fromConfig(rightsize, baseDir),
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
