package rightsize.report;

import java.nio.file.Path;
import java.util.List;
import rightsize.report.model.Comparison;
import rightsize.report.model.Tradeoffs;

/**
 * What a report generation wrote, and its model for callers that act on it (the nightly gate).
 *
 * @param index the results/index.html listing every run
 */
public record ReportResult(
    Path runDir, Path markdown, Path csv, Path json, Path html, Path index, Tradeoffs tradeoffs) {

  public boolean partial() {
    return tradeoffs.partial();
  }

  public List<Comparison.Regression> regressions() {
    return tradeoffs.regressions();
  }
}
