package rightsize.gate;

/**
 * One pass/fail check of the gate (a run health check, an SLO check or a regression check of one
 * deployment and step), shown as one JUnit test case and one row of the summary.
 *
 * @param kind what the check guards; a failure exits with its {@link Kind#exitCode()}
 * @param group what the check is about, e.g. the deployment name ("run" for whole-run checks)
 * @param name the check itself, e.g. "users=10 p95 ttft"
 * @param passed whether the run passed it
 * @param detail one line with the measured value and the limit, shown on failure and in the summary
 * @param inconclusive true when the run could not decide the check (an SLO verdict neither met nor
 *     broken with 95% confidence): neither passed nor failed, it changes no exit code
 */
public record GateCheck(Kind kind, String group, String name, boolean passed, String detail, boolean inconclusive) {

  public GateCheck(Kind kind, String group, String name, boolean passed, String detail) {
    this(kind, group, name, passed, detail, false);
  }

  /** True when the check failed: not passed and not inconclusive. */
  public boolean failed() {
    return !passed && !inconclusive;
  }

  /** What a check guards. */
  public enum Kind {
    /** The run measured something at all. */
    RUN(ExitCode.BROKEN_RUN),
    /** A step met the service-level objective. */
    SLO(ExitCode.SLO_FAILED),
    /** A metric stayed within the regression threshold of the baseline. */
    REGRESSION(ExitCode.REGRESSION),
    /** No verdict or recommendation rests on an untrusted figure (only with rightsize.report.trust.fail-gate). */
    TRUST(ExitCode.UNTRUSTED);

    private final ExitCode exitCode;

    Kind(ExitCode exitCode) {
      this.exitCode = exitCode;
    }

    /** The exit code a failed check of this kind leads to. */
    public ExitCode exitCode() {
      return exitCode;
    }
  }

  public static GateCheck pass(Kind kind, String group, String name, String detail) {
    return new GateCheck(kind, group, name, true, detail);
  }

  public static GateCheck fail(Kind kind, String group, String name, String detail) {
    return new GateCheck(kind, group, name, false, detail);
  }

  /** A check the run could not decide: never shown as passed, never failing the gate. */
  public static GateCheck inconclusive(Kind kind, String group, String name, String detail) {
    return new GateCheck(kind, group, name, false, detail, true);
  }
}
