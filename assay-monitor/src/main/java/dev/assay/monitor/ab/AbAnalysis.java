package dev.assay.monitor.ab;

import dev.assay.core.InputException;
import dev.assay.core.Verdict;
import dev.assay.monitor.data.Table;
import dev.assay.monitor.stats.ChiSquare;
import dev.assay.monitor.stats.Cuped;
import dev.assay.monitor.stats.Estimate;
import dev.assay.monitor.stats.MeanDifference;
import dev.assay.monitor.stats.MixtureSprt;
import dev.assay.monitor.stats.Moments;
import dev.assay.monitor.stats.RatioMetric;
import dev.assay.stats.hypothesis.TestResult;
import dev.assay.stats.multiplicity.HolmBonferroni;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an events table (one row per unit of randomisation) in one streaming pass and produces the
 * {@link AbReadout}. Memory: a few numbers per variant, metric and look, whatever the row count.
 *
 * <p>Per metric: Welch's t on the unit means (CUPED-adjusted when a pre-period covariate is
 * named), or the delta method for a ratio of per-unit sums; the relative lift by the delta method.
 * Each rule is judged as offline gates judge theirs (docs/gates.md): its interval-inversion
 * p-value is Holm-adjusted across the metrics; PASS when the adjusted p-value is at most 1 -
 * confidence, FAIL when the interval lies entirely at or short of the boundary, else INCONCLUSIVE.
 * With {@code sequential}, rules are judged on the always-valid confidence sequence instead (at
 * level α/k, Bonferroni across k metrics), which stays valid however often the readout is looked
 * at. A flagged sample-ratio mismatch withholds the verdict (INCONCLUSIVE): the groups are not
 * what the randomisation promised, so no difference between them can be trusted.
 */
public final class AbAnalysis {
  private final AbConfig config;

  public AbAnalysis(AbConfig config) {
    this.config = config;
  }

  public AbReadout analyze(Table table) {
    List<String> cols = table.columns();
    for (String c : config.columns()) {
      if (!cols.contains(c)) {
        throw new InputException(table.name(), 0, c, "no such column in the events",
            "one of " + String.join(", ", cols));
      }
    }
    int variantIdx = cols.indexOf(config.variant());
    int lookIdx = config.look() == null ? -1 : cols.indexOf(config.look());
    List<AbMetric> metrics = config.metrics();
    int k = metrics.size();
    int[][] idx = new int[k][3];
    for (int m = 0; m < k; m++) {
      AbMetric am = metrics.get(m);
      idx[m][0] = cols.indexOf(am.ratio() ? am.numerator() : am.column());
      idx[m][1] = am.ratio() ? cols.indexOf(am.denominator()) : am.covariate() == null ? -1 : cols.indexOf(am.covariate());
      idx[m][2] = am.ratio() ? 1 : 0;
    }
    // Per look (or one bucket), per variant (0 control, 1 treatment), per metric.
    Map<Object, Moments[][]> buckets = new HashMap<>();
    long[] units = new long[3];
    long[] missing = new long[k];
    boolean textual = table.textual();
    table.scan((values, line) -> {
      Object v = values[variantIdx];
      String label = v == null ? null : label(v);
      int g = config.control().equals(label) ? 0 : config.treatment().equals(label) ? 1 : 2;
      units[g]++;
      if (g == 2) {
        return;
      }
      Object key = lookIdx < 0 ? "" : lookKey(values[lookIdx], table.name(), line, config.look());
      Moments[][] b = buckets.computeIfAbsent(key, x -> newMoments(k));
      for (int m = 0; m < k; m++) {
        double a = number(values[idx[m][0]], textual, table.name(), line, cols.get(idx[m][0]));
        double c = idx[m][1] < 0 ? 0 : number(values[idx[m][1]], textual, table.name(), line, cols.get(idx[m][1]));
        if (Double.isNaN(a) || Double.isNaN(c)) {
          missing[m]++;
          continue;
        }
        b[g][m].add(a, c);
      }
    });
    if (units[0] + units[1] == 0) {
      throw new InputException(table.name(), 0, config.variant(), "no unit is in '" + config.control() + "' or '"
          + config.treatment() + "'", "rows whose " + config.variant() + " is one of the two labels");
    }
    List<Object> looks = new ArrayList<>(buckets.keySet());
    looks.sort(LOOK_ORDER);
    Moments[][] total = newMoments(k);
    List<Moments[][]> cumulative = new ArrayList<>();
    for (Object l : looks) {
      Moments[][] b = buckets.get(l);
      for (int g = 0; g < 2; g++) {
        for (int m = 0; m < k; m++) {
          total[g][m].merge(b[g][m]);
        }
      }
      cumulative.add(copy(total));
    }
    TestResult srm = ChiSquare.goodnessOfFit(new long[] {units[0], units[1]}, config.split());
    boolean srmFlagged = srm.pValue() < config.srmAlpha();
    double alpha = 1 - config.confidence();
    List<MetricReadout> readouts = new ArrayList<>();
    double[] p = new double[k];
    for (int m = 0; m < k; m++) {
      readouts.add(metric(metrics.get(m), total[1][m], total[0][m], missing[m], cumulative, m, k));
      p[m] = readouts.get(m).pValue();
    }
    double[] adj = HolmBonferroni.adjust(sanitize(p));
    List<MetricReadout> judged = new ArrayList<>();
    List<Verdict> verdicts = new ArrayList<>();
    for (int m = 0; m < k; m++) {
      MetricReadout r = judge(readouts.get(m), adj[m], alpha, k);
      judged.add(r);
      verdicts.add(r.verdict());
    }
    Verdict verdict = Verdict.combine(verdicts);
    String reason = switch (verdict) {
      case PASS -> "every rule passed";
      case FAIL -> "a rule failed: " + judged.stream().filter(r -> r.verdict() == Verdict.FAIL)
          .map(r -> r.metric().name()).reduce((a, b) -> a + ", " + b).orElse("");
      case INCONCLUSIVE -> "the evidence is too thin for: " + judged.stream()
          .filter(r -> r.verdict() == Verdict.INCONCLUSIVE).map(r -> r.metric().name())
          .reduce((a, b) -> a + ", " + b).orElse("");
    };
    if (srmFlagged) {
      verdict = Verdict.INCONCLUSIVE;
      reason = String.format(java.util.Locale.ROOT, "verdict withheld: sample ratio mismatch (p = %.3g < %s): "
          + "%d control and %d treatment units against a planned %s:%s split; find the cause before reading the metrics",
          srm.pValue(), config.srmAlpha(), units[0], units[1], trim(config.split()[0]), trim(config.split()[1]));
    }
    return new AbReadout(table.name(), config, units[0], units[1], units[2], srm, srmFlagged, judged, verdict,
        reason);
  }

  private MetricReadout metric(AbMetric am, Moments t, Moments c, long missing, List<Moments[][]> cumulative,
      int m, int k) {
    double conf = config.confidence();
    if (t.n() < 2 || c.n() < 2) {
      return new MetricReadout(am, Double.NaN, Double.NaN, c.n(), t.n(), missing, null, null, null, Double.NaN,
          Double.NaN, Double.NaN, 1, 1, null, Verdict.INCONCLUSIVE, "fewer than two units in a variant");
    }
    Estimate diff;
    Estimate raw;
    Estimate lift;
    double theta = Double.NaN;
    double reduction = Double.NaN;
    double cv;
    double tv;
    if (am.ratio()) {
      diff = RatioMetric.difference(t, c, conf);
      raw = diff;
      lift = RatioMetric.relativeLift(t, c, conf);
      cv = RatioMetric.ratio(c);
      tv = RatioMetric.ratio(t);
    } else {
      raw = MeanDifference.welch(t, c, conf);
      lift = MeanDifference.relativeLift(t, c, conf);
      cv = c.meanX();
      tv = t.meanX();
      if (am.covariate() != null) {
        Cuped cuped = Cuped.of(t, c, conf);
        diff = cuped.adjusted();
        lift = cuped.lift();
        theta = cuped.theta();
        reduction = cuped.varianceReduction();
      } else {
        diff = raw;
      }
    }
    double sign = am.lowerIsBetter() ? -1 : 1;
    double margin = am.margin().absolute(cv);
    // "Better by more than the boundary": superiority's boundary is +m, non-inferiority's is -m.
    double boundary = am.rule().equals("superiority") ? margin : -margin;
    Estimate better = new Estimate(sign * diff.estimate(), diff.standardError(), diff.interval() == null ? null
        : new dev.assay.stats.ConfidenceInterval(Math.min(sign * diff.interval().lower(), sign * diff.interval().upper()),
            Math.max(sign * diff.interval().lower(), sign * diff.interval().upper()), conf), diff.pValue(),
        diff.method(), diff.df());
    double p = better.pAbove(boundary);
    MetricReadout.Sequential seq = null;
    if (config.look() != null) {
      seq = sequential(am, cumulative, m, k);
    }
    return new MetricReadout(am, cv, tv, c.n(), t.n(), missing, diff, raw, lift, theta, reduction, boundary, p,
        Double.NaN, seq, Verdict.INCONCLUSIVE, "");
  }

  private MetricReadout.Sequential sequential(AbMetric am, List<Moments[][]> cumulative, int m, int k) {
    Moments[][] last = cumulative.get(cumulative.size() - 1);
    Moments pooled = new Moments();
    pooled.merge(last[0][m]);
    pooled.merge(last[1][m]);
    double sd = am.ratio() ? Math.sqrt(RatioMetric.variance(last[0][m]) * last[0][m].n())
        : Math.sqrt(pooled.varX());
    double tauScale = Double.isNaN(config.tau()) ? 0.1 : config.tau();
    double tau = tauScale * (sd > 0 ? sd : 1);
    // Bonferroni across the metrics keeps the family's simultaneous coverage at the confidence level.
    MixtureSprt msprt = new MixtureSprt(tau, (1 - config.confidence()) / k);
    for (Moments[][] look : cumulative) {
      Moments t = look[1][m];
      Moments c = look[0][m];
      if (t.n() < 2 || c.n() < 2) {
        continue;
      }
      Estimate e;
      if (am.ratio()) {
        if (t.meanY() == 0 || c.meanY() == 0) {
          continue;
        }
        e = RatioMetric.difference(t, c, config.confidence());
      } else {
        e = am.covariate() != null ? Cuped.of(t, c, config.confidence()).adjusted()
            : MeanDifference.welch(t, c, config.confidence());
      }
      msprt.look(e.estimate(), e.standardError() * e.standardError());
    }
    return new MetricReadout.Sequential(msprt.looks(), msprt.pValue(), msprt.lower(), msprt.upper(), tau);
  }

  private MetricReadout judge(MetricReadout r, double adjusted, double alpha, int k) {
    if (r.difference() == null) {
      return r;
    }
    double sign = r.metric().lowerIsBetter() ? -1 : 1;
    double lo;
    double hi;
    Verdict v;
    String reason;
    if (r.sequential() != null && r.sequential().looks() > 0) {
      double a = sign * r.sequential().lower();
      double b = sign * r.sequential().upper();
      lo = Math.min(a, b);
      hi = Math.max(a, b);
      v = lo > r.boundary() ? Verdict.PASS : hi <= r.boundary() ? Verdict.FAIL : Verdict.INCONCLUSIVE;
      reason = "always-valid confidence sequence " + describe(v, r);
    } else {
      double a = sign * r.difference().interval().lower();
      double b = sign * r.difference().interval().upper();
      lo = Math.min(a, b);
      hi = Math.max(a, b);
      v = adjusted <= alpha ? Verdict.PASS : hi <= r.boundary() ? Verdict.FAIL : Verdict.INCONCLUSIVE;
      reason = (v == Verdict.PASS ? "Holm-adjusted p " : "interval ") + describe(v, r);
    }
    return new MetricReadout(r.metric(), r.control(), r.treatment(), r.controlUnits(), r.treatmentUnits(),
        r.missing(), r.difference(), r.unadjusted(), r.lift(), r.theta(), r.varianceReduction(), r.boundary(),
        r.pValue(), adjusted, r.sequential(), v, reason);
  }

  private static String describe(Verdict v, MetricReadout r) {
    String what = r.metric().rule().equals("superiority") ? "better by more than " + trim(Math.abs(r.boundary()))
        : "worse by less than " + trim(Math.abs(r.boundary()));
    return switch (v) {
      case PASS -> "shows the treatment " + what;
      case FAIL -> "excludes the treatment being " + what;
      case INCONCLUSIVE -> "cannot tell whether the treatment is " + what;
    };
  }

  static String trim(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static double[] sanitize(double[] p) {
    double[] out = p.clone();
    for (int i = 0; i < out.length; i++) {
      if (!(out[i] >= 0 && out[i] <= 1)) {
        out[i] = 1;
      }
    }
    return out;
  }

  private static Moments[][] newMoments(int k) {
    Moments[][] m = new Moments[2][k];
    for (int g = 0; g < 2; g++) {
      for (int i = 0; i < k; i++) {
        m[g][i] = new Moments();
      }
    }
    return m;
  }

  private static Moments[][] copy(Moments[][] src) {
    Moments[][] out = newMoments(src[0].length);
    for (int g = 0; g < 2; g++) {
      for (int i = 0; i < src[g].length; i++) {
        out[g][i].merge(src[g][i]);
      }
    }
    return out;
  }

  private static String label(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) (double) d);
    }
    return v.toString();
  }

  /** Looks are numbers (day 1, 2, ...) or text (ISO dates sort as text). */
  private static Object lookKey(Object v, String file, long line, String column) {
    if (v == null) {
      throw new InputException(file, (int) Math.min(line, Integer.MAX_VALUE), column, "no look value",
          "the look (day number or date) of every unit");
    }
    if (v instanceof Double d) {
      return d;
    }
    String s = v.toString().trim();
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return s;
    }
  }

  private static final Comparator<Object> LOOK_ORDER = (a, b) -> {
    if (a instanceof Double x && b instanceof Double y) {
      return Double.compare(x, y);
    }
    if (a instanceof Double) {
      return -1;
    }
    if (b instanceof Double) {
      return 1;
    }
    return a.toString().compareTo(b.toString());
  };

  private static double number(Object v, boolean textual, String file, long line, String column) {
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (textual && v instanceof String s) {
      try {
        double d = Double.parseDouble(s.trim());
        if (!Double.isInfinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new InputException(file, (int) Math.min(line, Integer.MAX_VALUE), column, "not a number",
        "a finite number (or empty for missing)");
  }

}
