package dev.assay.report;

import dev.assay.gate.JsonNumbers;
import dev.assay.gate.Rule;
import dev.assay.gate.RuleOutcome;
import dev.assay.stats.ConfidenceInterval;
import java.util.function.DoubleFunction;

/**
 * The cells every verdict renderer shows for a rule outcome (text table, Markdown, HTML, JUnit),
 * in one place: a no_regressions outcome has a count instead of an estimate, and no interval or
 * p-value.
 *
 * @param baseline the baseline's value (paired rules), else the dash
 * @param candidate the candidate's value, else the dash
 * @param estimate the difference (signed), the candidate's value, or the number of regressions
 * @param interval the interval (signed for paired rules), else the dash
 * @param adjustedP the adjusted p-value, else the dash
 */
record Outcomes(String baseline, String candidate, String estimate, String interval, String adjustedP) {
  /** How numbers look: the text tables' four decimals, or the reports' four significant digits. */
  enum Style {
    TABLE(JsonNumbers::text, JsonNumbers::signed, JsonNumbers::p),
    REPORT(Format::num, Format::signed, Format::num);

    final DoubleFunction<String> value;
    final DoubleFunction<String> signed;
    final DoubleFunction<String> p;

    Style(DoubleFunction<String> value, DoubleFunction<String> signed, DoubleFunction<String> p) {
      this.value = value;
      this.signed = signed;
      this.p = p;
    }
  }

  static Outcomes of(RuleOutcome r, Style style, String dash) {
    if (r instanceof RuleOutcome.RegressionOutcome g) {
      return new Outcomes(dash, dash, Integer.toString(g.regressed().size()), dash, dash);
    }
    RuleOutcome.IntervalOutcome o = (RuleOutcome.IntervalOutcome) r;
    boolean paired = r.rule() instanceof Rule.Paired;
    DoubleFunction<String> estimate = paired ? style.signed : style.value;
    ConfidenceInterval ci = o.ci();
    String interval = "[" + estimate.apply(ci.lower()) + ", " + estimate.apply(ci.upper()) + "]";
    return new Outcomes(o.baseline().isPresent() ? style.value.apply(o.baseline().getAsDouble()) : dash,
        style.value.apply(o.candidate()), estimate.apply(o.estimate()), interval, style.p.apply(o.adjustedP()));
  }
}
