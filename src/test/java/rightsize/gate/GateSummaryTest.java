package rightsize.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GateSummaryTest {
  private static final Verdict REGRESSED =
      new Verdict(
          "night-2",
          List.of(
              GateCheck.pass(GateCheck.Kind.SLO, "F4", "10 users SLO", "met"),
              GateCheck.fail(GateCheck.Kind.REGRESSION, "F4", "10 users p95 ttft", "1100 ms | was 800 ms")),
          List.of("Compared with baseline run night-1."));

  @Test
  void leadsWithTheVerdictAndExitCodeThenTheFailuresThenTheTradeoffs() {
    String md = GateSummary.render(REGRESSED, "## Trade-offs\n\n| a | b |\n", false);

    assertThat(md).startsWith("## rightsize nightly gate: regression (exit 3)\n");
    assertThat(md).contains("Run `night-2`: regression: slower, less reliable or more expensive");
    assertThat(md).contains("### Failed checks");
    // A pipe inside a cell is escaped so the table keeps its columns.
    assertThat(md).contains("| **FAIL** | regression | F4 | 10 users p95 ttft | 1100 ms \\| was 800 ms |");
    assertThat(md).contains("- Compared with baseline run night-1.");
    assertThat(md).contains("<details><summary>All 2 checks</summary>");
    assertThat(md.indexOf("### Failed checks")).isLessThan(md.indexOf("## Trade-offs"));
    assertThat(md).endsWith("## Trade-offs\n\n| a | b |\n");
  }

  @Test
  void theLegendExplainsEveryExitCodeInOneLineEach() {
    String md = GateSummary.render(REGRESSED, null, false);

    assertThat(md)
        .contains(
            "Exit codes: `0` passed: every SLO and regression check passed · `3` regression: ")
        .contains("`4` SLO failed: ")
        .contains("`5` broken run: ")
        .contains("`64` usage error: ");
  }

  @Test
  void anAdvisoryGateSaysWhatItWouldHaveExitedWith() {
    String md = GateSummary.render(REGRESSED, null, true);

    assertThat(md).startsWith("## rightsize nightly gate: regression (exit 0, advisory; would be 3)");
  }

  @Test
  void aPassingRunHasNoFailureSection() {
    Verdict passed =
        new Verdict("night-2", List.of(GateCheck.pass(GateCheck.Kind.SLO, "F4", "1 users SLO", "met")), List.of());

    String md = GateSummary.render(passed, null, false);

    assertThat(md).startsWith("## rightsize nightly gate: passed (exit 0)").doesNotContain("Failed checks");
    assertThat(md).contains("1 checks passed");
  }
}
