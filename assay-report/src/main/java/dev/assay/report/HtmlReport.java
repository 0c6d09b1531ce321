package dev.assay.report;

import dev.assay.core.text.HumanTime;
import dev.assay.core.text.SafeText;
import dev.assay.core.Example;
import dev.assay.core.RunRecord;
import dev.assay.gate.CalibrationStatus;
import dev.assay.gate.Comparison;
import dev.assay.gate.GateResult;
import dev.assay.gate.PairedMetric;
import dev.assay.gate.Rule;
import dev.assay.gate.RuleOutcome;
import dev.assay.gate.RunEstimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders a {@link ReportInput} as one self-contained HTML page (docs/reports.md describes each
 * section). Every piece of run or dataset content passes through {@link Html}; the only script is
 * the tag filter of the flipped-examples table.
 */
public final class HtmlReport {
  /** Characters of an input, reference or output shown per cell; the rest is summarised. */
  static final int CELL_CHARS = 2000;

  /** The adapter of pre-recorded outputs, whose latencies assay did not measure. */
  static final String PRE_RECORDED = "predictions";

  static final String FILTER_SCRIPT = "(function(){var s=document.getElementById('flip-filter');if(!s)return;"
      + "s.addEventListener('change',function(){var v=s.value;"
      + "document.querySelectorAll('tr[data-tags]').forEach(function(r){"
      + "r.hidden=v!==''&&r.getAttribute('data-tags').split('\\n').indexOf(v)<0;});});})();";

  private final ReportInput in;

  public HtmlReport(ReportInput in) {
    this.in = in;
  }

  public String render() {
    return HtmlPage.render(title(), body(), in.isComparison() && in.primaryMetric() != null && in.data().available()
        ? FILTER_SCRIPT : null);
  }

  /** The page title: which systems the report is about. */
  public String title() {
    return in.isComparison()
        ? "assay report: " + in.candidate().name() + " vs " + in.baseline().name()
        : "assay report: " + in.baseline().name();
  }

  /**
   * The report's sections without the page frame or script, for embedding in another page (the
   * server's UI); every untrusted piece is escaped. The flip filter ({@code #flip-filter}) then needs
   * the embedding page's own script.
   */
  public String body() {
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append(header());
    b.append(systems());
    if (in.gate() != null) {
      b.append(verdict(in.gate()));
    }
    b.append(metrics());
    String primary = in.primaryMetric();
    b.append(slices(primary));
    b.append(latency());
    b.append(classifiers());
    if (in.isComparison() && primary != null) {
      b.append(flips(primary));
    }
    b.append(lineage());
    return b.toString();
  }

  private String header() {
    StringBuilder b = new StringBuilder("<p>");
    if (in.isComparison()) {
      b.append("Baseline <b>").append(Html.text(in.baseline().label())).append("</b>, candidate <b>")
          .append(Html.text(in.candidate().label())).append("</b>: ")
          .append(in.comparison().n()).append(" paired examples (").append(in.comparison().onlyBaseline())
          .append(" only in the baseline, ").append(in.comparison().onlyCandidate()).append(" only in the candidate).");
      if (!in.comparison().resampling().equals("example")) {
        b.append(" Intervals and tests resample <b>").append(in.comparison().units()).append(" clusters</b> (")
            .append(Html.text(in.comparison().resampling())).append("), not examples.");
      }
    } else {
      b.append("Run <b>").append(Html.text(in.baseline().label())).append("</b>: ")
          .append(in.baseline().scores().size()).append(" scored examples.");
    }
    b.append("</p>\n");
    if (!in.data().available()) {
      b.append("<p class=\"note\">").append(Html.text(in.data().note())).append("</p>\n");
    }
    return b.toString();
  }

  /** What was compared: each run's adapter and parameters, credentials redacted ({@link SystemRows}). */
  private String systems() {
    List<RunView> views = in.runs().stream().filter(RunView::hasRun).toList();
    if (views.isEmpty()) {
      return "";
    }
    String[] head = new String[views.size() + 1];
    head[0] = "";
    for (int i = 0; i < views.size(); i++) {
      head[i + 1] = (!in.isComparison() ? "" : views.get(i) == in.baseline() ? "baseline: " : "candidate: ")
          + views.get(i).name();
    }
    HtmlTable t = new HtmlTable("systems", head);
    SystemRows.of(views.stream().map(RunView::run).toList()).forEach(t::row);
    return "<h2 id=\"systems\">Systems</h2>\n" + t.html();
  }

  private String verdict(GateResult g) {
    StringBuilder b = new StringBuilder("<h2 id=\"verdict\">Verdict</h2>\n");
    b.append("<p><span class=\"verdict ").append(g.verdict().name()).append("\">").append(g.verdict().name())
        .append("</span> at ").append(Format.percent(g.gate().confidence())).append(" confidence, multiplicity ")
        .append(Html.text(g.gate().multiplicity().wire())).append(", gate sha256 <code>").append(Html.text(g.gate().hash()))
        .append("</code>.</p>\n<p>Pre-registered: <b>").append(in.preRegistered() ? "yes" : "no")
        .append("</b> (").append(Html.text(g.plan().status().label())).append(": ").append(Html.text(g.plan().reason()))
        .append(in.preRegistered() ? "" : "; a gate not frozen in a plan before the runs could have been chosen"
            + " after seeing the results").append(").</p>\n");
    if (g.plan().plan() != null) {
      b.append("<p>Hypothesis of plan <code>").append(Html.text(g.plan().plan().shortHash())).append("</code> (")
          .append(Html.text(HumanTime.of(g.plan().plan().createdAt()))).append("): <q>")
          .append(Html.text(g.plan().plan().hypothesis())).append("</q></p>\n");
    }
    HtmlTable t = new HtmlTable(null, "rule", "metric", "margin", "estimate", "interval", "adjusted p", "verdict",
        "reason");
    for (RuleOutcome r : g.rules()) {
      Outcomes cells = Outcomes.of(r, Outcomes.Style.REPORT, "–");
      t.row(r.rule().kind(), r.rule().metric(), r.rule().marginText(), cells.estimate(), cells.interval(),
          cells.adjustedP(), r.verdict().name(), r.reason());
    }
    b.append(t.html());
    if (!g.calibrations().isEmpty()) {
      // A gate that requires calibrated judges says which calibration it found (docs/judges.md).
      b.append("<h3 id=\"calibration\">Judge calibration</h3>\n");
      HtmlTable c = new HtmlTable(null, "metric", "labels", "min κ", "κ", "calibration", "status", "reason");
      for (CalibrationStatus s : g.calibrations()) {
        c.row(s.requirement().metric(), s.requirement().labels(),
            Format.num(s.requirement().minKappa()) + (s.requirement().weights().wire().equals("none") ? ""
                : " (" + s.requirement().weights().wire() + ")"),
            s.calibration() == null ? "–" : Format.num(s.calibration().kappa().containsKey(
                s.requirement().weights().wire()) ? s.calibration().kappa().get(s.requirement().weights().wire())
                .estimate() : Double.NaN),
            s.calibration() == null ? "none" : s.calibration().shortId(), s.met() ? "met" : "NOT MET", s.reason());
      }
      b.append(c.html());
    }
    return b.toString();
  }

  private String metrics() {
    StringBuilder b = new StringBuilder("<h2 id=\"metrics\">Metrics</h2>\n");
    if (in.isComparison()) {
      List<Comparison> cs = in.comparison().comparisons();
      String level = cs.isEmpty() ? "" : Format.percent(cs.get(0).ci().confidence()) + " ";
      HtmlTable t = new HtmlTable(null, "metric", "better", "n", "statistic", "baseline", "candidate", "difference",
          level + "interval", "p (difference ≠ 0)", "test", "interval method");
      List<PlotRow> rows = new ArrayList<>();
      for (Comparison c : cs) {
        t.row(c.name(), c.direction().wire(), Integer.toString(c.n()), c.statistic(), Format.num(c.baseline()),
            Format.num(c.candidate()), Format.signed(c.difference()), Format.interval(c.ci()), Format.num(c.pValue()),
            c.test(), c.intervalMethod());
        rows.add(new PlotRow(c.name() + " (" + c.direction().wire() + ")",
            new Estimate(c.difference(), c.ci(), c.n(), c.intervalMethod()), boundary(c.name()), tone(c)));
      }
      b.append(t.html());
      b.append("<h3>Paired differences (candidate − baseline)</h3>\n<p class=\"note\">Each row has its own scale,"
          + " centred on zero; red dashes mark gate boundaries.</p>\n");
      b.append(Plots.intervals("Forest plot of paired differences", rows, true, Double.NaN));
    } else {
      HtmlTable t = new HtmlTable(null, "metric", "statistic", "n", "value",
          Format.percent(in.confidence()) + " interval", "method");
      for (RunEstimate e : in.estimates()) {
        t.row(e.metric().name(), e.metric().kind().wire(), Integer.toString(e.n()), Format.num(e.value()),
            Format.interval(e.ci()), e.method());
      }
      b.append(t.html());
    }
    return b.toString();
  }

  private double boundary(String metric) {
    if (in.gate() == null) {
      return Double.NaN;
    }
    for (RuleOutcome r : in.gate().rules()) {
      if (r.rule().metric().equals(metric) && r.rule() instanceof Rule.Paired
          && r instanceof RuleOutcome.IntervalOutcome o) {
        return o.boundary();
      }
    }
    return Double.NaN;
  }

  private static String tone(Comparison c) {
    if (c.ci().lower() > 0 || c.ci().upper() < 0) {
      return c.direction().improvement(c.difference()) > 0 ? "good" : "bad";
    }
    return "neutral";
  }

  static double[] values(RunView r, String metric) {
    List<String> ids = r.scores().idsWithValue(metric);
    double[] v = new double[ids.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.scores().value(ids.get(i), metric);
    }
    return v;
  }

  private String slices(String primary) {
    StringBuilder b = new StringBuilder("<h2 id=\"slices\">Slices</h2>\n");
    if (primary == null) {
      return b.append("<p class=\"note\">No metric to slice.</p>\n").toString();
    }
    if (!in.data().available()) {
      return b.append("<p class=\"note\">Slices need the example tags: ").append(Html.text(in.data().note()))
          .append("</p>\n").toString();
    }
    Slices.Result result = Slices.of(in.data(), in.baseline(), in.candidate(), primary, in.confidence());
    if (result.keys().isEmpty()) {
      b.append("<p class=\"note\">").append(result.notSliced().isEmpty() ? "The examples carry no tags."
          : "No tag cuts the examples into groups: " + Html.text(String.join(", ", result.notSliced())) + ".")
          .append("</p>\n");
      return b.toString();
    }
    String level = Format.percent(in.confidence());
    b.append("<p>Metric <b>").append(Html.text(primary)).append("</b> on every tag value, tags with few values first, with ")
        .append(level).append(" intervals: ").append(Html.text(Intervals.describe(in.isComparison()))).append(".");
    if (!result.notSliced().isEmpty()) {
      b.append(" Not sliced: ").append(Html.text(String.join(", ", result.notSliced()))).append('.');
    }
    b.append("</p>\n");
    for (Slices.Key key : result.keys()) {
      b.append("<h3>tag ").append(Html.text(key.key())).append(" <span class=\"muted\">(").append(key.values())
          .append(key.values() == 1 ? " value" : " values").append(")</span></h3>\n");
      HtmlTable t = in.isComparison()
          ? new HtmlTable(null, "slice", "n", "baseline", "candidate", "difference", level + " interval", "method")
          : new HtmlTable(null, "slice", "n", "mean", level + " interval", "method");
      List<PlotRow> plot = new ArrayList<>();
      for (SliceRow r : key.rows()) {
        if (in.isComparison()) {
          t.row(r.label(), Integer.toString(r.difference().n()), Format.num(r.baseline().value()),
              Format.num(r.candidate().value()), Format.signed(r.difference().value()), Format.interval(r.difference().ci()),
              r.difference().method());
          plot.add(new PlotRow(r.label(), r.difference(), Double.NaN, "neutral"));
        } else {
          t.row(r.label(), Integer.toString(r.baseline().n()), Format.num(r.baseline().value()),
              Format.interval(r.baseline().ci()), r.baseline().method());
          plot.add(new PlotRow(r.label(), r.baseline(), Double.NaN, "neutral"));
        }
      }
      b.append(t.html());
      if (key.omittedValues() > 0) {
        b.append("<p class=\"note\">").append(key.omittedValues()).append(" smaller slices of ")
            .append(Html.text(key.key())).append(" (").append(key.omittedExamples()).append(" examples) not shown.</p>\n");
      }
      b.append(Plots.intervals("Slices by " + key.key() + " of " + primary, plot, false,
          in.isComparison() ? 0 : Double.NaN));
    }
    return b.toString();
  }

  private String latency() {
    Map<String, double[]> series = new LinkedHashMap<>();
    List<String> recorded = new ArrayList<>();
    for (RunView r : in.runs()) {
      if (!r.hasRun()) {
        continue; // a score file has no latencies
      }
      if (PRE_RECORDED.equals(r.run().system().type())) {
        recorded.add(r.label());
        continue;
      }
      series.put(r.label(), r.sortedLatencies());
    }
    if (series.isEmpty()) {
      // Pre-recorded predictions and score files: assay timed no call, so there is nothing to show.
      return "";
    }
    StringBuilder b = new StringBuilder("<h2 id=\"latency\">Latency</h2>\n");
    if (!recorded.isEmpty()) {
      b.append("<p class=\"note\">Not shown: ").append(Html.text(String.join(", ", recorded)))
          .append(", pre-recorded predictions (assay timed no call).</p>\n");
    }
    if (series.values().stream().allMatch(v -> v.length == 0)) {
      return b.append("<p class=\"note\">No latencies recorded.</p>\n").toString();
    }
    HtmlTable t = new HtmlTable(null, "system", "n", "p50 ms", "p90 ms", "p95 ms", "p99 ms", "max ms");
    series.forEach((name, v) -> {
      if (v.length > 0) {
        t.row(name, Integer.toString(v.length), Format.num(Plots.quantile(v, 0.5)), Format.num(Plots.quantile(v, 0.9)),
            Format.num(Plots.quantile(v, 0.95)), Format.num(Plots.quantile(v, 0.99)), Format.num(v[v.length - 1]));
      }
    });
    return b.append(t.html()).append(Plots.cdf("Latency CDF per system", series)).toString();
  }

  private String classifiers() {
    StringBuilder b = new StringBuilder("<h2 id=\"classifier\">Classifier diagnostics</h2>\n");
    StringBuilder plots = new StringBuilder();
    for (RunView r : in.runs()) {
      if (!r.hasRun()) {
        b.append("<p class=\"note\">").append(Html.text(r.label())).append(": not shown, a score file has no outputs.</p>\n");
        continue;
      }
      ClassifierView.Detection d = ClassifierView.detect(r, in.data());
      if (d.view() == null) {
        b.append("<p class=\"note\">").append(Html.text(r.label())).append(": not shown, ").append(Html.text(d.note()))
            .append(".</p>\n");
        continue;
      }
      if (d.note() != null) {
        b.append("<p class=\"note\">").append(Html.text(r.label())).append(": ").append(Html.text(d.note()))
            .append(".</p>\n");
      }
      plots.append("<div><h3>").append(Html.text(r.label())).append("</h3>")
          .append(Plots.heatmap("Confusion matrix of " + r.label(), d.view().matrix()));
      if (d.view().reliability() != null) {
        plots.append(Plots.reliability("Reliability diagram of " + r.label(), d.view().reliability()));
      }
      plots.append("</div>");
    }
    if (plots.length() > 0) {
      b.append("<div class=\"plots\">").append(plots).append("</div>\n");
    }
    return b.toString();
  }

  private String flips(String primary) {
    StringBuilder b = new StringBuilder("<h2 id=\"flips\">Regressions and improvements</h2>\n");
    // Notes (a judge's rationale) are shown under each output.
    Comparison c = in.comparison().comparison(primary).orElseThrow();
    PairedMetric pm = in.pairing().values(primary);
    Flips f = Flips.of(pm, c.direction());
    b.append("<p>On <b>").append(Html.text(primary)).append("</b> (").append(c.direction().wire())
        .append(" is better): ").append(f.regressions().size()).append(" regressions, ")
        .append(f.improvements().size()).append(" improvements, ").append(pm.n() - f.total())
        .append(" unchanged.</p>\n");
    if (f.total() == 0) {
      return b.toString();
    }
    List<Flip> all = new ArrayList<>(f.regressions());
    all.addAll(f.improvements());
    List<Flip> shown = all.subList(0, Math.min(in.maxFlips(), all.size()));
    boolean tags = in.data().available();
    if (tags) {
      TreeSet<String> values = new TreeSet<>();
      shown.forEach(x -> in.data().tags(x.id()).forEach((k, v) -> values.add(k + "=" + v)));
      b.append("<p><label>Filter by tag: <select id=\"flip-filter\"><option value=\"\">all</option>");
      for (String v : values) {
        b.append("<option value=\"").append(Html.attr(v)).append("\">").append(Html.text(v)).append("</option>");
      }
      b.append("</select></label></p>\n");
    } else {
      b.append("<p class=\"note\">Inputs, references and tags: ").append(Html.text(in.data().note())).append("</p>\n");
    }
    HtmlTable t = new HtmlTable("flips", "example", "input", "reference", "baseline output", "candidate output");
    for (Flip x : shown) {
      Example e = in.data().example(x.id());
      Map<String, String> exTags = in.data().tags(x.id());
      String attr = tags ? " data-tags=\"" + Html.attr(String.join("\n", tagList(exTags))) + "\"" : "";
      String idCell = "<td class=\"id\"><b>" + (x.regression() ? "regression" : "improvement") + "</b><br>"
          + Html.text(x.id()) + "<br>" + Html.text(Format.num(x.baseline()) + " → " + Format.num(x.candidate()))
          + (exTags.isEmpty() ? "" : "<div class=\"tags\">" + Html.text(String.join(", ", tagList(exTags))) + "</div>")
          + "</td>";
      t.rawRow(attr, idCell, cell(e == null ? "(not available)" : e.inputText()),
          cell(e == null ? "(not available)" : e.reference() == null ? "(none)"
              : e.reference().isTextual() ? e.reference().textValue() : e.reference().toString()),
          outputCell(in.baseline(), x.id()), outputCell(in.candidate(), x.id()));
    }
    b.append(t.html());
    if (all.size() > shown.size()) {
      b.append(rest(all.subList(shown.size(), all.size())));
    }
    return b.toString();
  }

  /** The output, followed by the note its score of {@code metric} carries (a judge's rationale). */
  private static List<String> tagList(Map<String, String> tags) {
    List<String> out = new ArrayList<>();
    new TreeMap<>(tags).forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  private String rest(List<Flip> hidden) {
    long regressions = hidden.stream().filter(Flip::regression).count();
    StringBuilder b = new StringBuilder("<h3>Not shown</h3>\n<p>").append(hidden.size())
        .append(" more flipped examples (").append(regressions).append(" regressions, ")
        .append(hidden.size() - regressions).append(" improvements); raise <code>--max-flips</code> to list them.</p>\n");
    if (in.data().available()) {
      Map<String, long[]> byTag = new TreeMap<>();
      for (Flip f : hidden) {
        for (String t : tagList(in.data().tags(f.id()))) {
          byTag.computeIfAbsent(t, k -> new long[2])[f.regression() ? 0 : 1]++;
        }
      }
      if (!byTag.isEmpty()) {
        HtmlTable t = new HtmlTable(null, "tag", "regressions", "improvements");
        byTag.forEach((k, v) -> t.row(k, Long.toString(v[0]), Long.toString(v[1])));
        b.append(t.html());
      }
    }
    return b.toString();
  }

  /** An output, with the notes its scores carry below it (a judge's rationale). */
  private static String outputCell(RunView run, String id) {
    StringBuilder b = new StringBuilder("<td><pre>").append(Html.text(SafeText.truncate(run.outputText(id), CELL_CHARS)))
        .append("</pre>");
    run.notes(id).forEach((metric, note) -> b.append("<div class=\"rationale\"><b>").append(Html.text(metric))
        .append(" rationale:</b> ").append(Html.text(SafeText.truncate(note, CELL_CHARS))).append("</div>"));
    return b.append("</td>").toString();
  }

  private static String cell(String text) {
    return "<td><pre>" + Html.text(SafeText.truncate(text, CELL_CHARS)) + "</pre></td>";
  }

  private String lineage() {
    StringBuilder b = new StringBuilder("<h2 id=\"lineage\">Lineage</h2>\n");
    List<RunView> views = in.runs().stream().filter(RunView::hasRun).toList();
    if (views.size() < in.runs().size()) {
      b.append("<p class=\"note\">Score files carry no lineage (no suite, dataset hash, seed or versions): compare "
          + "runs to have it.</p>\n");
    }
    if (!views.isEmpty()) {
      List<RunRecord> runs = views.stream().map(RunView::run).toList();
      String[] head = new String[runs.size() + 1];
      head[0] = "";
      for (int i = 0; i < runs.size(); i++) {
        head[i + 1] = !in.isComparison() ? "run" : views.get(i) == in.baseline() ? "baseline" : "candidate";
      }
      HtmlTable t = new HtmlTable("lineage", head);
      LineageRows.of(runs).forEach(t::row);
      b.append(t.html());
    }
    if (in.gate() != null) {
      b.append("<p>Gate ").append(Html.text(in.gate().gate().source())).append(", sha256 <code>")
          .append(Html.text(in.gate().gate().hash())).append("</code>.</p>\n");
    }
    return b.toString();
  }

}
