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
        .filter(c -> !c.passed())
        .map(c -> c.kind().exitCode())
        .max(Comparator.comparingInt(ExitCode::severity))
        .orElse(ExitCode.PASSED);
  }

  public List<GateCheck> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** One line for the console and the summary heading, e.g. "regression (exit 3): 2 of 14 checks failed". */
  public String headline() {
    ExitCode code = exitCode();
    String counts =
        failures().isEmpty()
            ? checks.size() + " checks passed"
            : failures().size() + " of " + checks.size() + " checks failed";
    return code.meaning() + " (exit " + code.code() + "); " + counts;
  }
}
