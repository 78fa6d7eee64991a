package rightsize.gate;

import java.util.Comparator;
import java.util.List;

/**
 * The outcome of gating one run: every check made, notes worth reading (e.g. "no baseline yet"),
 * and the exit code of the worst failed check.
 */
public record Verdict(String runId, List<GateCheck> checks, List<String> notes) {

  public Verdict {
    checks = List.copyOf(checks);
    notes = List.copyOf(notes);
  }

  /** The worst failure's exit code, or {@link ExitCode#PASSED} when every check passed. */
  public ExitCode exitCode() {
    return checks.stream()
        .filter(GateCheck::failed)
        .map(c -> c.kind().exitCode())
        .max(Comparator.comparingInt(ExitCode::severity))
        .orElse(ExitCode.PASSED);
  }

  public List<GateCheck> failures() {
    return checks.stream().filter(GateCheck::failed).toList();
  }

  /** The checks the run could not decide (inconclusive SLO verdicts). */
  public List<GateCheck> inconclusive() {
    return checks.stream().filter(GateCheck::inconclusive).toList();
  }

  /** One line for the console and the summary heading, e.g. "regression (exit 3): 2 of 14 checks failed". */
  public String headline() {
    ExitCode code = exitCode();
    long passed = checks.stream().filter(GateCheck::passed).count();
    String counts =
        failures().isEmpty()
            ? passed + " checks passed"
            : failures().size() + " of " + checks.size() + " checks failed";
    String undecided = inconclusive().isEmpty() ? ""
        : ", " + inconclusive().size() + " inconclusive (neither met nor broken with 95% confidence: hold those steps longer)";
    return code.meaning() + " (exit " + code.code() + "); " + counts + undecided;
  }
}
