package rightsize.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import rightsize.report.model.LinearFit;

class ReportTextTest {
  @Test
  void aFittedLineIsOneSentenceWithItsSignAndItsSlopesInterval() {
    assertThat(ReportText.fitSentence("e2e", "output", new LinearFit(200, 200.0, 20.0, 1.0, 19.5, 20.5, 10, 100)))
        .isEqualTo("e2e ≈ 200.0 ms + 20.000 ms × output tokens (slope 95% CI 19.500 to 20.500 ms/token, r² 1.00,"
            + " 200 requests)");
    assertThat(ReportText.fitSentence("ttft", "input", new LinearFit(130, 377.8, -2.112, 0.18, -3.0, -1.2, 10, 100)))
        .isEqualTo("ttft ≈ 377.8 ms − 2.112 ms × input tokens (slope 95% CI −3.000 to −1.200 ms/token, r² 0.18,"
            + " 130 requests)");
  }

  @Test
  void aLineWhoseSlopeCouldBeZeroOrThatRestsOnTooFewRequestsSaysSo() {
    assertThat(ReportText.fitSentence("ttft", "input", new LinearFit(300, 377.8, -0.2, 0.01, -0.5, 0.1, 10, 100)))
        .isEqualTo("ttft vs input tokens: no measurable dependence on length in this run"
            + " (slope 95% CI −0.500 to 0.100 ms/token, 300 requests)");
    assertThat(ReportText.fitSentence("ttft", "input", new LinearFit(13, 377.8, -2.112, 0.9, -3.0, -1.2, 10, 100)))
        .isEqualTo("ttft vs input tokens: no measurable dependence on length in this run"
            + " (slope 95% CI −3.000 to −1.200 ms/token, 13 requests; a line needs 30)");
    assertThat(ReportText.fitSentence("ttft", "input", null))
        .isEqualTo("ttft vs input tokens: no measurable dependence on length in this run (fewer than two distinct lengths)");
  }
}
