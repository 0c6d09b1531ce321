package dev.assay.report;

import dev.assay.stats.Percentiles;
import dev.assay.metrics.classification.ConfusionMatrix;
import dev.assay.metrics.classification.Reliability;
import dev.assay.metrics.classification.ReliabilityBin;
import java.util.List;
import java.util.Map;

/**
 * The report's plots, drawn as inline SVG with {@link SvgWriter}. Each method returns one complete
 * {@code <svg>} element; every label that came from data is escaped by the writer.
 */
public final class Plots {
  /** Series colours (Tableau 10), distinguishable in common colour-vision deficiencies. */
  static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1"};

  private static final double WIDTH = 860;
  private static final double LABEL_RIGHT = 200;
  private static final double PLOT_LEFT = 210;
  private static final double PLOT_RIGHT = 640;
  private static final double ROW = 26;
  private static final int CDF_POINTS = 400;
  private static final double LEGEND_LINE = 18;
  /** Series of at most this many points get a marker per point in {@link #line}. */
  static final int LINE_MARKERS = 60;

  private Plots() {}

  /**
   * Points with intervals, one row each. With {@code ownScales} every row has its own scale,
   * symmetric around 0 so that zero lines up (a forest plot of differences in different units);
   * otherwise all rows share one axis with ticks, and {@code reference} (NaN for none) is drawn as
   * a vertical line.
   */
  public static String intervals(String title, List<PlotRow> rows, boolean ownScales, double reference) {
    double height = 30 + rows.size() * ROW + (ownScales ? 10 : 30);
    SvgWriter svg = new SvgWriter(WIDTH, height, title);
    Scale shared = null;
    if (!ownScales) {
      double lo = Double.isNaN(reference) ? Double.POSITIVE_INFINITY : reference;
      double hi = Double.isNaN(reference) ? Double.NEGATIVE_INFINITY : reference;
      for (PlotRow r : rows) {
        lo = Math.min(lo, low(r));
        hi = Math.max(hi, high(r));
      }
      if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
        lo = 0;
        hi = 1;
      }
      double pad = (hi - lo) * 0.05;
      shared = new Scale(lo - pad, hi + pad, PLOT_LEFT, PLOT_RIGHT);
      double axisY = 30 + rows.size() * ROW;
      svg.element("line", "x1", PLOT_LEFT, "y1", axisY, "x2", PLOT_RIGHT, "y2", axisY, "stroke", "#999");
      for (double t : shared.ticks(6)) {
        double x = shared.map(t);
        svg.element("line", "x1", x, "y1", axisY, "x2", x, "y2", axisY + 4, "stroke", "#999");
        svg.text(x, axisY + 16, Scale.label(t), "text-anchor", "middle", "class", "tick");
      }
      if (!Double.isNaN(reference)) {
        double x = shared.map(reference);
        svg.element("line", "x1", x, "y1", 20, "x2", x, "y2", axisY, "stroke", "#555", "stroke-dasharray", "2 3");
      }
    } else {
      double x = (PLOT_LEFT + PLOT_RIGHT) / 2;
      svg.element("line", "x1", x, "y1", 20, "x2", x, "y2", 30 + rows.size() * ROW, "stroke", "#555",
          "stroke-dasharray", "2 3");
      svg.text(x, 14, "0", "text-anchor", "middle", "class", "tick");
    }
    svg.text(WIDTH - 5, 14, "estimate [interval]", "text-anchor", "end", "class", "tick");
    for (int i = 0; i < rows.size(); i++) {
      PlotRow r = rows.get(i);
      double y = 30 + i * ROW + ROW / 2;
      Scale s = shared;
      if (s == null) {
        double m = Math.max(Math.max(Math.abs(low(r)), Math.abs(high(r))),
            Double.isNaN(r.marker()) ? 0 : Math.abs(r.marker()));
        m = m > 0 && Double.isFinite(m) ? m * 1.15 : 1;
        s = new Scale(-m, m, PLOT_LEFT, PLOT_RIGHT);
      }
      if (i % 2 == 0) {
        svg.element("rect", "x", 0, "y", y - ROW / 2, "width", WIDTH, "height", ROW, "fill", "#f6f7f9");
      }
      svg.text(LABEL_RIGHT, y + 4, r.label(), "text-anchor", "end");
      Estimate e = r.estimate();
      svg.open("g", "class", "row");
      svg.tooltip(r.label() + ": " + Format.estimate(e));
      if (e.ci() != null) {
        svg.element("line", "x1", clamp(s.map(e.ci().lower())), "y1", y, "x2", clamp(s.map(e.ci().upper())), "y2", y,
            "stroke", "#333", "stroke-width", 2);
      }
      if (Double.isFinite(e.value())) {
        svg.element("circle", "cx", clamp(s.map(e.value())), "cy", y, "r", 4.5, "fill", toneColour(r.tone()));
      }
      svg.close("g");
      if (!Double.isNaN(r.marker())) {
        double x = clamp(s.map(r.marker()));
        svg.open("g", "class", "margin");
        svg.tooltip("gate boundary " + Format.num(r.marker()));
        svg.element("line", "x1", x, "y1", y - 9, "x2", x, "y2", y + 9, "stroke", "#c0392b", "stroke-width", 2,
            "stroke-dasharray", "3 2");
        svg.close("g");
      }
      svg.text(WIDTH - 5, y + 4, Format.estimate(e), "text-anchor", "end", "class", "num");
    }
    return svg.finish();
  }

  private static double low(PlotRow r) {
    Estimate e = r.estimate();
    double v = e.ci() == null ? e.value() : e.ci().lower();
    return Double.isNaN(r.marker()) ? v : Math.min(v, r.marker());
  }

  private static double high(PlotRow r) {
    Estimate e = r.estimate();
    double v = e.ci() == null ? e.value() : e.ci().upper();
    return Double.isNaN(r.marker()) ? v : Math.max(v, r.marker());
  }

  private static double clamp(double x) {
    return Math.max(PLOT_LEFT - 5, Math.min(PLOT_RIGHT + 5, x));
  }

  private static String toneColour(String tone) {
    return switch (tone) {
      case "good" -> "#2e7d32";
      case "bad" -> "#c62828";
      default -> "#4e79a7";
    };
  }

  /**
   * Empirical CDFs of latency, one line per system. The x axis ends at the largest 99th
   * percentile so one slow outlier does not flatten every curve; the caption says so.
   *
   * @param series system label to its latencies, sorted ascending (empty arrays are skipped)
   */
  public static String cdf(String title, Map<String, double[]> series) {
    double w = 720;
    long shown = series.values().stream().filter(v -> v.length > 0).count();
    // One legend line per series under the axis label: labels are long (system and run id), so
    // side by side they ran into each other.
    double bottom = 240;
    double h = bottom + 52 + LEGEND_LINE * shown;
    double left = 60;
    double right = w - 20;
    double top = 20;
    double xmax = 0;
    for (double[] v : series.values()) {
      if (v.length > 0) {
        xmax = Math.max(xmax, quantile(v, 0.99));
      }
    }
    Scale x = new Scale(0, xmax > 0 ? xmax : 1, left, right);
    Scale y = new Scale(0, 1, bottom, top);
    SvgWriter svg = new SvgWriter(w, h, title);
    axes(svg, x, y, left, right, top, bottom, "latency (ms), axis ends at the largest p99", "fraction ≤ x");
    int k = 0;
    for (Map.Entry<String, double[]> s : series.entrySet()) {
      double[] v = s.getValue();
      if (v.length == 0) {
        continue;
      }
      String colour = PALETTE[k % PALETTE.length];
      StringBuilder pts = new StringBuilder();
      int points = Math.min(CDF_POINTS, v.length);
      for (int i = 0; i <= points; i++) {
        double p = (double) i / points;
        double q = i == 0 ? v[0] : quantile(v, p);
        if (q > x.hi()) {
          pts.append(SvgWriter.num(right)).append(',').append(SvgWriter.num(y.map(p))).append(' ');
          break;
        }
        pts.append(SvgWriter.num(x.map(q))).append(',').append(SvgWriter.num(y.map(p))).append(' ');
      }
      svg.open("g", "class", "series");
      svg.tooltip(s.getKey() + ": median " + Format.num(quantile(v, 0.5)) + " ms, p95 " + Format.num(quantile(v, 0.95))
          + " ms, n " + v.length);
      svg.element("polyline", "points", pts.toString().trim(), "fill", "none", "stroke", colour, "stroke-width", 2);
      svg.close("g");
      double ly = bottom + 52 + LEGEND_LINE * k;
      svg.element("rect", "x", left, "y", ly - 10, "width", 12, "height", 12, "fill", colour);
      svg.text(left + 18, ly, s.getKey());
      k++;
    }
    return svg.finish();
  }

  /**
   * One series as a line over its x values (a metric's history over training steps). Points whose x
   * or y is not finite (NaN, infinite) cannot be placed: they are left out and the caption counts
   * them. Up to {@value #LINE_MARKERS} points are also drawn as markers, so a history of one or two
   * values is visible.
   *
   * @param xs the x values in the order logged; not necessarily increasing (a client may log steps
   *     out of order), so the line joins the points in x order
   * @param ys the y values, as many as {@code xs}
   */
  public static String line(String title, String xLabel, String yLabel, double[] xs, double[] ys) {
    if (xs.length != ys.length) {
      throw new IllegalArgumentException("xs and ys differ in length: " + xs.length + " and " + ys.length);
    }
    Integer[] order = new Integer[xs.length];
    int placed = 0;
    for (int i = 0; i < xs.length; i++) {
      if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
        order[placed++] = i;
      }
    }
    Integer[] shown = java.util.Arrays.copyOf(order, placed);
    // Stable, so equal steps keep the order they were logged in.
    java.util.Arrays.sort(shown, java.util.Comparator.comparingDouble(i -> xs[i]));
    double xlo = Double.POSITIVE_INFINITY;
    double xhi = Double.NEGATIVE_INFINITY;
    double ylo = Double.POSITIVE_INFINITY;
    double yhi = Double.NEGATIVE_INFINITY;
    for (int i : shown) {
      xlo = Math.min(xlo, xs[i]);
      xhi = Math.max(xhi, xs[i]);
      ylo = Math.min(ylo, ys[i]);
      yhi = Math.max(yhi, ys[i]);
    }
    if (placed == 0) {
      xlo = 0;
      xhi = 1;
      ylo = 0;
      yhi = 1;
    }
    double pad = (yhi - ylo) * 0.05;
    double w = 560;
    double left = 64;
    double right = w - 16;
    double top = 24;
    double bottom = 200;
    Scale x = new Scale(xlo, xhi, left, right);
    Scale y = new Scale(ylo - pad, yhi + pad, bottom, top);
    SvgWriter svg = new SvgWriter(w, bottom + 44, title);
    axes(svg, x, y, left, right, top, bottom, xLabel, yLabel);
    int left0 = xs.length - placed;
    svg.text(left, 14, placed + (placed == 1 ? " value" : " values")
        + (left0 == 0 ? "" : "; " + left0 + " not finite, not drawn"), "class", "tick");
    StringBuilder pts = new StringBuilder();
    for (int i : shown) {
      pts.append(SvgWriter.num(x.map(xs[i]))).append(',').append(SvgWriter.num(y.map(ys[i]))).append(' ');
    }
    svg.open("g", "class", "series");
    svg.tooltip(title + ": " + placed + " values" + (placed == 0 ? ""
        : ", last " + Format.num(ys[shown[placed - 1]]) + " at " + Format.num(xs[shown[placed - 1]])));
    if (placed > 1) {
      svg.element("polyline", "points", pts.toString().trim(), "fill", "none", "stroke", PALETTE[0], "stroke-width", 2);
    }
    if (placed <= LINE_MARKERS) {
      for (int i : shown) {
        svg.element("circle", "cx", x.map(xs[i]), "cy", y.map(ys[i]), "r", 3, "fill", PALETTE[0]);
      }
    }
    svg.close("g");
    return svg.finish();
  }

  /** The {@code p}-quantile of sorted values: assay's one definition ({@link Percentiles}, numpy's default). */
  static double quantile(double[] sorted, double p) {
    return Percentiles.linear(sorted, p);
  }

  /** A reliability diagram: accuracy per confidence bin as bars, the diagonal of perfect calibration. */
  public static String reliability(String title, Reliability rel) {
    double w = 380;
    double h = 380;
    double left = 50;
    double right = w - 20;
    double top = 34;
    double bottom = h - 50;
    Scale x = new Scale(0, 1, left, right);
    Scale y = new Scale(0, 1, bottom, top);
    SvgWriter svg = new SvgWriter(w, h, title);
    axes(svg, x, y, left, right, top, bottom, "confidence", "accuracy");
    svg.element("line", "x1", x.map(0), "y1", y.map(0), "x2", x.map(1), "y2", y.map(1), "stroke", "#999",
        "stroke-dasharray", "4 3");
    for (ReliabilityBin b : rel.bins()) {
      if (b.count() <= 0) {
        continue;
      }
      double x0 = x.map(b.lower());
      double x1 = x.map(b.upper());
      svg.open("g", "class", "bin");
      svg.tooltip(String.format(java.util.Locale.ROOT, "confidence %s–%s: accuracy %s, mean confidence %s, n %s",
          Format.num(b.lower()), Format.num(b.upper()), Format.num(b.accuracy()), Format.num(b.meanConfidence()),
          Format.num(b.count())));
      svg.element("rect", "x", x0 + 1, "y", y.map(b.accuracy()), "width", Math.max(1, x1 - x0 - 2), "height",
          bottom - y.map(b.accuracy()), "fill", PALETTE[0], "fill-opacity", 0.8);
      svg.element("circle", "cx", x.map(b.meanConfidence()), "cy", y.map(b.meanConfidence()), "r", 2.5, "fill", "#c0392b");
      svg.close("g");
      // How many examples the bar rests on: a bar of 3 says little, one of 3,000 a lot.
      svg.text((x0 + x1) / 2, y.map(b.accuracy()) - 3, Format.count(b.count()), "text-anchor", "middle", "class",
          "tick bin-count");
    }
    svg.text(left, 14, "ECE " + Format.num(rel.ece()) + "; numbers: examples per bin", "class", "tick");
    return svg.finish();
  }

  /** A confusion-matrix heat map: cells shaded by the share of their true-label row. */
  public static String heatmap(String title, ConfusionMatrix m) {
    int k = m.size();
    double cell = Math.max(18, Math.min(44, 440.0 / k));
    double left = 120;
    double top = 40;
    double w = left + k * cell + 20;
    double h = top + k * cell + 90;
    SvgWriter svg = new SvgWriter(w, h, title);
    List<String> labels = m.labels();
    svg.text(left + k * cell / 2, 14, "predicted", "text-anchor", "middle", "class", "tick");
    for (int t = 0; t < k; t++) {
      double row = m.trueTotal(t);
      svg.text(left - 6, top + t * cell + cell / 2 + 4, short12(labels.get(t)), "text-anchor", "end");
      for (int p = 0; p < k; p++) {
        double c = m.count(t, p);
        double share = row > 0 ? c / row : 0;
        double x = left + p * cell;
        double y = top + t * cell;
        svg.open("g", "class", "cell");
        svg.tooltip("true " + labels.get(t) + ", predicted " + labels.get(p) + ": " + Format.num(c));
        double opacity = 0.08 + 0.85 * share;
        svg.element("rect", "x", x, "y", y, "width", cell - 1, "height", cell - 1,
            "fill", t == p ? "#2e7d32" : "#c62828", "fill-opacity", opacity);
        if (cell >= 26) {
          // White on the dark cells, near-black on the light ones: readable at every share.
          svg.text(x + cell / 2, y + cell / 2 + 4, Format.count(c), "text-anchor", "middle", "class",
              opacity > 0.5 ? "count on-dark" : "count on-light");
        }
        svg.close("g");
      }
    }
    for (int p = 0; p < k; p++) {
      double x = left + p * cell + cell / 2;
      double y = top + k * cell + 8;
      svg.text(x, y, short12(labels.get(p)), "text-anchor", "end",
          "transform", "rotate(-45 " + SvgWriter.num(x) + " " + SvgWriter.num(y) + ")");
    }
    svg.text(14, top + k * cell / 2, "true", "class", "tick",
        "transform", "rotate(-90 14 " + SvgWriter.num(top + k * cell / 2) + ")");
    return svg.finish();
  }

  private static String short12(String s) {
    return s.length() <= 12 ? s : s.substring(0, 11) + "…";
  }

  private static void axes(SvgWriter svg, Scale x, Scale y, double left, double right, double top, double bottom,
      String xLabel, String yLabel) {
    svg.element("line", "x1", left, "y1", bottom, "x2", right, "y2", bottom, "stroke", "#999");
    svg.element("line", "x1", left, "y1", top, "x2", left, "y2", bottom, "stroke", "#999");
    for (double t : x.ticks(6)) {
      double px = x.map(t);
      svg.element("line", "x1", px, "y1", bottom, "x2", px, "y2", bottom + 4, "stroke", "#999");
      svg.text(px, bottom + 16, Scale.label(t), "text-anchor", "middle", "class", "tick");
    }
    for (double t : y.ticks(5)) {
      double py = y.map(t);
      svg.element("line", "x1", left - 4, "y1", py, "x2", right, "y2", py, "stroke", "#eee");
      svg.text(left - 6, py + 4, Scale.label(t), "text-anchor", "end", "class", "tick");
    }
    svg.text((left + right) / 2, bottom + 32, xLabel, "text-anchor", "middle", "class", "tick");
    svg.text(12, (top + bottom) / 2, yLabel, "text-anchor", "middle", "class", "tick",
        "transform", "rotate(-90 12 " + SvgWriter.num((top + bottom) / 2) + ")");
  }
}
