package dev.assay.report;

import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.bootstrap.Bootstrap;
import dev.assay.stats.bootstrap.KeyedRecords;
import dev.assay.stats.interval.NewcombePairedInterval;
import dev.assay.stats.interval.PairedCounts;
import dev.assay.stats.interval.WilsonInterval;
import java.util.ArrayList;
import java.util.List;

/**
 * Intervals for report tables of many small cuts (slices, model cards), each inside the range its
 * values can take: Wilson for a 0/1 mean, Newcombe's hybrid score interval for a paired difference
 * of 0/1 outcomes, and otherwise a percentile bootstrap of the mean ({@value #REPLICATES}
 * replicates, seed 0, examples resampled by id as everywhere in assay). A percentile bootstrap
 * interval of a mean lies between the smallest and the largest value, so a slice of nDCG
 * differences stays inside [-1, 1] however few examples it has, where a t interval does not
 * (three examples gave [-1.535, 0.793]). The headline comparison keeps the intervals of {@code
 * assay compare}.
 */
public final class Intervals {
  /** Bootstrap replicates per slice: ample for a 95% percentile interval, cheap for many slices. */
  public static final int REPLICATES = 2_000;
  private static final String REPLICATES_TEXT = String.format(java.util.Locale.ROOT, "%,d", REPLICATES);

  /** The method names this class reports, as tables and captions print them. */
  public static final String WILSON = "wilson";
  public static final String NEWCOMBE = "newcombe";
  public static final String BOOTSTRAP = "bootstrap";

  private static final Bootstrap BOOT = Bootstrap.defaults().withReplicates(REPLICATES).withSeed(0).withThreads(1);

  private Intervals() {}

  /**
   * The mean of {@code values} with its interval.
   *
   * @param ids the examples' ids, in the order of {@code values} (they key the resampling)
   */
  public static Estimate mean(List<String> ids, double[] values, double confidence) {
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
      return new Estimate(mean, WilsonInterval.of(Math.round(sum), n, confidence), n, WILSON);
    }
    if (n < 2) {
      return new Estimate(mean, null, n, "none (one example)");
    }
    if (allEqual(values)) {
      return new Estimate(mean, new ConfidenceInterval(mean, mean, confidence), n, BOOTSTRAP);
    }
    List<Integer> positions = positions(n);
    ConfidenceInterval ci = BOOT.of(KeyedRecords.of(ids, positions), (records, w) -> {
      double s = 0;
      double total = 0;
      for (int i = 0; i < w.length; i++) {
        s += w[i] * values[records.get(i)];
        total += w[i];
      }
      return s / total;
    }).percentile(confidence);
    return new Estimate(mean, ci, n, BOOTSTRAP);
  }

  /**
   * The mean of {@code candidate - baseline} with its interval.
   *
   * @param ids the examples' ids, in the order of the values
   */
  public static Estimate difference(List<String> ids, double[] baseline, double[] candidate, double confidence) {
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
      return new Estimate(counts.difference(), NewcombePairedInterval.of(counts, confidence), n, NEWCOMBE);
    }
    double[] d = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      d[i] = candidate[i] - baseline[i];
      sum += d[i];
    }
    double mean = sum / n;
    if (n < 2) {
      return new Estimate(mean, null, n, "none (one example)");
    }
    if (allEqual(d)) {
      return new Estimate(mean, new ConfidenceInterval(mean, mean, confidence), n, BOOTSTRAP);
    }
    ConfidenceInterval ci = BOOT.pairedMeanDifference(ids, baseline, candidate, null).percentile(confidence);
    return new Estimate(mean, ci, n, BOOTSTRAP);
  }

  /** What the interval methods mean, for captions. */
  public static String describe(boolean comparison) {
    return comparison
        ? "Newcombe for 0/1 differences, else a percentile bootstrap of the mean difference (" + REPLICATES_TEXT
            + " replicates); both stay inside the range a difference can take"
        : "Wilson for 0/1 means, else a percentile bootstrap of the mean (" + REPLICATES_TEXT
            + " replicates); both stay inside the range the values can take";
  }

  private static List<Integer> positions(int n) {
    List<Integer> p = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      p.add(i);
    }
    return p;
  }

  private static boolean allEqual(double[] v) {
    for (double x : v) {
      if (x != v[0]) {
        return false;
      }
    }
    return true;
  }
}
