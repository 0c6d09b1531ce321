package dev.assay.monitor.render;

import dev.assay.core.text.TerminalText;
import dev.assay.monitor.drift.ColumnDrift;
import dev.assay.monitor.drift.DriftReport;
import dev.assay.report.Format;
import java.io.PrintWriter;
import java.util.List;

/** Drift reports as a terminal table: drifted findings first; names escaped. */
public final class DriftText {
  private DriftText() {}

  /**
   * @param all also list findings that did not drift (otherwise only drifted ones and a count)
   */
  public static void print(List<DriftReport> reports, PrintWriter out, boolean all) {
    for (DriftReport r : reports) {
      out.println((r.window() == null ? "" : "window " + r.window() + ": ") + TerminalText.escape(r.current())
          + " (" + r.currentRows() + " rows) against " + TerminalText.escape(r.reference()) + " ("
          + r.referenceRows() + " rows)");
      out.printf("%d hypotheses, Benjamini-Hochberg at q = %s: %s%n", r.hypotheses(), Format.num(r.q()),
          r.drifted() ? r.driftedColumns().size() + " drifted" : "no drift");
      List<ColumnDrift> shown = all ? r.results() : r.driftedColumns();
      if (!shown.isEmpty()) {
        out.printf("  %-6s %-24s %-12s %-22s %-10s %-10s %-16s %s%n", "", "COLUMN", "ASPECT", "TEST", "P", "ADJ P",
            "EFFECT", "THRESHOLD");
        for (ColumnDrift d : shown) {
          out.printf("  %-6s %-24s %-12s %-22s %-10s %-10s %-16s %s%n", d.drifted() ? "DRIFT" : "ok",
              TerminalText.escape(d.column()), d.aspect(), d.test() == null ? "–" : d.test(), Numbers.p(d.pValue()),
              Numbers.p(d.adjustedP()), d.effect() + " " + Format.num(d.effectSize()), Format.num(d.threshold()));
          if (d.note() != null && d.drifted()) {
            out.println("         " + TerminalText.escape(d.note()));
          }
        }
      }
      if (!r.newColumns().isEmpty()) {
        out.println("  new columns (not in the reference): "
            + TerminalText.escape(String.join(", ", r.newColumns())));
      }
    }
  }
}
