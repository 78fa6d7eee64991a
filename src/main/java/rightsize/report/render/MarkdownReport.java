package rightsize.report.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import rightsize.report.model.Comparison;
import rightsize.report.model.CrossCheck;
import rightsize.report.model.DeploymentSummary;
import rightsize.report.model.Fmt;
import rightsize.report.model.SkippedStep;
import rightsize.report.model.StepRow;
import rightsize.report.model.StepTableRow;
import rightsize.report.model.Tradeoffs;

/** Writes tradeoffs.md: GitHub-flavoured markdown, ready to append to a CI job summary. */
public final class MarkdownReport {
  private final StringBuilder out = new StringBuilder();

  private MarkdownReport() {}

  public static String render(Tradeoffs t) {
    MarkdownReport md = new MarkdownReport();
    md.all(t);
    return md.out.toString();
  }

  private void all(Tradeoffs t) {
    line("# " + esc(ReportText.title(t)));
    line("");
    line(esc(ReportText.runLine(t)));
    line("");
    if (t.partial()) {
      line("> **Warning:** " + esc(t.partialNotice()));
      line("");
    }
    for (String w : t.warnings()) {
      line("> **Note:** " + esc(w));
      line("");
    }
    line("**" + ReportText.RECOMMENDATION + "** " + esc(t.recommendation()));
    line("");
    line(ReportText.sloLine(t));
    line("");
    regressions(t);
    deployments(t);
    steps(t);
    reasoning(t);
    injectors(t);
    serverSide(t);
    comparison(t);
    lengths(t);
    gatling(t);
    inputs(t);
  }

  private void regressions(Tradeoffs t) {
    if (t.comparison() == null) {
      return;
    }
    line("## " + ReportText.REGRESSIONS + esc(t.comparison().baselineRunId()));
    line("");
    if (t.regressions().isEmpty()) {
      line(ReportText.NO_REGRESSION);
    }
    t.regressions().forEach(r -> line("- **" + esc(r.describe()) + "**"));
    t.comparison().notes().forEach(n -> line("- " + esc(n)));
    line("");
  }

  private void deployments(Tradeoffs t) {
    line("## " + ReportText.DEPLOYMENTS);
    line("");
    header(ReportText.DEPLOYMENT_COLUMNS, "|---|---|---|---:|---:|---:|---|---|");
    t.deployments().forEach(d -> line(row(ReportText.cells(d).all())));
    line("");
    for (DeploymentSummary d : t.deployments()) {
      line("- **" + esc(d.deployment()) + "**: " + esc(d.recommendation()));
      ReportText.deploymentNotes(d).forEach(n -> line("  " + esc(n)));
    }
    line("");
  }

  private void steps(Tradeoffs t) {
    line("## " + ReportText.STEPS);
    line("");
    header(ReportText.STEP_COLUMNS, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
    for (StepTableRow entry : t.stepTable()) {
      if (entry instanceof SkippedStep skipped) {
        // No figure (12 columns from req/s to throttled %, 3 of cost); the SLO column says why.
        List<String> cells = new ArrayList<>(List.of(skipped.key().deployment(), skipped.loadLabel()));
        cells.addAll(Collections.nCopies(12, Fmt.NONE));
        cells.add(skipped.describe());
        cells.addAll(Collections.nCopies(3, Fmt.NONE));
        line(row(cells));
        continue;
      }
      ReportText.StepCells c = ReportText.cells((StepRow) entry);
      List<String> cells = new ArrayList<>(List.of(c.deployment(), c.load()));
      c.figures().forEach(f -> cells.add(f.text()));
      cells.add(switch (c.outcome()) {
        case "met" -> c.slo().text();
        case "broken" -> "**broken**: " + c.slo().text();
        default -> "*" + c.slo().text() + "*";
      });
      c.costs().forEach(f -> cells.add(f.text()));
      line(row(cells));
    }
    line("");
    line(ReportText.LATENCIES);
    if (!t.skippedSteps().isEmpty()) {
      line(ReportText.SKIPPED);
    }
    String empty = ReportText.emptyAnswers(t);
    if (empty != null) {
      line(esc(empty));
    }
    line("");
    if (!t.untrustedSteps().isEmpty()) {
      line("**" + ReportText.UNTRUSTED + "** (" + ReportText.trustLegend(t) + "):");
      line("");
      List<String> conclusions = ReportText.trustConclusions(t);
      if (conclusions.isEmpty()) {
        line(ReportText.TRUST_CHANGES_NOTHING);
      } else {
        line(ReportText.TRUST_CHANGES);
        line("");
        conclusions.forEach(n -> line("- " + esc(n)));
      }
      line("");
      List<String> others = ReportText.trustOthers(t);
      if (!others.isEmpty()) {
        // GitHub renders the folded part as in the page; other viewers show it as it is.
        line("<details><summary>" + ReportText.trustOthersSummary(t) + "</summary>");
        line("");
        others.forEach(n -> line("- " + esc(n)));
        line("");
        line("</details>");
        line("");
      }
    }
  }

  private void reasoning(Tradeoffs t) {
    if (!ReportText.anyReasoning(t)) {
      return;
    }
    line("## " + ReportText.REASONING);
    line("");
    line(ReportText.REASONING_INTRO);
    line("");
    header(ReportText.REASONING_COLUMNS, "|---|---|---:|---:|---:|---:|---:|---:|");
    for (StepRow r : ReportText.reasoningSteps(t)) {
      ReportText.ReasoningCells c = ReportText.reasoningCells(r);
      List<String> cells = new ArrayList<>(List.of(c.deployment(), c.load()));
      cells.addAll(c.figures());
      line(row(cells));
    }
    line("");
  }

  private void injectors(Tradeoffs t) {
    if (!t.injectorMonitored()) {
      return;
    }
    line("## " + ReportText.LOAD_GENERATOR);
    line("");
    line(esc(ReportText.injectorIntro(t)));
    line("");
    header(ReportText.injectorColumns(t), ReportText.injectorAlignment(t));
    for (StepRow r : t.steps()) {
      ReportText.InjectorCells c = ReportText.injectorCells(t, r);
      List<String> cells = new ArrayList<>(List.of(c.deployment(), c.load()));
      cells.addAll(c.figures());
      cells.add(c.overloaded() ? "**" + c.status() + "** " + ReportText.InjectorCells.MARKER : c.status());
      line(row(cells));
    }
    line("");
  }

  private void serverSide(Tradeoffs t) {
    if (!t.serverMonitored()) {
      return;
    }
    line("## " + ReportText.SERVER_SIDE);
    line("");
    line(esc(ReportText.serverIntro(t)));
    line("");
    header(ReportText.SERVER_COLUMNS, "|---|---|---:|---|---:|---:|---:|---:|---:|");
    for (StepRow r : t.steps()) {
      ReportText.ServerCells c = ReportText.serverCells(r);
      List<String> cells = new ArrayList<>(List.of(c.deployment(), c.load()));
      cells.addAll(c.figures());
      line(row(cells));
    }
    line("");
    t.serverSide().notes().forEach(n -> line("- " + esc(n)));
    if (!t.serverSide().notes().isEmpty()) {
      line("");
    }
  }

  private void comparison(Tradeoffs t) {
    Comparison c = t.comparison();
    if (c == null || c.deltas().isEmpty()) {
      return;
    }
    line("## " + ReportText.CHANGES + esc(c.baselineRunId()));
    line("");
    header(ReportText.CHANGE_COLUMNS, "|---|---|---:|---:|---:|---:|---:|");
    for (Comparison.StepDelta d : c.deltas()) {
      List<String> cells = new ArrayList<>(List.of(d.deployment(), d.step()));
      ReportText.CHANGE_METRICS.forEach(m -> cells.add(ReportText.change(d, m)));
      line(row(cells));
    }
    line("");
  }

  private void lengths(Tradeoffs t) {
    if (t.lengths().isEmpty()) {
      return;
    }
    line("## " + ReportText.LENGTHS);
    line("");
    line(ReportText.LENGTHS_BASIS);
    line("");
    List<String> columns = new ArrayList<>(ReportText.INPUT_LENGTH_COLUMNS);
    columns.add("");
    columns.addAll(ReportText.OUTPUT_LENGTH_COLUMNS);
    t.lengths().forEach((deployment, table) -> {
      line("### " + esc(deployment));
      line("");
      List<String> sentences = ReportText.lengthSentences(table);
      line(esc(sentences.get(0)));
      line("");
      sentences.subList(1, sentences.size()).forEach(s -> line("- " + s));
      line("");
      header(columns, "|---|---:|---:|---:|---|---|---:|---:|---:|");
      for (ReportText.LengthRow r : ReportText.lengthRows(table)) {
        List<String> cells = new ArrayList<>(bucket(r.input()));
        cells.add("");
        cells.addAll(bucket(r.output()));
        line(row(cells));
      }
      line("");
    });
  }

  private static List<String> bucket(ReportText.BucketCells b) {
    return b == null ? List.of("", "", "", "") : b.all();
  }

  private void gatling(Tradeoffs t) {
    line("## " + ReportText.GATLING);
    line("");
    CrossCheck c = t.gatling();
    if (c == null) {
      line(ReportText.NO_GATLING);
      line("");
      return;
    }
    String reports = " (" + String.join(", ", t.gatlingReports()) + ")";
    line(c.agree() ? ReportText.GATLING_AGREES + reports + "." : "**" + ReportText.GATLING_DISAGREES + "**" + reports + ":");
    c.problems().forEach(p -> line("- " + esc(p)));
    line("");
    header(ReportText.GATLING_COLUMNS, "|---|---|---|---|---|");
    for (CrossCheck.NameCheck r : c.rows()) {
      ReportText.GatlingCells cells = ReportText.cells(r);
      line(row(List.of(cells.request(), cells.records(), cells.gatling(), cells.percentiles(),
          cells.agree() ? "yes" : "**no**")));
    }
    line("");
  }

  private void inputs(Tradeoffs t) {
    line("## " + ReportText.INPUTS);
    line("");
    ReportText.inputs(t).forEach(i -> line("- " + esc(i)));
    line("");
  }

  private void header(List<String> columns, String alignment) {
    line(("| " + String.join(" | ", columns) + " |").replace("|  |", "| |"));
    line(alignment);
  }

  private static String row(List<String> cells) {
    StringBuilder b = new StringBuilder("|");
    for (String c : cells) {
      b.append(' ').append(esc(c)).append(" |");
    }
    return b.toString();
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
