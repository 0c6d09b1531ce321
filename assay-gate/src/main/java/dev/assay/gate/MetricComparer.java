package dev.assay.gate;

import dev.assay.core.InputException;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.Sides;
import dev.assay.stats.hypothesis.McNemarTest;
import dev.assay.stats.hypothesis.PairedPermutationTest;
import dev.assay.stats.hypothesis.PairedTTest;
import dev.assay.stats.hypothesis.TestResult;
import dev.assay.stats.hypothesis.WilcoxonSignedRankTest;
import dev.assay.stats.power.PairedMeanPower;
import dev.assay.stats.power.PairedProportionPower;

/**
 * Compares one metric of two paired sides: estimate, interval, test, effect size and minimum
 * detectable effect (methods in docs/statistics.md, defaults in docs/gates.md).
 */
public final class MetricComparer {
  private final CompareOptions options;

  public MetricComparer(CompareOptions options) {
    this.options = options;
  }

  public Comparison compare(PairedMetric pm, Direction direction) {
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
    return new Comparison(pm.metric(), direction, pm.n(), meanB, meanC, diff, relative, ci, intervals.method(),
        test.pValue(), test.method(), effect, mde(pm, sd), sd, intervals);
  }

  private TestResult test(PairedMetric pm, double[] d) {
    boolean binary = pm.binary();
    TestChoice choice = options.test() != null ? options.test() : binary ? TestChoice.MCNEMAR : TestChoice.PERMUTATION;
    return switch (choice) {
      case MCNEMAR -> {
        if (!binary) {
          throw InputException.of("McNemar's test needs 0/1 values, but metric '" + pm.metric()
              + "' has other values", "--test permutation, wilcoxon or t for this metric");
        }
        int[] bc = McNemarTest.discordant(asBooleans(pm.baseline()), asBooleans(pm.candidate()));
        yield McNemarTest.exact(bc[0], bc[1]);
      }
      case PERMUTATION -> new PairedPermutationTest(options.seed(), options.replicates(),
          Runtime.getRuntime().availableProcessors()).test(pm.ids(), pm.baseline(), pm.candidate());
      case WILCOXON -> WilcoxonSignedRankTest.test(d);
      case T -> {
        if (pm.n() < 2) {
          throw InputException.of("a paired t-test needs at least 2 paired examples of '" + pm.metric() + "'",
              "more examples, or another --test");
        }
        yield PairedTTest.ofDifferences(d).test();
      }
    };
  }

  private double mde(PairedMetric pm, double sd) {
    double alpha = 1 - options.confidence();
    int n = pm.n();
    try {
      if (pm.binary()) {
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
