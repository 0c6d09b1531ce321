package dev.assay.gate;

import dev.assay.core.InputException;
import dev.assay.stats.ConfidenceInterval;
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
 * Compares one metric of two paired sides: estimate, interval, test, effect size and minimum
 * detectable effect (methods in docs/statistics.md, defaults in docs/gates.md).
 *
 * <p>A corpus-level metric whose examples carry sufficient statistics is compared as its corpus
 * value: a paired bootstrap of the corpus difference and a paired approximate randomization test.
 * When the pairing has clusters, every resampling, jackknife and permutation works on whole
 * clusters.
 */
public final class MetricComparer {
  private final CompareOptions options;

  public MetricComparer(CompareOptions options) {
    this.options = options;
  }

  /** Compares {@code metric} of a pairing: as a corpus statistic when it is one, else as a mean. */
  public Comparison compare(Pairing pairing, String metric, Direction direction) {
    Optional<PairedCorpus> corpus = corpus(pairing, metric);
    return corpus.isPresent() ? compare(corpus.get(), direction, pairing.resampling())
        : compare(pairing.metric(metric), direction, pairing.resampling());
  }

  /** The paired statistics of {@code metric} when it is corpus-level and its examples carry them. */
  Optional<PairedCorpus> corpus(Pairing pairing, String metric) {
    Optional<CorpusStatistic> formula = options.corpus().formula(metric);
    return formula.isEmpty() ? Optional.empty() : pairing.corpus(metric, formula.get());
  }

  /** Compares a per-example metric as a mean, resampling examples. */
  public Comparison compare(PairedMetric pm, Direction direction) {
    return compare(pm, direction, pm.clustered() ? "cluster" : "example");
  }

  private Comparison compare(PairedMetric pm, Direction direction, String resampling) {
    double[] d = pm.differences();
    double meanB = PairedMetric.mean(pm.baseline());
    double meanC = PairedMetric.mean(pm.candidate());
    double diff = meanC - meanB;
    double relative = meanB == 0 ? Double.NaN : diff / Math.abs(meanB);
    TestResult test = test(pm, d);
    IntervalSource intervals = IntervalSources.pairedDifference(pm, options);
    ConfidenceInterval ci = intervals.at(options.confidence());
    double sd = PairedMetric.sd(d);
    double effect = sd > 0 ? PairedMetric.mean(d) / sd : Double.NaN;
    // Clustered examples are not independent: plan with the sd that the clustered bootstrap's
    // precision implies, not the (too small) sd of the per-example differences.
    double planningSd = pm.clustered() && Double.isFinite(intervals.standardError())
        ? intervals.standardError() * Math.sqrt(pm.n()) : sd;
    return new Comparison(pm.metric(), direction, pm.n(), meanB, meanC, diff, relative, ci, intervals.method(),
        test.pValue(), test.method(), effect, mde(pm, planningSd), planningSd, intervals, Comparison.MEAN,
        resampling, pm.units());
  }

  /**
   * Compares a corpus-level metric: corpus values of both sides, a paired bootstrap interval of
   * their difference, and the paired approximate randomization test. The effect size d_z is
   * undefined (there are no per-example differences of a corpus statistic).
   */
  Comparison compare(PairedCorpus pc, Direction direction, String resampling) {
    double b = pc.baselineValue();
    double c = pc.candidateValue();
    double diff = c - b;
    double relative = b == 0 ? Double.NaN : diff / Math.abs(b);
    IntervalSource intervals = IntervalSources.corpusDifference(pc, options);
    TestResult test = new PairedCorpusRandomizationTest(options.seed(), options.replicates(),
        Runtime.getRuntime().availableProcessors()).test(pc.ids(), pc.clusterKeys(), pc.baseline(),
        pc.candidate(), pc.formula());
    double planningSd = intervals.standardError() * Math.sqrt(pc.n());
    double mde = Double.NaN;
    if (planningSd > 0 && pc.n() >= 2) {
      try {
        mde = PairedMeanPower.minimumDetectableEffect(planningSd, pc.n(), 1 - options.confidence(), options.power(),
            Sides.TWO_SIDED);
      } catch (IllegalArgumentException e) {
        mde = Double.NaN;
      }
    }
    return new Comparison(pc.metric(), direction, pc.n(), b, c, diff, relative, intervals.at(options.confidence()),
        intervals.method(), test.pValue(), test.method(), Double.NaN, mde, planningSd, intervals, Comparison.CORPUS,
        resampling, pc.units());
  }

  private TestResult test(PairedMetric pm, double[] d) {
    boolean binary = pm.binary();
    boolean clustered = pm.clustered();
    TestChoice choice = options.test() != null ? options.test()
        : binary && !clustered ? TestChoice.MCNEMAR : TestChoice.PERMUTATION;
    if (clustered) {
      return clusteredTest(pm, d, choice);
    }
    return switch (choice) {
      case MCNEMAR -> {
        requireBinary(pm, binary);
        int[] bc = McNemarTest.discordant(asBooleans(pm.baseline()), asBooleans(pm.candidate()));
        yield McNemarTest.exact(bc[0], bc[1]);
      }
      case PERMUTATION -> new PairedPermutationTest(options.seed(), options.replicates(),
          Runtime.getRuntime().availableProcessors()).test(pm.ids(), pm.baseline(), pm.candidate());
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
      case PERMUTATION -> new PairedPermutationTest(options.seed(), options.replicates(),
          Runtime.getRuntime().availableProcessors()).test(clusters, totals);
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
    double alpha = 1 - options.confidence();
    int n = pm.n();
    try {
      if (pm.binary() && !pm.clustered()) {
        int[] bc = McNemarTest.discordant(asBooleans(pm.baseline()), asBooleans(pm.candidate()));
        double psi = (double) (bc[0] + bc[1]) / n;
        return psi > 0
            ? PairedProportionPower.minimumDetectableEffect(psi, n, alpha, options.power(), Sides.TWO_SIDED)
            : Double.NaN;
      }
      return sd > 0 && n >= 2
          ? PairedMeanPower.minimumDetectableEffect(sd, n, alpha, options.power(), Sides.TWO_SIDED)
          : Double.NaN;
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
