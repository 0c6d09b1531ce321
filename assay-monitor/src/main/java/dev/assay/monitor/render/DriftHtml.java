package dev.assay.monitor.render;

import dev.assay.monitor.drift.ColumnDrift;
import dev.assay.monitor.drift.DriftReport;
import dev.assay.monitor.profile.CategoricalProfile;
import dev.assay.monitor.profile.ColumnProfile;
import dev.assay.monitor.profile.NumericProfile;
import dev.assay.monitor.profile.TextProfile;
import dev.assay.monitor.profile.Profile;
import dev.assay.report.Format;
import dev.assay.report.Html;
import dev.assay.report.HtmlPage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A drift check as one self-contained HTML page (assay's page frame: inline CSS and SVG, a
 * Content-Security-Policy that forbids every fetch): per window a summary, the findings table and,
 * for every drifted finding a reference-versus-current bar chart: shares per reference decile bin
 * (numeric), per label (categorical), per decile of cosine similarity to the reference's embedding
 * centroid (text), and the missing-or-invalid share (a drifted missing share).
 */
public final class DriftHtml {
  private static final int MAX_LABELS = 12;

  private DriftHtml() {}

  /**
   * @param currents the current profile of each report, in the same order
   */
  public static String render(List<DriftReport> reports, Profile reference, List<Profile> currents) {
    StringBuilder b = new StringBuilder("<style>td.n{white-space:nowrap}</style>\n");
    boolean any = reports.stream().anyMatch(DriftReport::drifted);
    b.append("<p><span class=\"verdict ").append(any ? "FAIL" : "PASS").append("\">")
        .append(any ? "DRIFT" : "NO DRIFT").append("</span> ")
        .append(Html.text(reports.size() + (reports.size() == 1 ? " check" : " windows") + " of "
            + reports.get(0).current() + " against the profile of " + reference.source()))
        .append("</p>\n");
    Map<String, ColumnProfile> ref = reference.byName();
    for (int i = 0; i < reports.size(); i++) {
      DriftReport r = reports.get(i);
      Map<String, ColumnProfile> cur = currents.get(i).byName();
      b.append("<h2>").append(Html.text(r.window() == null ? "Findings" : "Window " + r.window())).append("</h2>\n");
      b.append("<p>").append(Html.text(r.currentRows() + " rows against " + r.referenceRows() + " reference rows; "
          + r.hypotheses() + " hypotheses, Benjamini-Hochberg at q = " + Format.num(r.q()) + "; a finding drifts when "
          + "its adjusted p-value is at most q and its effect size reaches the threshold.")).append("</p>\n");
      b.append("<table><tr><th></th><th>column</th><th>type</th><th>aspect</th><th>test</th><th>p</th>"
          + "<th>adjusted p</th><th>effect</th><th>threshold</th><th>note</th></tr>\n");
      for (ColumnDrift d : r.results()) {
        b.append("<tr><td>").append(d.drifted() ? "<strong>DRIFT</strong>" : "ok").append("</td><td>")
            .append(Html.text(d.column())).append("</td><td>").append(d.type()).append("</td><td>").append(d.aspect())
            .append("</td><td>").append(Html.text(d.test() == null ? "–" : d.test())).append("</td><td class=\"n\">")
            .append(Numbers.p(d.pValue())).append("</td><td class=\"n\">").append(Numbers.p(d.adjustedP()))
            .append("</td><td>").append(Html.text(d.effect() + " " + Format.num(d.effectSize())))
            .append("</td><td class=\"n\">").append(Format.num(d.threshold())).append("</td><td>")
            .append(Html.text(d.note() == null ? "" : d.note())).append("</td></tr>\n");
      }
      b.append("</table>\n");
      if (!r.newColumns().isEmpty()) {
        b.append("<p class=\"note\">").append(Html.text("New columns not in the reference: "
            + String.join(", ", r.newColumns()))).append("</p>\n");
      }
      List<String> plots = new ArrayList<>();
      for (ColumnDrift d : r.driftedColumns()) {
        ColumnProfile rc = ref.get(d.column());
        ColumnProfile cc = cur.get(d.column());
        String plot = rc == null || cc == null ? null : switch (d.aspect()) {
          case "distribution" -> plot(rc, cc);
          case "missing" -> missingPlot(rc, cc);
          default -> null;
        };
        if (plot != null) {
          plots.add(plot);
        }
      }
      if (!plots.isEmpty()) {
        b.append("<h3>Drifted columns: reference against current</h3>\n<div class=\"plots\">\n");
        plots.forEach(p -> b.append(p).append('\n'));
        b.append("</div>\n");
      }
    }
    return HtmlPage.render("assay drift check", b.toString(), null);
  }

  private static String plot(ColumnProfile r, ColumnProfile c) {
    if (r instanceof NumericProfile n && c instanceof NumericProfile m) {
      List<String> labels = new ArrayList<>();
      double[] e = n.edges();
      for (int i = 0; i <= e.length; i++) {
        labels.add(i == 0 ? "< " + Format.num(e[0]) : i == e.length ? "≥ " + Format.num(e[e.length - 1])
            : Format.num(e[i - 1]) + "–" + Format.num(e[i]));
      }
      if (e.length == 0) {
        labels = List.of("all");
      }
      return SharesPlot.render(n.name() + ": share per reference quantile bin", labels, n.bins(), m.bins());
    }
    if (r instanceof CategoricalProfile k && c instanceof CategoricalProfile l) {
      List<String> labels = new ArrayList<>();
      List<Long> a = new ArrayList<>();
      List<Long> bb = new ArrayList<>();
      long restA = k.other();
      long restB = l.other();
      int i = 0;
      for (Map.Entry<String, Long> en : k.categories().entrySet()) {
        long cur = l.categories().getOrDefault(en.getKey(), 0L);
        if (i++ < MAX_LABELS) {
          labels.add(en.getKey());
          a.add(en.getValue());
          bb.add(cur);
        } else {
          restA += en.getValue();
          restB += cur;
        }
      }
      labels.add("other");
      a.add(restA);
      bb.add(restB);
      return SharesPlot.render(k.name() + ": share per label", labels, a.stream().mapToLong(Long::longValue).toArray(),
          bb.stream().mapToLong(Long::longValue).toArray());
    }
    if (r instanceof TextProfile t && c instanceof TextProfile u && t.embeddings().length > 0
        && u.embeddings().length > 0) {
      return textPlot(t, u);
    }
    return null;
  }

  /** Present against missing-or-invalid shares. */
  private static String missingPlot(ColumnProfile r, ColumnProfile c) {
    return SharesPlot.render(r.name() + ": present against missing or invalid", List.of("present",
        "missing or invalid"), new long[] {r.count(), r.missing() + r.invalid()},
        new long[] {c.count(), c.missing() + c.invalid()});
  }

  /**
   * Embeddings can't be drawn directly; their cosine similarity to the reference centroid can. Bands
   * are the deciles of the reference sample's similarities, so the reference's bars are about equal
   * and a current sample that talks about something else piles up in the low-similarity bands.
   */
  static String textPlot(TextProfile r, TextProfile c) {
    double[] refSim = similarities(r.embeddings(), r.centroid());
    double[] curSim = similarities(c.embeddings(), r.centroid());
    double[] sorted = refSim.clone();
    Arrays.sort(sorted);
    double[] edges = NumericProfile.edgesFrom(sorted, 10);
    long[] a = new long[edges.length + 1];
    long[] bb = new long[edges.length + 1];
    for (double v : refSim) {
      a[NumericProfile.bin(edges, v)]++;
    }
    for (double v : curSim) {
      bb[NumericProfile.bin(edges, v)]++;
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i <= edges.length; i++) {
      labels.add(edges.length == 0 ? "all" : i == 0 ? "< " + Format.num(edges[0]) : i == edges.length
          ? "≥ " + Format.num(edges[i - 1]) : Format.num(edges[i - 1]) + "–" + Format.num(edges[i]));
    }
    return SharesPlot.render(r.name() + ": share per band of similarity to the reference centroid", labels, a, bb);
  }

  private static double[] similarities(float[][] embeddings, double[] centroid) {
    double cn = 0;
    for (double v : centroid) {
      cn += v * v;
    }
    cn = Math.sqrt(cn);
    double[] out = new double[embeddings.length];
    for (int i = 0; i < embeddings.length; i++) {
      double dot = 0;
      double en = 0;
      for (int j = 0; j < centroid.length; j++) {
        dot += embeddings[i][j] * centroid[j];
        en += (double) embeddings[i][j] * embeddings[i][j];
      }
      out[i] = en == 0 || cn == 0 ? 0 : dot / (Math.sqrt(en) * cn);
    }
    return out;
  }
}
