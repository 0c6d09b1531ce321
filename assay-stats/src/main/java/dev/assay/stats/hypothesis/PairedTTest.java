package dev.assay.stats.hypothesis;

import dev.assay.stats.Confidence;
import dev.assay.stats.ConfidenceInterval;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Paired t-test and Student-t interval for the mean of paired differences
 * {@code d = candidate - baseline}: {@code t = mean(d) / (sd(d)/√n)} on n - 1 degrees of freedom
 * (sd with divisor n - 1), as scipy.stats.ttest_rel. Interval: {@code mean ± t_{1-α/2,n-1} sd/√n}.
 *
 * <p>Requires n >= 2. Degenerate case sd = 0 (all differences equal): the interval is the point;
 * the p-value is 1 when the differences are all 0 and 0 otherwise (scipy returns NaN for 0/0).
 */
public final class PairedTTest {

  private final double mean;
  private final double standardError;
  private final int n;

  private PairedTTest(double mean, double standardError, int n) {
    this.mean = mean;
    this.standardError = standardError;
    this.n = n;
  }

  /** From paired values; differences are candidate - baseline. */
  public static PairedTTest of(double[] baseline, double[] candidate) {
    if (baseline.length != candidate.length) {
      throw new IllegalArgumentException("baseline has " + baseline.length
          + " values but candidate has " + candidate.length);
    }
    double[] d = new double[baseline.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = candidate[i] - baseline[i];
    }
    return ofDifferences(d);
  }

  /** From paired differences. */
  public static PairedTTest ofDifferences(double[] d) {
    if (d.length < 2) {
      throw new IllegalArgumentException("a paired t-test needs at least 2 pairs, got " + d.length);
    }
    double mean = 0;
    for (double v : d) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("difference is not finite: " + v);
      }
      mean += v;
    }
    mean /= d.length;
    double ss = 0;
    for (double v : d) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (d.length - 1));
    return new PairedTTest(mean, sd / Math.sqrt(d.length), d.length);
  }

  public double mean() {
    return mean;
  }

  public double standardError() {
    return standardError;
  }

  public int degreesOfFreedom() {
    return n - 1;
  }

  /** Two-sided test of mean difference 0; statistic t. */
  public TestResult test() {
    if (standardError == 0) {
      double t = mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean);
      return new TestResult("paired-t", t, mean == 0 ? 1 : 0);
    }
    double t = mean / standardError;
    double p = 2 * distribution().cumulativeProbability(-Math.abs(t));
    return new TestResult("paired-t", t, Math.min(1, p));
  }

  /** Student-t interval for the mean difference. */
  public ConfidenceInterval interval(double confidence) {
    double alpha = 1 - Confidence.check(confidence);
    double q = distribution().inverseCumulativeProbability(1 - alpha / 2);
    return new ConfidenceInterval(mean - q * standardError, mean + q * standardError, confidence);
  }

  private TDistribution distribution() {
    // Tight inverse accuracy: the default (1e-9) is too loose for exact-value comparisons.
    return new TDistribution(n - 1, 1e-14);
  }
}
