package dev.assay.monitor.render;

import dev.assay.core.text.TerminalText;
import dev.assay.monitor.ab.AbReadout;
import dev.assay.monitor.ab.MetricReadout;
import dev.assay.report.Format;
import java.io.PrintWriter;

/** An A/B readout for the terminal. */
public final class AbText {
  private AbText() {}

  public static void print(AbReadout r, PrintWriter out) {
    out.println("A/B readout of " + TerminalText.escape(r.source()) + ": " + TerminalText.escape(r.config().control())
        + " " + r.controlUnits() + " units, " + TerminalText.escape(r.config().treatment()) + " " + r.treatmentUnits()
        + " units" + (r.otherUnits() > 0 ? ", " + r.otherUnits() + " rows of other variants ignored" : ""));
    out.println("sample ratio: chi-square p = " + Numbers.p(r.srm().pValue()) + (r.srmFlagged()
        ? "  MISMATCH (below " + Format.num(r.config().srmAlpha()) + ")" : "  ok"));
    out.printf("  %-18s %-16s %-10s %-10s %-34s %-28s %-10s %s%n", "METRIC", "RULE", "CONTROL", "TREATMENT",
        "DIFFERENCE [CI]", "LIFT [CI]", "ADJ P", "VERDICT");
    for (MetricReadout m : r.metrics()) {
      String diff = m.difference() == null ? "–" : Format.signed(m.difference().estimate()) + " "
          + Format.interval(m.difference().interval());
      String lift = m.lift() == null || Double.isNaN(m.lift().estimate()) ? "–"
          : pct(m.lift().estimate()) + " " + (m.lift().interval() == null ? ""
          : "[" + pct(m.lift().interval().lower()) + ", " + pct(m.lift().interval().upper()) + "]");
      out.printf("  %-18s %-16s %-10s %-10s %-34s %-28s %-10s %s%n", TerminalText.escape(m.metric().name()),
          m.metric().rule() + (m.metric().margin().value() > 0 ? " " + m.metric().margin() : ""),
          Format.num(m.control()), Format.num(m.treatment()), diff, lift, Numbers.p(m.adjustedP()), m.verdict());
      if (!Double.isNaN(m.varianceReduction())) {
        out.printf("  %-18s CUPED on %s: variance reduced by %s (unadjusted %s %s)%n", "",
            TerminalText.escape(m.metric().covariate()), share(m.varianceReduction()),
            Format.signed(m.unadjusted().estimate()), Format.interval(m.unadjusted().interval()));
      }
      if (m.sequential() != null) {
        out.printf("  %-18s always valid over %d looks: p = %s, confidence sequence [%s, %s]%n", "",
            m.sequential().looks(), Numbers.p(m.sequential().pValue()), Format.num(m.sequential().lower()),
            Format.num(m.sequential().upper()));
      }
    }
    out.println("verdict: " + r.verdict() + " (" + TerminalText.escape(r.reason()) + ")");
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "–" : Format.signed(100 * v) + "%";
  }

  /** A share as a percentage without a sign: a variance reduction is an amount, not a change. */
  static String share(double v) {
    return Double.isNaN(v) ? "–" : Format.num(100 * v) + "%";
  }
}
