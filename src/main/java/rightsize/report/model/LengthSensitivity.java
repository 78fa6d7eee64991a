package rightsize.report.model;

import java.util.List;
import rightsize.analysis.LatencySummary;

/**
 * How latency grows with request length on one deployment: ttft by input-token bucket and e2e by
 * output-token bucket over successful requests, each with a least-squares line (ttft ≈ a + b x
 * input tokens, e2e ≈ a + b x output tokens).
 *
 * @param basis which steps the figures pool, e.g. "steps within the SLO: 1 user, 10 users"
 * @param ttftFit the line, or null with fewer than two distinct lengths
 * @param e2eFit the line, or null with fewer than two distinct lengths
 */
public record LengthSensitivity(
    String basis, List<Row> ttftByInput, LinearFit ttftFit, List<Row> e2eByOutput, LinearFit e2eFit) {

  /** One bucket's figures: tokens from..to (exclusive; null = open), latency percentiles, mean tokens. */
  public record Row(int fromTokens, Integer toTokens, double meanTokens, LatencySummary latency) {}
}
