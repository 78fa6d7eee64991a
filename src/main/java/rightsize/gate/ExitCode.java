package rightsize.gate;

/**
 * The process exit codes of {@link GateMain}, one per verdict, each with the one line CI prints.
 *
 * <p>1 is left to the JVM and Maven (crash, build failure) and 2 to Gatling (failed assertions), so
 * every code here means exactly one thing on a CI dashboard.
 */
public enum ExitCode {
  /** Every check passed (or there was nothing to compare against yet). */
  PASSED(0, "passed: every SLO and regression check passed"),
  /** The command line or a config file was wrong. */
  USAGE(64, "usage error: the gate was called with wrong arguments or an unreadable config"),
  /** The run measured worse than the baseline beyond the configured thresholds. */
  REGRESSION(3, "regression: slower, less reliable or more expensive than the baseline beyond the thresholds"),
  /** The run measured worse than the service-level objective. */
  SLO_FAILED(4, "SLO failed: a measured step missed the service-level objective"),
  /** A verdict or recommendation rests on figures the report could not vouch for (when told to fail on them). */
  UNTRUSTED(6, "untrusted: a verdict or recommendation rests on figures the report flags as not to be trusted"),
  /** The run measured nothing usable: no records, no report, or a target that answered no request. */
  BROKEN_RUN(5, "broken run: nothing usable was measured (target unreachable, no records or no report)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }

  /** One line saying what the code means. */
  public String meaning() {
    return meaning;
  }

  /**
   * How bad this verdict is relative to the others; the gate exits with the worst one found. A broken
   * run makes every number meaningless; an SLO miss hurts users today; a regression is a trend.
   */
  int severity() {
    return switch (this) {
      case PASSED -> 0;
      case REGRESSION -> 1;
      case SLO_FAILED -> 2;
      case UNTRUSTED -> 3;
      case BROKEN_RUN -> 4;
      case USAGE -> 5;
    };
  }
}
