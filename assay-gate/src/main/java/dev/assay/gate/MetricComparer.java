package dev.assay.gate;

import dev.assay.core.InputException;
import dev.assay.core.Metric;
import dev.assay.core.MetricKind;
import dev.assay.core.MetricSample;
import dev.assay.core.Score;
import dev.assay.stats.Sides;
import dev.assay.stats.bootstrap.CorpusStatistic;
import dev.assay.stats.hypothesis.McNemarTest;
import dev.assay.stats.hypothesis.PairedCorpusRandomizationTest;
import dev.assay.stats.hypothesis.PairedPermutationTest;
import dev.assay.stats.hypothesis.PairedTTest;
import dev.assay.stats.hypothesis.TestResult;
import dev.assay.stats.hypothesis.WilcoxonSignedRankTest;
import dev.assay.stats.power.PairedMeanPower;
import dev.assay.stats.power.PairedProportionPower;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares one metric of two paired sides: values, interval, test, effect size and minimum
 * detectable effect (methods in docs/statistics.md, defaults in docs/gates.md). It knows metrics
 * only through {@link Metric}: how their values aggregate is theirs to say.
 *
 * <ul>
 *   <li>A {@link MetricKind#MEAN} metric: a paired bootstrap of the mean difference and a paired
 *       test of per-example differences (McNemar for 0/1 values, else permutation).
 *   <li>A metric whose value is a function of summed per-example vectors (BLEU, chrF, totals,
 *       geometric means): a paired bootstrap of the corpus difference recomputed from the weighted
 *       sums, and the paired approximate randomization test.
 *   <li>Any other metric (f1_macro, MCC, ROC AUC, ECE, latency quantiles): a paired bootstrap that
 *       recomputes both sides' values on every replicate; the p-value inverts that bootstrap
 *       interval at zero.
 * </ul>
 *
 * <p>The baseline and candidate values shown are each side's own value of the metric over the
 * paired examples, computed by the metric in the side's order: with every example paired, exactly
 * the run's own value. With clusters, every resampling, jackknife and permutation works on whole
 * clusters.
 */
final class MetricComparer {
  private final CompareOptions options;

  MetricComparer(CompareOptions options) {
    this.options = options;
  }

  /** Compares {@code metric} of a pairing. */
  Comparison compare(Pairing pairing, Metric metric) {
    return compare(pairing, metric, SharedDraws.NONE);
  }

  /** Compares {@code metric} of a pairing, taking its bootstrap from {@code shared} when there. */
  Comparison compare(Pairing pairing, Metric metric, SharedDraws shared) {
    PairedScores ps = pairing.scores(metric.name());
    double b = sideValue(metric, ps.inSideOrder(pairing.baseline(), true), "baseline");
    double c = sideValue(metric, ps.inSideOrder(pairing.candidate(), false), "candidate");
    try {
      if (metric.kind() == MetricKind.MEAN) {
        return mean(pairing, metric, ps, b, c, shared);
      }
      Optional<PairedCorpus> corpus = corpus(metric, ps);
      if (corpus.isPresent()) {
        return corpus(corpus.get(), metric, b, c, pairing.resampling());
      }
      return general(metric, ps, b, c, pairing.resampling());
    } catch (IllegalStateException e) {
      if (e.getMessage() != null && e.getMessage().contains("bootstrap replicate")) {
        throw InputException.of("metric '" + metric.name() + "' is undefined on some bootstrap resamples ("
            + e.getMessage() + ")", "more examples, or examples of every class the metric needs on both sides");
      }
      throw e;
    }
  }

  private static double sideValue(Metric metric, List<Score> scores, String side) {
    try {
      return metric.sample(scores).value();
    } catch (IllegalArgumentException e) {
      throw InputException.of("metric '" + metric.name() + "' of the " + side + ": " + e.getMessage(),
          "scores every example of which the metric can aggregate");
    }
  }

  /** Mean metrics: per-example differences for the tests; the interval of the difference of means. */
  private Comparison mean(Pairing pairing, Metric metric, PairedScores ps, double b, double c,
      SharedDraws shared) {
    PairedMetric pm = pairing.values(metric.name());
    double[] d = pm.differences();
    TestResult test = shared.permutationTest(pm);
    if (test == null) {
      test = test(pm, d);
    }
    IntervalSource intervals = ps.single() ? IntervalSources.pairedDifference(pm, options, shared)
        : IntervalSources.corpusDifference(corpus(metric, ps).orElseThrow(), options);
    double diff = c - b;
    double sd = PairedMetric.sd(d);
    double effect = sd > 0 ? PairedMetric.mean(d) / sd : Double.NaN;
    // Clustered examples are not independent: plan with the sd that the clustered bootstrap's
    // precision implies, not the (too small) sd of the per-example differences.
    double planningSd = pm.clustered() && Double.isFinite(intervals.standardError())
        ? intervals.standardError() * Math.sqrt(pm.n()) : sd;
    return new Comparison(metric, pm.n(), b, c, diff, relative(diff, b), intervals.at(options.confidence()),
        intervals.method(), test.pValue(), test.method(), effect, mde(pm, planningSd), planningSd, intervals,
        pairing.resampling(), pm.units());
  }

  /**
   * The paired sums of a metric whose value is a function of summed per-result vectors: each
   * example's vector is the sum over its results (repeats). Empty for other metrics.
   */
  static Optional<PairedCorpus> corpus(Metric metric, PairedScores ps) {
    MetricSample base = metric.sample(PairedScores.flatten(ps.baseline()));
    MetricSample cand = metric.sample(PairedScores.flatten(ps.candidate()));
    if (base.sums().isEmpty() || cand.sums().isEmpty()) {
      return Optional.empty();
    }
    CorpusStatistic formula = base.sums().get().formula();
    return Optional.of(new PairedCorpus(metric.name(), formula, ps.ids(),
        perExample(base.sums().get().vectors(), ps.baseline(), formula.dimension()),
        perExample(cand.sums().get().vectors(), ps.candidate(), formula.dimension()), ps.clusterKeys()));
  }

  private static List<double[]> perExample(List<double[]> perResult, List<List<Score>> side, int d) {
    List<double[]> out = new ArrayList<>(side.size());
    int k = 0;
    for (List<Score> results : side) {
      double[] sum = new double[d];
      for (int r = 0; r < results.size(); r++) {
        double[] v = perResult.get(k++);
        for (int j = 0; j < d; j++) {
          sum[j] += v[j];
        }
      }
      out.add(sum);
    }
    return out;
  }

  /**
   * A corpus statistic of summed vectors: a paired bootstrap of the corpus difference and the paired
   * approximate randomization test. The effect size d_z is undefined (there are no per-example
   * differences of a corpus statistic).
   */
  private Comparison corpus(PairedCorpus pc, Metric metric, double b, double c, String resampling) {
    double diff = c - b;
    IntervalSource intervals = IntervalSources.corpusDifference(pc, options);
    TestResult test = new PairedCorpusRandomizationTest(options.seed(), options.replicates(),
        Runtime.getRuntime().availableProcessors()).test(pc.ids(), pc.clusterKeys(), pc.baseline(),
        pc.candidate(), pc.formula());
    double planningSd = intervals.standardError() * Math.sqrt(pc.n());
    return new Comparison(metric, pc.n(), b, c, diff, relative(diff, b), intervals.at(options.confidence()),
        intervals.method(), test.pValue(), test.method(), Double.NaN, mde(planningSd, pc.n()), planningSd, intervals,
        resampling, pc.units());
  }

  /**
   * Any other statistic: a paired bootstrap recomputing both sides' values on every replicate (one
   * weight per example, inherited by its results); the p-value is the bootstrap interval inverted at
   * zero, the smallest α at which the (1 - α) interval excludes no difference.
   */
  private Comparison general(Metric metric, PairedScores ps, double b, double c, String resampling) {
    MetricSample base = metric.sample(PairedScores.flatten(ps.baseline()));
    MetricSample cand = metric.sample(PairedScores.flatten(ps.candidate()));
    double diff = c - b;
    IntervalSource intervals = identical(ps) ? IntervalSources.point(0)
        : IntervalSources.general(ps.ids(), ps.clusterKeys(), w -> cand.value(PairedScores.expand(w, ps.candidate()))
            - base.value(PairedScores.expand(w, ps.baseline())), options);
    double p = intervals.invert(ci -> ci.lower() > 0 || ci.upper() < 0);
    double planningSd = Double.isFinite(intervals.standardError()) ? intervals.standardError() * Math.sqrt(ps.n())
        : Double.NaN;
    return new Comparison(metric, ps.n(), b, c, diff, relative(diff, b), intervals.at(options.confidence()),
        intervals.method(), p, "bootstrap (interval inversion)", Double.NaN, mde(planningSd, ps.n()), planningSd,
        intervals, resampling, ps.units());
  }

  /** Whether both sides hold the same scores for every example: no difference to resample. */
  private static boolean identical(PairedScores ps) {
    return ps.baseline().equals(ps.candidate());
  }

  private static double relative(double diff, double baseline) {
    return baseline == 0 ? Double.NaN : diff / Math.abs(baseline);
  }

  /** The test a paired mean metric gets: the user's choice, else McNemar for 0/1 values over examples, else permutation. */
  static TestChoice testChoice(PairedMetric pm, CompareOptions options) {
    return options.test() != null ? options.test()
        : pm.binary() && !pm.clustered() ? TestChoice.MCNEMAR : TestChoice.PERMUTATION;
  }

  /** The permutation test with the comparison's seed and number of resamples, on every processor. */
  static PairedPermutationTest permutation(CompareOptions options) {
    return new PairedPermutationTest(options.seed(), options.replicates(), Runtime.getRuntime().availableProcessors());
  }

  private TestResult test(PairedMetric pm, double[] d) {
    boolean binary = pm.binary();
    boolean clustered = pm.clustered();
    TestChoice choice = testChoice(pm, options);
    if (clustered) {
      return clusteredTest(pm, d, choice);
    }
    return switch (choice) {
      case MCNEMAR -> {
        requireBinary(pm, binary);
        int[] bc = McNemarTest.discordant(asBooleans(pm.baseline()), asBooleans(pm.candidate()));
        yield McNemarTest.exact(bc[0], bc[1]);
      }
      case PERMUTATION -> permutation(options).test(pm.ids(), pm.baseline(), pm.candidate());
      case WILCOXON -> WilcoxonSignedRankTest.test(d);
      case T -> t(d, pm.metric(), "paired examples");
    };
  }

  /**
   * Tests over clusters: each cluster's summed difference is one observation, so the permutation
   * test flips the sign of whole clusters (the mean difference is zero exactly when the sum is),
   * and Wilcoxon and t run on the cluster sums. McNemar's pairs must be independent: refused.
   */
  private TestResult clusteredTest(PairedMetric pm, double[] d, TestChoice choice) {
    if (choice == TestChoice.MCNEMAR) {
      throw InputException.of("McNemar's test treats examples as independent, which clustered examples are not",
          "--test permutation (the default with clusters), wilcoxon or t");
    }
    Map<String, Double> sums = new TreeMap<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < d.length; i++) {
      order.add(i);
    }
    // Ascending id order, so each cluster's sum is the same whatever order the runs had.
    order.sort((a, b) -> pm.ids().get(a).compareTo(pm.ids().get(b)));
    for (int i : order) {
      sums.merge(pm.clusterKeys().get(i), d[i], Double::sum);
    }
    List<String> clusters = new ArrayList<>(sums.keySet());
    double[] totals = sums.values().stream().mapToDouble(Double::doubleValue).toArray();
    TestResult r = switch (choice) {
      case PERMUTATION -> permutation(options).test(clusters, totals);
      case WILCOXON -> WilcoxonSignedRankTest.test(totals);
      case T -> t(totals, pm.metric(), "clusters");
      case MCNEMAR -> throw new IllegalStateException("refused above");
    };
    return new TestResult(r.method() + " (clusters)", r.statistic(), r.pValue());
  }

  private static TestResult t(double[] values, String metric, String what) {
    if (values.length < 2) {
      throw InputException.of("a paired t-test needs at least 2 " + what + " of '" + metric + "'",
          "more examples, or another --test");
    }
    return PairedTTest.ofDifferences(values).test();
  }

  private static void requireBinary(PairedMetric pm, boolean binary) {
    if (!binary) {
      throw InputException.of("McNemar's test needs 0/1 values, but metric '" + pm.metric()
          + "' has other values", "--test permutation, wilcoxon or t for this metric");
    }
  }

  private double mde(PairedMetric pm, double sd) {
    int n = pm.n();
    if (pm.binary() && !pm.clustered()) {
      int[] bc = McNemarTest.discordant(asBooleans(pm.baseline()), asBooleans(pm.candidate()));
      double psi = (double) (bc[0] + bc[1]) / n;
      try {
        return psi > 0
            ? PairedProportionPower.minimumDetectableEffect(psi, n, 1 - options.confidence(), options.power(),
                Sides.TWO_SIDED)
            : Double.NaN;
      } catch (IllegalArgumentException e) {
        return Double.NaN;
      }
    }
    return mde(sd, n);
  }

  /** The minimum detectable |difference| for a per-example sd at n examples; NaN when undefined. */
  private double mde(double sd, int n) {
    if (!(sd > 0) || n < 2) {
      return Double.NaN;
    }
    try {
      return PairedMeanPower.minimumDetectableEffect(sd, n, 1 - options.confidence(), options.power(),
          Sides.TWO_SIDED);
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }

  private static boolean[] asBooleans(double[] v) {
    boolean[] b = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = v[i] == 1;
    }
    return b;
  }
}
