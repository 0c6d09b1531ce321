package dev.assay.report;

import dev.assay.core.text.MarkdownText;
import dev.assay.gate.ComparisonReport;
import dev.assay.gate.Gate;
import dev.assay.gate.GateResult;
import dev.assay.gate.InconclusivePolicy;
import dev.assay.gate.PlanCheck;
import dev.assay.gate.RuleOutcome;
import dev.assay.gate.TextTable;
import dev.assay.core.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text, JUnit XML and Markdown forms of a gate verdict (JSON: {@link GateResult#toJson}), next
 * to the other renderers of results.
 */
public final class VerdictRenderers {
  private VerdictRenderers() {}

  /** A table of metric, rule, margin, baseline, candidate, estimate, CI, p, verdict; then reasons. */
  public static String text(GateResult result, InconclusivePolicy policy) {
    StringBuilder sb = new StringBuilder();
    Gate gate = result.gate();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"METRIC", "RULE", "MARGIN", "BASELINE", "CANDIDATE", "ESTIMATE",
        ComparisonReport.percent(gate.confidence()) + " CI", "P(ADJ)", "VERDICT"});
    for (RuleOutcome r : result.rules()) {
      Outcomes cells = Outcomes.of(r, Outcomes.Style.TABLE, "-");
      rows.add(new String[] {r.rule().metric(), r.rule().kind(), r.rule().marginText(), cells.baseline(),
          cells.candidate(), cells.estimate(), cells.interval(), cells.adjustedP(), r.verdict().name()});
    }
    sb.append(TextTable.render(rows));
    sb.append(System.lineSeparator());
    for (RuleOutcome r : result.rules()) {
      sb.append("  ").append(r.rule().label()).append(": ").append(r.reason()).append(System.lineSeparator());
    }
    sb.append(System.lineSeparator());
    sb.append(String.format(Locale.ROOT, "verdict: %s%s%n", result.verdict(), policyNote(result.verdict(), policy)));
    String clusters = result.resampling().equals("example") ? ""
        : String.format(Locale.ROOT, " in %d clusters (%s, resampled whole)", result.units(), result.resampling());
    sb.append(String.format(Locale.ROOT, "  baseline %s, candidate %s, %d paired examples%s; confidence %s, "
        + "multiplicity %s%n", result.baseline(), result.candidate(), result.n(), clusters,
        ComparisonReport.percent(gate.confidence()), gate.multiplicity().wire()));
    sb.append("plan: ").append(result.plan().summary()).append(System.lineSeparator());
    return sb.toString();
  }

  private static String policyNote(Verdict verdict, InconclusivePolicy policy) {
    if (verdict != Verdict.INCONCLUSIVE || policy == InconclusivePolicy.INCONCLUSIVE) {
      return "";
    }
    return " (treated as " + policy.name() + " by --inconclusive-is)";
  }

  /**
   * JUnit XML: one testcase per rule; FAIL is a {@code <failure>}, INCONCLUSIVE a {@code
   * <skipped>} with the reason. Every text is escaped and stripped of characters XML 1.0 forbids.
   */
  public static String junit(GateResult result) {
    int failures = 0;
    int skipped = 0;
    for (RuleOutcome r : result.rules()) {
      failures += r.verdict() == Verdict.FAIL ? 1 : 0;
      skipped += r.verdict() == Verdict.INCONCLUSIVE ? 1 : 0;
    }
    int tests = result.rules().size();
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append(String.format(Locale.ROOT, "<testsuites name=\"assay gate\" tests=\"%d\" failures=\"%d\" "
        + "errors=\"0\" skipped=\"%d\">%n", tests, failures, skipped));
    sb.append(String.format(Locale.ROOT, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" "
        + "skipped=\"%d\">%n", xml("assay gate " + result.candidate() + " vs " + result.baseline()), tests,
        failures, skipped));
    PlanCheck plan = result.plan();
    sb.append("    <properties>\n");
    property(sb, "plan", plan.status().wire());
    property(sb, "plan.reason", plan.reason());
    if (plan.plan() != null) {
      property(sb, "plan.hash", plan.plan().hash());
      property(sb, "plan.created_at", plan.plan().createdAt().toString());
      property(sb, "plan.hypothesis", plan.plan().hypothesis());
    }
    property(sb, "gate.hash", String.valueOf(plan.gateHash()));
    property(sb, "dataset.hash", String.valueOf(plan.datasetHash()));
    sb.append("    </properties>\n");
    for (RuleOutcome r : result.rules()) {
      sb.append("    <testcase classname=\"assay.gate\" name=\"")
          .append(xml(r.rule().label() + " (" + r.rule().marginText() + ")")).append("\"");
      switch (r.verdict()) {
        case PASS -> sb.append("/>\n");
        case FAIL -> sb.append(">\n      <failure type=\"FAIL\" message=\"").append(xml(r.reason())).append("\">")
            .append(xml(r.reason())).append("</failure>\n    </testcase>\n");
        case INCONCLUSIVE -> sb.append(">\n      <skipped message=\"").append(xml("INCONCLUSIVE: " + r.reason()))
            .append("\"/>\n    </testcase>\n");
      }
    }
    sb.append("    <system-out>").append(xml("verdict: " + result.verdict() + "\nplan: " + plan.summary()))
        .append("</system-out>\n");
    sb.append("  </testsuite>\n</testsuites>\n");
    return sb.toString();
  }

  private static void property(StringBuilder sb, String name, String value) {
    sb.append("      <property name=\"").append(xml(name)).append("\" value=\"").append(xml(value)).append("\"/>\n");
  }

  /** XML 1.0 text and attribute escaping; forbidden characters become U+FFFD. */
  static String xml(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        case '\t', '\n', '\r' -> sb.append("&#").append(c).append(';');
        default -> {
          boolean allowed = c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
          sb.appendCodePoint(allowed ? c : 0xFFFD);
        }
      }
    });
    return sb.toString();
  }

  /** A summary fit for a pull-request comment: verdict, a table, and the reasons. */
  public static String markdown(GateResult result) {
    Gate gate = result.gate();
    StringBuilder sb = new StringBuilder();
    sb.append("### assay gate: **").append(result.verdict()).append("**\n\n");
    sb.append(String.format(Locale.ROOT, "Candidate `%s` against baseline `%s` on %d paired examples; "
        + "%s confidence, %s multiplicity control.%n%n", code(result.candidate()), code(result.baseline()),
        result.n(), ComparisonReport.percent(gate.confidence()), gate.multiplicity().wire()));
    sb.append("Plan: **").append(result.plan().status().label()).append("**: ").append(cell(result.plan().reason()));
    if (result.plan().plan() != null) {
      sb.append(". Hypothesis: ").append(cell(result.plan().plan().hypothesis()));
    }
    sb.append("\n\n");
    sb.append("| Metric | Rule | Margin | Baseline | Candidate | Estimate | ")
        .append(ComparisonReport.percent(gate.confidence())).append(" CI | p (adj.) | Verdict |\n");
    sb.append("|---|---|---|---:|---:|---:|---|---:|---|\n");
    for (RuleOutcome r : result.rules()) {
      Outcomes cells = Outcomes.of(r, Outcomes.Style.TABLE, "–");
      sb.append("| ").append(cell(r.rule().metric())).append(" | ").append(r.rule().kind()).append(" | ")
          .append(cell(r.rule().marginText())).append(" | ").append(cells.baseline()).append(" | ")
          .append(cells.candidate()).append(" | ").append(cells.estimate()).append(" | ").append(cells.interval())
          .append(" | ").append(cells.adjustedP()).append(" | **").append(r.verdict()).append("** |\n");
    }
    sb.append("\n<details><summary>Reasons</summary>\n\n");
    for (RuleOutcome r : result.rules()) {
      sb.append("- **").append(cell(r.rule().label())).append("**: ").append(cell(r.reason())).append('\n');
    }
    sb.append("\n</details>\n");
    return sb.toString();
  }

  /** Markdown table cell text: no pipes, no HTML, no links, no line breaks ({@link MarkdownText#inline}). */
  private static String cell(String s) {
    return MarkdownText.inline(s);
  }

  private static String code(String s) {
    return s.replace("`", "'").replace('\n', ' ');
  }
}
