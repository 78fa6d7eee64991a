package rightsize.gate;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link Verdict} as the markdown of a CI job summary: the verdict and its exit code in
 * one line, the failed checks, every check, the notes, the exit-code legend, then the run's
 * trade-off tables (tradeoffs.md) when there are any.
 */
public final class GateSummary {
  /** The file name of the summary in the run folder. */
  public static final String FILE_NAME = "summary.md";

  private GateSummary() {}

  /**
   * The summary of {@code verdict}; {@code tradeoffsMarkdown} (the report's tradeoffs.md) follows it
   * when not null. {@code advisory} says the gate reports without failing the job.
   */
  public static String render(Verdict verdict, String tradeoffsMarkdown, boolean advisory) {
    ExitCode code = verdict.exitCode();
    StringBuilder md = new StringBuilder();
    md.append("## rightsize nightly gate: ")
        .append(code == ExitCode.PASSED ? "passed" : code.name().toLowerCase().replace('_', ' '))
        .append(" (exit ")
        .append(advisory ? "0, advisory; would be " + code.code() : code.code())
        .append(")\n\n");
    md.append("Run `").append(verdict.runId()).append("`: ").append(verdict.headline()).append("\n\n");
    if (!verdict.failures().isEmpty()) {
      md.append("### Failed checks\n\n");
      table(md, verdict.failures());
    }
    if (!verdict.notes().isEmpty()) {
      verdict.notes().forEach(n -> md.append("- ").append(n).append('\n'));
      md.append('\n');
    }
    if (!verdict.checks().isEmpty()) {
      md.append("<details><summary>All ")
          .append(verdict.checks().size())
          .append(" checks</summary>\n\n");
      table(md, verdict.checks());
      md.append("</details>\n\n");
    }
    md.append("Exit codes: ").append(legend()).append(".\n");
    if (tradeoffsMarkdown != null && !tradeoffsMarkdown.isBlank()) {
      md.append("\n---\n\n").append(tradeoffsMarkdown.strip()).append('\n');
    }
    return md.toString();
  }

  /** "`0` passed · `3` regression · ..." for every code, in the order of their numbers. */
  static String legend() {
    return Arrays.stream(ExitCode.values())
        .sorted((a, b) -> Integer.compare(a.code(), b.code()))
        .map(c -> "`" + c.code() + "` " + c.meaning())
        .collect(Collectors.joining(" · "));
  }

  private static void table(StringBuilder md, List<GateCheck> checks) {
    md.append("| result | kind | deployment | check | detail |\n|---|---|---|---|---|\n");
    for (GateCheck c : checks) {
      md.append("| ")
          .append(c.passed() ? "pass" : c.inconclusive() ? "*inconclusive*" : "**FAIL**")
          .append(" | ")
          .append(c.kind().name().toLowerCase())
          .append(" | ")
          .append(cell(c.group()))
          .append(" | ")
          .append(cell(c.name()))
          .append(" | ")
          .append(cell(c.detail()))
          .append(" |\n");
    }
    md.append('\n');
  }

  /** A table cell: pipes would end the cell early and line breaks the row. */
  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replaceAll("\\R", " ");
  }
}
