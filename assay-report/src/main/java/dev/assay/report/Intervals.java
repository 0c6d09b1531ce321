package dev.assay.report;

import dev.assay.stats.interval.NewcombePairedInterval;
import dev.assay.stats.interval.PairedCounts;
import dev.assay.stats.interval.WilsonInterval;
import dev.assay.stats.hypothesis.PairedTTest;

/**
 * Closed-form intervals for report tables (slices, single runs, model cards), where thousands of
 * bootstraps would make a report slow: Wilson for a 0/1 mean, Newcombe's hybrid score interval for
 * a paired difference of 0/1 outcomes, Student's t otherwise. The headline comparison keeps the
 * bootstrap intervals of {@code assay compare}; these are for the many small cuts.
 */
public final class Intervals {
  private Intervals() {}

  /** The mean of {@code values} with its interval. */
  public static Estimate mean(double[] values, double confidence) {
    int n = values.length;
    if (n == 0) {
      return new Estimate(Double.NaN, null, 0, "none");
    }
    double sum = 0;
    boolean binary = true;
    for (double v : values) {
      sum += v;
      binary &= v == 0 || v == 1;
    }
    double mean = sum / n;
    if (binary) {
      return new Estimate(mean, WilsonInterval.of(Math.round(sum), n, confidence), n, "wilson");
    }
    if (n < 2) {
      return new Estimate(mean, null, n, "t");
    }
    double[] d = values.clone();
    return new Estimate(mean, PairedTTest.ofDifferences(d).interval(confidence), n, "t");
  }

  /** The mean of {@code candidate - baseline} with its interval. */
  public static Estimate difference(double[] baseline, double[] candidate, double confidence) {
    int n = baseline.length;
    if (n == 0) {
      return new Estimate(Double.NaN, null, 0, "none");
    }
    boolean binary = true;
    for (int i = 0; i < n; i++) {
      binary &= (baseline[i] == 0 || baseline[i] == 1) && (candidate[i] == 0 || candidate[i] == 1);
    }
    if (binary) {
      boolean[] b = new boolean[n];
      boolean[] c = new boolean[n];
      for (int i = 0; i < n; i++) {
        b[i] = baseline[i] == 1;
        c[i] = candidate[i] == 1;
      }
      PairedCounts counts = PairedCounts.of(b, c);
      return new Estimate(counts.difference(), NewcombePairedInterval.of(counts, confidence), n, "newcombe");
    }
    double[] d = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      d[i] = candidate[i] - baseline[i];
      sum += d[i];
    }
    if (n < 2) {
      return new Estimate(sum / n, null, n, "t");
    }
    return new Estimate(sum / n, PairedTTest.ofDifferences(d).interval(confidence), n, "t");
  }
}
