package dev.assay.stats.hypothesis;

import dev.assay.stats.random.CountTable;
import dev.assay.stats.random.CounterRandom;
import dev.assay.stats.random.ReplicateRunner;
import dev.assay.stats.random.ValueCounts;
import java.util.Arrays;

/**
 * Monte Carlo sign-flip patterns of a paired permutation test drawn per distinct magnitude instead
 * of per example.
 *
 * <p>Why it is the same test: a pattern's statistic is {@code Σᵢ sᵢdᵢ} with independent fair signs
 * sᵢ. A fair sign times dᵢ has the distribution of a fair sign times |dᵢ|, so grouping the non-zero
 * differences by magnitude a, the statistic is {@code Σₐ a·(2Hₐ - nₐ)} where Hₐ, the heads among
 * the nₐ examples of magnitude a, is one Binomial(nₐ, ½) variate, independent across magnitudes.
 * One such draw per magnitude ({@link CountTable}) gives patterns with exactly the distribution of
 * the per-example draw, at a cost that grows with the number of distinct magnitudes, not with n.
 *
 * <p>Pattern r draws {@code Hₐ = table(nₐ).sample(draw(key(seed, r), hashValue(a)))} for every
 * magnitude a (ascending) and sums in that order; it is a pure function of (seed, r, the multiset
 * of differences). The draws differ from the per-example path's, so for the same seed p-values
 * differ within Monte Carlo error; the path is taken only where {@link CountTable#pays} says so.
 */
final class MagnitudeCountPatterns {
  /** Distinct non-zero magnitudes, ascending. */
  private final double[] magnitudes;
  private final int[] counts;
  private final long[] hashes;
  private final CountTable[] tables;

  private MagnitudeCountPatterns(double[] magnitudes, int[] counts) {
    this.magnitudes = magnitudes;
    this.counts = counts;
    this.hashes = new long[magnitudes.length];
    this.tables = new CountTable[magnitudes.length];
    for (int k = 0; k < magnitudes.length; k++) {
      hashes[k] = CounterRandom.hashValue(magnitudes[k]);
      tables[k] = CountTable.binomialHalf(counts[k]);
    }
  }

  /**
   * The per-magnitude patterns of these differences (finite, at least one non-zero), or null when
   * drawing per magnitude does not pay ({@link CountTable#pays}, counted over all n examples: the
   * per-example path visits zeros too).
   */
  static MagnitudeCountPatterns of(double[] differences) {
    int n = differences.length;
    if (n < CountTable.MIN_EXAMPLES) {
      return null;
    }
    double[] a = new double[n];
    int m = 0;
    for (double d : differences) {
      if (d != 0) {
        a[m++] = Math.abs(d);
      }
    }
    ValueCounts groups = ValueCounts.of(Arrays.copyOf(a, m));
    if (groups.size() == 0 || !CountTable.pays(n, groups.size())) {
      return null;
    }
    return new MagnitudeCountPatterns(groups.values(), groups.counts());
  }

  /**
   * The Monte Carlo p-value {@code (1 + #{|T*| >= threshold}) / (R + 1)} over {@code resamples}
   * patterns (Phipson and Smyth 2010).
   */
  double pValue(long seed, int resamples, int threads, double threshold) {
    boolean[] extreme = new boolean[resamples];
    new ReplicateRunner(threads).run(resamples, (from, to) -> {
      // Magnitudes outer, patterns inner: each magnitude's table stays in the cache while it serves
      // every pattern of the range; each pattern still sums its magnitudes in ascending order.
      int m = to - from;
      long[] keys = new long[m];
      double[] sums = new double[m];
      for (int j = 0; j < m; j++) {
        keys[j] = key(seed, from + j);
      }
      for (int k = 0; k < magnitudes.length; k++) {
        CountTable table = tables[k];
        long hash = hashes[k];
        double a = magnitudes[k];
        int n = counts[k];
        for (int j = 0; j < m; j++) {
          sums[j] += a * (2L * table.sample(CounterRandom.draw(keys[j], hash)) - n);
        }
      }
      for (int j = 0; j < m; j++) {
        extreme[from + j] = Math.abs(sums[j]) >= threshold;
      }
    });
    int count = 0;
    for (boolean e : extreme) {
      if (e) {
        count++;
      }
    }
    return (1.0 + count) / (resamples + 1.0);
  }

  /** Pattern r's statistic {@code Σₐ a·(2Hₐ - nₐ)}, computed alone (what {@link #pValue} computes for it). */
  double statistic(long seed, int r) {
    long key = key(seed, r);
    double sum = 0;
    for (int k = 0; k < magnitudes.length; k++) {
      int heads = tables[k].sample(CounterRandom.draw(key, hashes[k]));
      sum += magnitudes[k] * (2L * heads - counts[k]);
    }
    return sum;
  }

  private static long key(long seed, int r) {
    return CounterRandom.replicateKey(seed, CounterRandom.STREAM_PERMUTATION_BY_VALUE, r, 0);
  }
}
