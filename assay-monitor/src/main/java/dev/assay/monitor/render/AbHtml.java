package dev.assay.monitor.render;

import dev.assay.monitor.ab.AbReadout;
import dev.assay.monitor.ab.MetricReadout;
import dev.assay.report.Format;
import dev.assay.report.Html;
import dev.assay.report.HtmlPage;
import dev.assay.report.PlotRow;
import dev.assay.report.Plots;
import java.util.ArrayList;
import java.util.List;

/** An A/B readout as one self-contained HTML page, with the per-metric intervals plot of assay-report. */
public final class AbHtml {
  private AbHtml() {}

  public static String render(AbReadout r) {
    StringBuilder b = new StringBuilder();
    b.append("<p><span class=\"verdict ").append(r.verdict().name()).append("\">").append(r.verdict().name())
        .append("</span> ").append(Html.text(r.reason())).append("</p>\n");
    b.append("<h2>Sample ratio</h2>\n<p>").append(Html.text(r.config().control() + ": " + r.controlUnits()
        + " units, " + r.config().treatment() + ": " + r.treatmentUnits() + " units; planned split "
        + Format.num(r.config().split()[0]) + ":" + Format.num(r.config().split()[1]) + "; chi-square p = "
        + Numbers.p(r.srm().pValue()) + (r.srmFlagged() ? " — MISMATCH: the verdict is withheld" : " — ok")))
        .append("</p>\n<h2>Metrics</h2>\n<table><tr><th>metric</th><th>rule</th><th>control</th><th>treatment</th>"
            + "<th>difference [CI]</th><th>relative lift [CI]</th><th>CUPED variance reduction</th>"
            + "<th>adjusted p</th><th>always-valid p</th><th>verdict</th><th>reason</th></tr>\n");
    List<PlotRow> rows = new ArrayList<>();
    for (MetricReadout m : r.metrics()) {
      b.append("<tr><td>").append(Html.text(m.metric().name())).append("</td><td>")
          .append(Html.text(m.metric().rule() + (m.metric().margin().value() > 0 ? " " + m.metric().margin() : "")))
          .append("</td><td class=\"n\">").append(Format.num(m.control())).append("</td><td class=\"n\">")
          .append(Format.num(m.treatment())).append("</td><td>")
          .append(m.difference() == null ? "–" : Html.text(Format.signed(m.difference().estimate()) + " "
              + Format.interval(m.difference().interval())))
          .append("</td><td>").append(m.lift() == null ? "–" : Html.text(AbText.pct(m.lift().estimate()) + " "
              + (m.lift().interval() == null ? "" : "[" + AbText.pct(m.lift().interval().lower()) + ", "
              + AbText.pct(m.lift().interval().upper()) + "]")))
          .append("</td><td class=\"n\">").append(Double.isNaN(m.varianceReduction()) ? "–"
              : Html.text(AbText.share(m.varianceReduction())))
          .append("</td><td class=\"n\">").append(Numbers.p(m.adjustedP())).append("</td><td class=\"n\">")
          .append(m.sequential() == null ? "–" : Numbers.p(m.sequential().pValue())).append("</td><td><span class=\"")
          .append(m.verdict().name()).append("\" style=\"color:#fff;padding:1px 6px;border-radius:3px\">")
          .append(m.verdict().name()).append("</span></td><td>").append(Html.text(m.reason())).append("</td></tr>\n");
      if (m.lift() != null && m.lift().interval() != null) {
        rows.add(new PlotRow(m.metric().name(), new dev.assay.report.Estimate(100 * m.lift().estimate(),
            new dev.assay.stats.ConfidenceInterval(100 * m.lift().interval().lower(),
                100 * m.lift().interval().upper(), m.lift().interval().confidence()),
            (int) Math.min(Integer.MAX_VALUE, m.controlUnits() + m.treatmentUnits()), m.lift().method()),
            Double.NaN, tone(m)));
      }
    }
    b.append("</table>\n");
    if (!rows.isEmpty()) {
      b.append("<h2>Relative lift (%) with intervals</h2>\n")
          .append(Plots.intervals("relative lift, percent", rows, false, 0)).append('\n');
    }
    return HtmlPage.render("assay A/B readout", b.toString(), null);
  }

  private static String tone(MetricReadout m) {
    return switch (m.verdict()) {
      case PASS -> "good";
      case FAIL -> "bad";
      case INCONCLUSIVE -> "neutral";
    };
  }
}
