package dev.assay.report;

import dev.assay.core.text.MarkdownText;
import dev.assay.gate.Comparison;
import dev.assay.gate.GateResult;
import dev.assay.gate.PairedMetric;
import dev.assay.gate.RuleOutcome;
import dev.assay.gate.RunEstimate;
import java.util.List;

/**
 * A short Markdown summary for a pull-request comment: verdict, metrics table and the top
 * regressions. Untrusted text is escaped with {@link MarkdownText}, so nothing in it renders as
 * HTML, links or table structure.
 */
public final class MarkdownReport {
  /** Regressions listed in the summary at most (the HTML report lists more). */
  public static final int TOP_REGRESSIONS = 10;

  private static final int CELL_CHARS = 160;

  private final ReportInput in;

  public MarkdownReport(ReportInput in) {
    this.in = in;
  }

  public String render() {
    StringBuilder b = new StringBuilder();
    if (in.isComparison()) {
      b.append("## assay: ").append(MarkdownText.inline(in.candidate().label())).append(" vs ")
          .append(MarkdownText.inline(in.baseline().label())).append("\n\n");
    } else {
      b.append("## assay: ").append(MarkdownText.inline(in.baseline().label())).append("\n\n");
    }
    GateResult g = in.gate();
    if (g != null) {
      b.append("**Verdict: ").append(g.verdict().name()).append("** at ").append(Format.percent(g.gate().confidence()))
          .append(" confidence (pre-registered: ").append(in.preRegistered() ? "yes" : "no").append(")\n\n")
          .append("Plan: ").append(MarkdownText.inline(g.plan().summary())).append("\n\n")
          .append("| rule | metric | margin | estimate | interval | verdict |\n|---|---|---|---|---|---|\n");
      for (RuleOutcome r : g.rules()) {
        Outcomes cells = Outcomes.of(r, Outcomes.Style.REPORT, "–");
        b.append("| ").append(r.rule().kind()).append(" | ").append(MarkdownText.inline(r.rule().metric()))
            .append(" | ").append(MarkdownText.inline(r.rule().marginText())).append(" | ").append(cells.estimate())
            .append(" | ").append(cells.interval()).append(" | ").append(r.verdict().name()).append(" |\n");
      }
      b.append('\n');
    }
    if (in.isComparison()) {
      b.append("n = ").append(in.comparison().n()).append(" paired examples");
      if (!in.comparison().resampling().equals("example")) {
        b.append(", resampled as ").append(in.comparison().units()).append(" clusters (")
            .append(MarkdownText.inline(in.comparison().resampling())).append(')');
      }
      b.append("\n\n")
          .append("| metric | better | baseline | candidate | difference | interval | p (difference ≠ 0) |\n|---|---|---|---|---|---|---|\n");
      for (Comparison c : in.comparison().comparisons()) {
        b.append("| ").append(MarkdownText.inline(c.name())).append(" | ").append(c.direction().wire()).append(" | ")
            .append(Format.num(c.baseline())).append(" | ").append(Format.num(c.candidate())).append(" | ")
            .append(Format.signed(c.difference())).append(" | ").append(Format.interval(c.ci())).append(" | ")
            .append(Format.num(c.pValue())).append(" |\n");
      }
      b.append('\n').append(regressions());
    } else {
      b.append("| metric | statistic | n | value | ").append(Format.percent(in.confidence()))
          .append(" interval |\n|---|---|---|---|---|\n");
      for (RunEstimate e : in.estimates()) {
        b.append("| ").append(MarkdownText.inline(e.metric().name())).append(" | ").append(e.metric().kind().wire())
            .append(" | ").append(e.n()).append(" | ").append(Format.num(e.value())).append(" | ")
            .append(Format.interval(e.ci())).append(" |\n");
      }
    }
    if (!in.data().available()) {
      b.append("\n_").append(MarkdownText.inline(in.data().note())).append("_\n");
    }
    return b.toString();
  }

  private String regressions() {
    String primary = in.primaryMetric();
    if (primary == null) {
      return "";
    }
    Comparison c = in.comparison().comparison(primary).orElseThrow();
    PairedMetric pm = in.pairing().values(primary);
    Flips f = Flips.of(pm, c.direction());
    StringBuilder b = new StringBuilder("### Regressions on ").append(MarkdownText.inline(primary)).append(": ")
        .append(f.regressions().size()).append(" (improvements: ").append(f.improvements().size()).append(")\n\n");
    if (f.regressions().isEmpty()) {
      return b.toString();
    }
    b.append("| example | input | reference | baseline | candidate |\n|---|---|---|---|---|\n");
    List<Flip> top = f.regressions().subList(0, Math.min(TOP_REGRESSIONS, f.regressions().size()));
    for (Flip x : top) {
      var e = in.data().example(x.id());
      String input = e == null ? "" : e.inputText();
      String ref = e == null || e.reference() == null ? "" : e.reference().isTextual() ? e.reference().textValue()
          : e.reference().toString();
      b.append("| ").append(MarkdownText.inline(x.id(), CELL_CHARS)).append(" | ").append(MarkdownText.inline(input, CELL_CHARS))
          .append(" | ").append(MarkdownText.inline(ref, CELL_CHARS)).append(" | ")
          .append(MarkdownText.inline(in.baseline().outputText(x.id()), CELL_CHARS)).append(" | ")
          .append(MarkdownText.inline(in.candidate().outputText(x.id()), CELL_CHARS)).append(" |\n");
    }
    if (f.regressions().size() > top.size()) {
      b.append("\n").append(f.regressions().size() - top.size()).append(" more regressions in the HTML report.\n");
    }
    return b.toString();
  }
}
