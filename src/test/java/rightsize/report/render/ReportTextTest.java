package rightsize.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import rightsize.report.model.LinearFit;

class ReportTextTest {
  @Test
  void aFittedLineIsOneSentenceWithItsSign() {
    assertThat(ReportText.fitSentence("e2e", "output", new LinearFit(200, 200.0, 20.0, 1.0)))
        .isEqualTo("e2e ≈ 200.0 ms + 20.000 ms × output tokens (r² 1.00, 200 requests)");
    assertThat(ReportText.fitSentence("ttft", "input", new LinearFit(13, 377.8, -2.112, 0.18)))
        .isEqualTo("ttft ≈ 377.8 ms − 2.112 ms × input tokens (r² 0.18, 13 requests)");
    assertThat(ReportText.fitSentence("ttft", "input", null))
        .isEqualTo("ttft vs input tokens: not enough distinct lengths to fit a line");
  }
}
