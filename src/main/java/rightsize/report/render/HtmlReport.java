package rightsize.report.render;

import java.util.ArrayList;
import java.util.List;
import rightsize.report.model.Comparison;
import rightsize.report.model.CrossCheck;
import rightsize.report.model.SkippedStep;
import rightsize.report.model.StepRow;
import rightsize.report.model.StepTableRow;
import rightsize.report.model.Tradeoffs;

/**
 * Writes tradeoffs.html: one self-contained page (inline CSS and SVG, no script, no external
 * resource) with the recommendation, the tables and the charts, linking to the Gatling reports
 * copied next to it. The page is the template tradeoffs.html.mustache; this fills it.
 */
public final class HtmlReport {
  private static final Template PAGE = Template.of("tradeoffs.html.mustache");

  private HtmlReport() {}

  public static String render(Tradeoffs t) {
    return PAGE.render(page(t));
  }

  /** What the template shows; a null section is left out. */
  record Page(
      String runId,
      String title,
      String runLine,
      String generatedAt,
      List<String> gatlingReports,
      String partialNotice,
      List<String> warnings,
      Words words,
      String recommendation,
      String sloLine,
      Regressions regressions,
      List<ReportText.DeploymentCells> deployments,
      List<Conclusion> conclusions,
      List<String> charts,
      List<StepLine> steps,
      boolean anySkipped,
      String emptyAnswers,
      Trust trust,
      Reasoning reasoning,
      Injectors injectors,
      Server server,
      Changes changes,
      Lengths lengths,
      Gatling gatling,
      List<String> inputs) {}

  /** The headings, column names and sentences of ReportText, by the names the template uses. */
  record Words(
      String recommendation,
      String regressions,
      String noRegression,
      String deployments,
      List<String> deploymentColumns,
      String steps,
      List<String> stepColumns,
      String latencies,
      String skipped,
      String untrusted,
      String reasoning,
      String reasoningIntro,
      List<String> reasoningColumns,
      String loadGenerator,
      String serverSide,
      List<String> serverColumns,
      String changes,
      List<String> changeColumns,
      String lengths,
      String lengthsBasis,
      List<String> lengthColumns,
      String gatling,
      String noGatling,
      List<String> gatlingColumns,
      String inputs) {}

  private static final Words WORDS = new Words(
      ReportText.RECOMMENDATION,
      ReportText.REGRESSIONS,
      ReportText.NO_REGRESSION,
      ReportText.DEPLOYMENTS,
      ReportText.DEPLOYMENT_COLUMNS,
      ReportText.STEPS,
      ReportText.STEP_COLUMNS,
      ReportText.LATENCIES,
      ReportText.SKIPPED,
      ReportText.UNTRUSTED,
      ReportText.REASONING,
      ReportText.REASONING_INTRO,
      ReportText.REASONING_COLUMNS,
      ReportText.LOAD_GENERATOR,
      ReportText.SERVER_SIDE,
      ReportText.SERVER_COLUMNS,
      ReportText.CHANGES,
      ReportText.CHANGE_COLUMNS,
      ReportText.LENGTHS,
      ReportText.LENGTHS_BASIS,
      concat(ReportText.INPUT_LENGTH_COLUMNS, ReportText.OUTPUT_LENGTH_COLUMNS),
      ReportText.GATLING,
      ReportText.NO_GATLING,
      ReportText.GATLING_COLUMNS,
      ReportText.INPUTS);

  record Regressions(String baselineRunId, List<String> flagged, List<String> notes) {}

  /** A deployment's recommendation with its break-even and price notes. */
  record Conclusion(String deployment, String recommendation, List<String> notes) {}

  /** A row of the step table: either {@code skipped} or {@code measured} is set. */
  record StepLine(Skipped skipped, ReportText.StepCells measured) {}

  record Skipped(String deployment, String load, String description) {}

  /**
   * @param conclusions one line per step whose figures a verdict or recommendation rests on
   * @param others one line per other untrusted step, folded under {@code othersSummary}
   */
  record Trust(String legend, String changes, String changesNothing, List<String> conclusions, String othersSummary,
      List<String> others) {
    boolean anyConclusions() {
      return !conclusions.isEmpty();
    }

    boolean anyOthers() {
      return !others.isEmpty();
    }
  }

  record Reasoning(List<ReportText.ReasoningCells> rows) {}

  record Injectors(String intro, List<String> columns, List<ReportText.InjectorCells> rows) {}

  /** @param notes one line per deployment or metric that could not be read */
  record Server(String intro, List<ReportText.ServerCells> rows, List<String> notes) {
    boolean anyNotes() {
      return !notes.isEmpty();
    }
  }

  record Changes(String baselineRunId, List<ChangeRow> rows) {}

  record ChangeRow(String deployment, String step, List<ChangeCell> cells) {}

  record ChangeCell(String text, boolean regressed) {}

  record Lengths(List<LengthTable> tables) {}

  record LengthTable(String deployment, List<String> sentences, List<ReportText.LengthRow> rows) {}

  /** @param verdict the sentence saying whether the records agree */
  record Gatling(boolean agree, String verdict, List<String> problems, List<ReportText.GatlingCells> rows) {}

  private static Page page(Tradeoffs t) {
    Comparison c = t.comparison();
    return new Page(
        t.runId(),
        ReportText.title(t),
        ReportText.runLine(t),
        t.generatedAt().toString(),
        t.gatlingReports(),
        t.partialNotice(),
        t.warnings(),
        WORDS,
        t.recommendation(),
        ReportText.sloLine(t),
        c == null ? null : new Regressions(c.baselineRunId(),
            t.regressions().stream().map(Comparison.Regression::describe).toList(), c.notes()),
        t.deployments().stream().map(ReportText::cells).toList(),
        t.deployments().stream().map(d -> new Conclusion(d.deployment(), d.recommendation(),
            ReportText.deploymentNotes(d))).toList(),
        Charts.of(t),
        t.stepTable().stream().map(HtmlReport::stepLine).toList(),
        !t.skippedSteps().isEmpty(),
        ReportText.emptyAnswers(t),
        t.untrustedSteps().isEmpty() ? null : new Trust(ReportText.trustLegend(t), ReportText.TRUST_CHANGES,
            ReportText.TRUST_CHANGES_NOTHING, ReportText.trustConclusions(t), ReportText.trustOthersSummary(t),
            ReportText.trustOthers(t)),
        ReportText.anyReasoning(t)
            ? new Reasoning(ReportText.reasoningSteps(t).stream().map(ReportText::reasoningCells).toList())
            : null,
        t.injectorMonitored()
            ? new Injectors(ReportText.injectorIntro(t), ReportText.injectorColumns(t),
                t.steps().stream().map(r -> ReportText.injectorCells(t, r)).toList())
            : null,
        t.serverMonitored()
            ? new Server(ReportText.serverIntro(t), t.steps().stream().map(ReportText::serverCells).toList(),
                t.serverSide().notes())
            : null,
        c == null || c.deltas().isEmpty() ? null : new Changes(c.baselineRunId(),
            c.deltas().stream().map(d -> changeRow(t, d)).toList()),
        t.lengths().isEmpty() ? null : new Lengths(t.lengths().entrySet().stream()
            .map(e -> new LengthTable(e.getKey(), ReportText.lengthSentences(e.getValue()),
                ReportText.lengthRows(e.getValue()))).toList()),
        t.gatling() == null ? null : gatling(t.gatling()),
        ReportText.inputs(t));
  }

  private static StepLine stepLine(StepTableRow entry) {
    return entry instanceof SkippedStep s
        ? new StepLine(new Skipped(s.key().deployment(), s.loadLabel(), s.describe()), null)
        : new StepLine(null, ReportText.cells((StepRow) entry));
  }

  private static ChangeRow changeRow(Tradeoffs t, Comparison.StepDelta d) {
    List<ChangeCell> cells = ReportText.CHANGE_METRICS.stream().map(m -> new ChangeCell(ReportText.change(d, m),
        t.regressions().stream().anyMatch(r -> r.metric() == m && r.deployment().equals(d.deployment())
            && r.step().equals(d.step())))).toList();
    return new ChangeRow(d.deployment(), d.step(), cells);
  }

  private static Gatling gatling(CrossCheck c) {
    return new Gatling(c.agree(), c.agree() ? ReportText.GATLING_AGREES : ReportText.GATLING_DISAGREES,
        c.problems(), c.rows().stream().map(ReportText::cells).toList());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
