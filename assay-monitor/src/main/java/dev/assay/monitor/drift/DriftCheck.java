package dev.assay.monitor.drift;

import dev.assay.monitor.profile.CategoricalProfile;
import dev.assay.monitor.profile.ColumnProfile;
import dev.assay.monitor.profile.NumericProfile;
import dev.assay.monitor.profile.Profile;
import dev.assay.monitor.profile.TextProfile;
import dev.assay.monitor.stats.ChiSquare;
import dev.assay.monitor.stats.JensenShannon;
import dev.assay.monitor.stats.KolmogorovSmirnov;
import dev.assay.monitor.stats.MaximumMeanDiscrepancy;
import dev.assay.monitor.stats.PopulationStability;
import dev.assay.monitor.stats.Wasserstein;
import dev.assay.stats.hypothesis.TestResult;
import dev.assay.stats.multiplicity.BenjaminiHochberg;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Compares a current profile with its reference.
 *
 * <p>Per column, by type: numeric — two-sample Kolmogorov-Smirnov on the two samples (p-value),
 * Wasserstein distance normalised by the reference's standard deviation and PSI over the
 * reference's decile bins (effect sizes); categorical — chi-square homogeneity of the label counts
 * (labels the reference did not track pooled as "other") and the Jensen-Shannon distance; text —
 * MMD with a permutation p-value on the embedding samples. A column whose missing-or-invalid share
 * is non-zero on either side also gets a chi-square test of that share, judged by its absolute
 * change. A reference column absent from the current data is a schema finding (drift, untested).
 *
 * <p>All p-values of one check are adjusted together by Benjamini-Hochberg; a finding drifts when
 * its adjusted p-value is at most q and its effect size reaches the column's threshold. Columns are
 * tested in parallel; the result does not depend on the thread count.
 */
public final class DriftCheck {
  private final DriftConfig config;

  public DriftCheck(DriftConfig config) {
    this.config = config;
  }

  public DriftReport check(Profile reference, Profile current) {
    Map<String, ColumnProfile> cur = current.byName();
    List<ColumnProfile> refs = new ArrayList<>();
    List<ColumnDrift> schema = new ArrayList<>();
    for (ColumnProfile r : reference.columns()) {
      DriftConfig.Rule rule = config.ruleFor(r.name(), r.type());
      if (rule.ignore()) {
        continue;
      }
      if (!cur.containsKey(r.name())) {
        schema.add(new ColumnDrift(r.name(), r.type().word(), "schema", null, Double.NaN, Double.NaN, Double.NaN,
            "present", 1, 1, true, Map.of(), "the column is missing from the current data"));
      } else {
        refs.add(r);
      }
    }
    List<List<ColumnDrift>> perColumn = ForkJoinPool.commonPool().submit(() ->
        IntStream.range(0, refs.size()).parallel()
            .mapToObj(i -> test(refs.get(i), cur.get(refs.get(i).name())))
            .toList()).join();
    List<ColumnDrift> tested = new ArrayList<>();
    perColumn.forEach(tested::addAll);
    List<ColumnDrift> results = new ArrayList<>(schema);
    if (!tested.isEmpty()) {
      double[] p = tested.stream().mapToDouble(ColumnDrift::pValue).toArray();
      double[] adj = BenjaminiHochberg.adjust(p);
      for (int i = 0; i < adj.length; i++) {
        results.add(tested.get(i).withAdjusted(adj[i], config.q()));
      }
    }
    results.sort(Comparator.comparing((ColumnDrift d) -> !d.drifted())
        .thenComparingDouble(d -> Double.isNaN(d.adjustedP()) ? -1 : d.adjustedP())
        .thenComparing(ColumnDrift::column));
    List<String> added = new ArrayList<>();
    Map<String, ColumnProfile> ref = reference.byName();
    for (ColumnProfile c : current.columns()) {
      if (!ref.containsKey(c.name())) {
        added.add(c.name());
      }
    }
    return new DriftReport(reference.source(), current.source(), current.window(), reference.rows(), current.rows(),
        config.q(), tested.size(), results, added);
  }

  private List<ColumnDrift> test(ColumnProfile r, ColumnProfile c) {
    List<ColumnDrift> out = new ArrayList<>();
    DriftConfig.Rule rule = config.ruleFor(r.name(), r.type());
    ColumnDrift d = switch (r.type()) {
      case NUMERIC -> numeric((NumericProfile) r, (NumericProfile) c, rule);
      case CATEGORICAL -> categorical((CategoricalProfile) r, (CategoricalProfile) c, rule);
      case TEXT -> text((TextProfile) r, (TextProfile) c, rule);
    };
    if (d != null) {
      out.add(d);
    }
    long rm = r.missing() + r.invalid();
    long cm = c.missing() + c.invalid();
    if ((rm > 0 || cm > 0) && r.rows() > 0 && c.rows() > 0) {
      TestResult t = ChiSquare.homogeneity(new long[] {rm, r.count()}, new long[] {cm, c.count()});
      double change = Math.abs(c.missingRate() - r.missingRate());
      Map<String, Double> details = new LinkedHashMap<>();
      details.put("reference_missing_share", r.missingRate());
      details.put("current_missing_share", c.missingRate());
      details.put("current_invalid", (double) c.invalid());
      out.add(new ColumnDrift(r.name(), r.type().word(), "missing", t.method(), t.statistic(), t.pValue(), Double.NaN,
          "missing_share_change", change, config.nullRateThreshold(), false, details,
          c.invalid() > 0 ? c.invalid() + " values of the wrong type" : null));
    }
    return out;
  }

  private ColumnDrift numeric(NumericProfile r, NumericProfile c, DriftConfig.Rule rule) {
    if (r.sample().length == 0 || c.sample().length == 0) {
      return null; // nothing to compare; the missing-share test speaks for the column
    }
    TestResult ks = KolmogorovSmirnov.testSorted(r.sample(), c.sample());
    double w = Wasserstein.normalised(Wasserstein.distanceSorted(r.sample(), c.sample()), r.std());
    double psi = PopulationStability.index(r.bins(), c.bins());
    Map<String, Double> details = new LinkedHashMap<>();
    details.put("ks_d", ks.statistic());
    details.put("wasserstein_norm", w);
    details.put("psi", psi);
    details.put("reference_mean", r.mean());
    details.put("current_mean", c.mean());
    double effect = rule.effect() == Effect.PSI ? psi : w;
    return new ColumnDrift(r.name(), "numeric", "distribution", ks.method(), ks.statistic(), ks.pValue(), Double.NaN,
        rule.effect().word(), effect, rule.threshold(), false, details, null);
  }

  private ColumnDrift categorical(CategoricalProfile r, CategoricalProfile c, DriftConfig.Rule rule) {
    if (r.count() == 0 || c.count() == 0) {
      return null;
    }
    int k = r.categories().size();
    long[] a = new long[k + 1];
    long[] b = new long[k + 1];
    int i = 0;
    for (Map.Entry<String, Long> e : r.categories().entrySet()) {
      a[i] = e.getValue();
      b[i] = c.categories().getOrDefault(e.getKey(), 0L);
      i++;
    }
    a[k] = r.other();
    b[k] = c.other();
    TestResult chi = ChiSquare.homogeneity(a, b);
    double js = JensenShannon.distance(a, b);
    Map<String, Double> details = new LinkedHashMap<>();
    details.put("jensen_shannon", js);
    details.put("chi_square", chi.statistic());
    String note = null;
    if (!c.unseen().isEmpty()) {
      note = "labels the reference did not have: " + String.join(", ", c.unseen().keySet());
    }
    return new ColumnDrift(r.name(), "categorical", "distribution", chi.method(), chi.statistic(), chi.pValue(),
        Double.NaN, rule.effect().word(), js, rule.threshold(), false, details, note);
  }

  private ColumnDrift text(TextProfile r, TextProfile c, DriftConfig.Rule rule) {
    if (r.embeddings().length < 2 || c.embeddings().length < 2) {
      return null;
    }
    TestResult mmd = new MaximumMeanDiscrepancy(config.permutations(), config.seed())
        .test(toDouble(r.embeddings()), toDouble(c.embeddings()));
    Map<String, Double> details = new LinkedHashMap<>();
    details.put("mmd2", mmd.statistic());
    details.put("centroid_cosine", cosine(r.centroid(), c.centroid()));
    details.put("reference_length_mean", r.lengthMean());
    details.put("current_length_mean", c.lengthMean());
    return new ColumnDrift(r.name(), "text", "distribution", mmd.method(), mmd.statistic(), mmd.pValue(), Double.NaN,
        rule.effect().word(), mmd.statistic(), rule.threshold(), false, details, null);
  }

  private static double[][] toDouble(float[][] v) {
    double[][] out = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      out[i] = new double[v[i].length];
      for (int j = 0; j < v[i].length; j++) {
        out[i][j] = v[i][j];
      }
    }
    return out;
  }

  private static double cosine(double[] a, double[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : Double.NaN;
  }
}
