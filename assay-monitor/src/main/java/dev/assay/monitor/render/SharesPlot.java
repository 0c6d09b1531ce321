package dev.assay.monitor.render;

import dev.assay.report.Format;
import dev.assay.report.Scale;
import dev.assay.report.SvgWriter;
import java.util.List;

/**
 * Reference-versus-current shares as paired bars, one pair per bin or label: the picture of a
 * drifted column. Bars are shares (each side sums to 1), so sides of different sizes compare.
 */
final class SharesPlot {
  static final String REFERENCE = "#4e79a7";
  static final String CURRENT = "#e15759";

  private SharesPlot() {}

  /**
   * @param labels one per bar pair (bin ranges or labels), untrusted: escaped by the writer
   * @param reference counts per bar pair
   * @param current counts per bar pair
   */
  static String render(String title, List<String> labels, long[] reference, long[] current) {
    double[] a = shares(reference);
    double[] b = shares(current);
    int k = labels.size();
    double left = 50;
    double top = 28;
    double plotH = 180;
    double group = Math.max(28, Math.min(70, 640.0 / Math.max(1, k)));
    double w = Math.max(left + group * k + 20, 480);
    double h = top + plotH + 70;
    double max = 0;
    for (int i = 0; i < k; i++) {
      max = Math.max(max, Math.max(a[i], b[i]));
    }
    // The axis ends on a nice tick above the tallest bar, so gridlines read as round shares.
    double step = Scale.niceStep((max > 0 ? max : 1) / 5);
    max = Math.ceil((max > 0 ? max : 1) / step) * step;
    SvgWriter svg = new SvgWriter(w, h, title);
    double bottom = top + plotH;
    svg.element("line", "x1", left, "y1", bottom, "x2", w - 10, "y2", bottom, "stroke", "#999");
    for (double v : new Scale(0, max, bottom, bottom - plotH).ticks(5)) {
      double y = bottom - plotH * v / max;
      svg.element("line", "x1", left - 4, "y1", y, "x2", w - 10, "y2", y, "stroke", "#eee");
      svg.text(left - 6, y + 4, Scale.label(v), "text-anchor", "end", "class", "tick");
    }
    double bar = (group - 8) / 2;
    for (int i = 0; i < k; i++) {
      double x = left + i * group + 4;
      double ha = plotH * a[i] / max;
      double hb = plotH * b[i] / max;
      svg.open("g", "class", "pair");
      svg.tooltip(labels.get(i) + ": reference " + Format.num(a[i]) + ", current " + Format.num(b[i]));
      svg.element("rect", "x", x, "y", bottom - ha, "width", bar, "height", ha, "fill", REFERENCE);
      svg.element("rect", "x", x + bar, "y", bottom - hb, "width", bar, "height", hb, "fill", CURRENT);
      svg.close("g");
      String label = labels.get(i).length() > 14 ? labels.get(i).substring(0, 13) + "…" : labels.get(i);
      double lx = x + bar;
      double ly = bottom + 12;
      svg.text(lx, ly, label, "text-anchor", "end", "class", "tick", "transform",
          "rotate(-35 " + SvgWriter.num(lx) + " " + SvgWriter.num(ly) + ")");
    }
    svg.element("rect", "x", left, "y", 6, "width", 10, "height", 10, "fill", REFERENCE);
    svg.text(left + 14, 15, "reference");
    svg.element("rect", "x", left + 90, "y", 6, "width", 10, "height", 10, "fill", CURRENT);
    svg.text(left + 104, 15, "current");
    svg.text(left + 170, 15, title, "class", "tick");
    return svg.finish();
  }

  private static double[] shares(long[] c) {
    double total = 0;
    for (long v : c) {
      total += v;
    }
    double[] s = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      s[i] = total > 0 ? c[i] / total : 0;
    }
    return s;
  }
}
