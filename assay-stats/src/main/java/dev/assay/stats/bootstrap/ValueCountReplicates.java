package dev.assay.stats.bootstrap;

import dev.assay.stats.random.CountTable;
import dev.assay.stats.random.CounterRandom;
import dev.assay.stats.random.ValueCounts;

/**
 * Bootstrap replicates of a paired mean difference drawn per distinct difference instead of per
 * example.
 *
 * <p>Why it is the same bootstrap: in a Poisson bootstrap replicate the mean difference is {@code
 * Σᵢ wᵢdᵢ / Σᵢ wᵢ} with independent Poisson(1) weights wᵢ. Grouping the examples by their
 * difference v, it is {@code Σᵥ Wᵥ·v / Σᵥ Wᵥ} with {@code Wᵥ} the sum of the weights of the nᵥ
 * examples whose difference is v, and a sum of nᵥ independent Poisson(1) variates is one
 * Poisson(nᵥ) variate, independent across values. So one Poisson(nᵥ) draw per distinct value
 * ({@link CountTable}) gives replicates with exactly the distribution of the per-example draw, at
 * a cost that grows with the number of distinct differences rather than with n: a 0/1 metric has
 * at most three, latencies in milliseconds a few thousand whatever n is.
 *
 * <p>The draws are not those of the per-example path (a different stream, keyed by value), so for
 * the same seed the replicates differ from it within Monte Carlo error. The path is taken only
 * where {@link CountTable#pays} says so (at least 10,000 examples), so the figures a seed gave
 * below that are unchanged.
 *
 * <p>Count for count: replicate r draws {@code Wᵥ = table(nᵥ).sample(draw(key(seed, r, attempt),
 * hashValue(v)))} for every distinct v (ascending), and is {@code Σᵥ Wᵥ·v / Σᵥ Wᵥ} summed in that
 * order; a replicate whose counts are all 0 (probability e⁻ⁿ) is redrawn with the next attempt.
 * It is a pure function of (seed, r, the multiset of differences), so it does not depend on input
 * order, ids or thread count.
 */
final class ValueCountReplicates {
  private final long seed;
  /** Distinct differences, ascending. */
  private final double[] values;
  private final long[] hashes;
  private final CountTable[] tables;
  private final double estimate;
  private final double acceleration;

  private ValueCountReplicates(long seed, double[] values, int[] counts) {
    this.seed = seed;
    this.values = values;
    this.hashes = new long[values.length];
    this.tables = new CountTable[values.length];
    long n = 0;
    double sum = 0;
    for (int k = 0; k < values.length; k++) {
      hashes[k] = CounterRandom.hashValue(values[k]);
      tables[k] = CountTable.poisson(counts[k]);
      n += counts[k];
      sum += counts[k] * values[k];
    }
    // The estimate by the replicates' own formula (every count at its observed nᵥ), so a replicate
    // equal to it in exact arithmetic compares equal (BCa counts ties one half).
    this.estimate = sum / n;
    // The jackknife acceleration of a mean: leaving out an example of difference v moves the mean
    // by (mean - v)/(n - 1), so a = Σ nᵥ(v - d̄)³ / (6 (Σ nᵥ(v - d̄)²)^{3/2}) (JackknifeAcceleration
    // for one sample, grouped by value).
    double cubes = 0;
    double squares = 0;
    for (int k = 0; k < values.length; k++) {
      double u = values[k] - estimate;
      squares += counts[k] * u * u;
      cubes += counts[k] * u * u * u;
    }
    this.acceleration = squares == 0 ? 0 : cubes / (6 * Math.pow(squares, 1.5));
  }

  /**
   * The per-value kernel of {@code candidate - baseline} (paired by position), or null when drawing
   * per value does not pay ({@link CountTable#pays}) or a difference is not finite.
   */
  static ValueCountReplicates of(double[] baseline, double[] candidate, long seed) {
    int n = baseline.length;
    if (n < CountTable.MIN_EXAMPLES) {
      return null;
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = candidate[i] - baseline[i];
      if (!Double.isFinite(d[i])) {
        return null; // the per-example path refuses it with its own message
      }
    }
    ValueCounts groups = ValueCounts.of(d);
    if (!CountTable.pays(n, groups.size())) {
      return null;
    }
    return new ValueCountReplicates(seed, groups.values(), groups.counts());
  }

  /** The mean difference on the observed data, by the replicates' formula. */
  double estimate() {
    return estimate;
  }

  /** The BCa acceleration from the jackknife of the mean difference, computed per value. */
  double acceleration() {
    return acceleration;
  }

  /** Number of distinct differences (draws per replicate). */
  int distinctValues() {
    return values.length;
  }

  /**
   * Writes replicates {@code [from, to)} into {@code out}. Values are the outer loop and replicates
   * the inner one, so each value's table stays in the cache while it serves every replicate of the
   * range (a thousand tables visited in turn per replicate would not fit); each replicate's sum still
   * adds its values in ascending order, so the result is what {@link #replicate} computes alone.
   */
  void compute(int from, int to, double[] out) {
    int m = to - from;
    long[] keys = new long[m];
    long[] totals = new long[m];
    double[] sums = new double[m];
    for (int j = 0; j < m; j++) {
      keys[j] = CounterRandom.replicateKey(seed, CounterRandom.STREAM_BOOTSTRAP_BY_VALUE, from + j, 0);
    }
    for (int k = 0; k < values.length; k++) {
      CountTable table = tables[k];
      long hash = hashes[k];
      double v = values[k];
      for (int j = 0; j < m; j++) {
        int w = table.sample(CounterRandom.draw(keys[j], hash));
        totals[j] += w;
        sums[j] += w * v;
      }
    }
    for (int j = 0; j < m; j++) {
      out[from + j] = totals[j] > 0 ? sums[j] / totals[j] : replicate(from + j, 1);
    }
  }

  /** Replicate r alone, from draw attempt {@code firstAttempt} on (attempts whose counts are all 0 are redrawn). */
  double replicate(int r, long firstAttempt) {
    for (long attempt = firstAttempt; ; attempt++) {
      long key = CounterRandom.replicateKey(seed, CounterRandom.STREAM_BOOTSTRAP_BY_VALUE, r, attempt);
      long total = 0;
      double sum = 0;
      for (int k = 0; k < values.length; k++) {
        int w = tables[k].sample(CounterRandom.draw(key, hashes[k]));
        total += w;
        sum += w * values[k];
      }
      if (total > 0) {
        return sum / total;
      }
    }
  }
}
