package dev.assay.stats.hypothesis;

import dev.assay.stats.bootstrap.CorpusStatistic;
import dev.assay.stats.random.CounterRandom;
import dev.assay.stats.random.ReplicateRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Paired approximate randomization test of a corpus-level statistic (BLEU, chrF, micro-F1): is
 * {@code side(Σ candidate) - side(Σ baseline)} zero? Under H₀ the two systems are exchangeable on
 * every resampling unit, so each unit's baseline and candidate sufficient statistics may be
 * swapped. This is the test of Riezler and Maxwell (2005) that sacreBLEU offers as
 * {@code --paired-ar}, with the unit (an example, or a cluster of examples) as the thing swapped.
 *
 * <p>Statistic: T = side(C) - side(B), where B and C are the summed per-example vectors. A
 * permutation swaps the whole vector of every chosen unit, so a swapped corpus has sums
 * {@code C - Δ} and {@code B + Δ}, Δ the summed {@code c - b} of the swapped units. Two-sided
 * p-value: {@code P(|T*| >= |T|)}.
 *
 * <p>Exact when at most {@value #EXACT_LIMIT} units have a non-zero {@code c - b} (a swap of the
 * others changes nothing, so enumerating the 2^m patterns of the m that matter is the exact
 * permutation p-value). Otherwise Monte Carlo: R patterns, the swap of unit u in pattern r a fair
 * coin drawn by {@link CounterRandom} from (seed, {@link #STREAM}, r, hash of the unit key), and
 * {@code p = (1 + #extreme) / (R + 1)} (Phipson and Smyth 2010), never 0. Units are processed in
 * ascending key order and sums are taken in ascending id order, so the result depends neither on
 * input order nor on thread count. Values of |T*| within {@code 1e-9 (|side(C)| + |side(B)|)} of
 * |T| count as ties (floating-point rounding must not drop the observed pattern).
 *
 * <p>Defaults: R = 10,000, seed 0.
 */
public final class PairedCorpusRandomizationTest {

  /** Largest number of units with a non-zero difference enumerated exactly (2^16 patterns). */
  public static final int EXACT_LIMIT = 16;
  public static final int DEFAULT_RESAMPLES = 10_000;
  /**
   * The counter-based stream of the swaps: next to the sign-flip stream of {@link
   * PairedPermutationTest}, so the two tests under one seed draw independent patterns.
   */
  public static final long STREAM = CounterRandom.STREAM_PERMUTATION + 1;

  private final long seed;
  private final int resamples;
  private final int threads;

  public PairedCorpusRandomizationTest(long seed, int resamples, int threads) {
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.seed = seed;
    this.resamples = resamples;
    this.threads = threads;
  }

  /** Seed 0, 10,000 resamples, all processors. */
  public static PairedCorpusRandomizationTest defaults() {
    return new PairedCorpusRandomizationTest(0, DEFAULT_RESAMPLES,
        Runtime.getRuntime().availableProcessors());
  }

  /**
   * Tests {@code side(Σ candidate) - side(Σ baseline) = 0}.
   *
   * @param ids unique example ids
   * @param clusterKeys one cluster key per example (units are clusters, swapped as a whole), or
   *     null to swap examples
   * @param baseline per-example sufficient statistics of the baseline, each of length {@code
   *     side.dimension()}
   * @param candidate the same for the candidate, aligned with {@code baseline}
   * @param side the corpus statistic of one system
   * @return statistic T = side(C) - side(B) and its two-sided p-value
   */
  public TestResult test(List<String> ids, List<String> clusterKeys, List<double[]> baseline,
      List<double[]> candidate, CorpusStatistic side) {
    int n = ids.size();
    int d = side.dimension();
    if (baseline.size() != n || candidate.size() != n || clusterKeys != null && clusterKeys.size() != n) {
      throw new IllegalArgumentException("ids, cluster keys, baseline and candidate differ in length");
    }
    if (n == 0) {
      throw new IllegalArgumentException("no paired examples");
    }
    Integer[] order = new Integer[n];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      order[i] = i;
      String id = ids.get(i);
      if (id == null || !seen.add(id)) {
        throw new IllegalArgumentException("example id '" + id + "' is null or repeated");
      }
      check(baseline.get(i), d, id);
      check(candidate.get(i), d, id);
      if (clusterKeys != null && clusterKeys.get(i) == null) {
        throw new IllegalArgumentException("cluster key of example '" + id + "' is null");
      }
    }
    Arrays.sort(order, (a, b) -> ids.get(a).compareTo(ids.get(b)));
    double[] totalB = new double[d];
    double[] totalC = new double[d];
    Map<String, double[]> byUnit = new TreeMap<>();
    for (int i : order) {
      double[] b = baseline.get(i);
      double[] c = candidate.get(i);
      double[] diff = byUnit.computeIfAbsent(clusterKeys == null ? ids.get(i) : clusterKeys.get(i),
          k -> new double[d]);
      for (int j = 0; j < d; j++) {
        totalB[j] += b[j];
        totalC[j] += c[j];
        diff[j] += c[j] - b[j];
      }
    }
    double valueB = side.value(totalB.clone());
    double valueC = side.value(totalC.clone());
    double observed = valueC - valueB;
    if (!Double.isFinite(observed)) {
      throw new IllegalArgumentException("the corpus statistic is not finite on the observed data");
    }
    List<double[]> moving = new ArrayList<>();
    List<Long> hashes = new ArrayList<>();
    Set<Long> seenHashes = new HashSet<>();
    byUnit.forEach((key, diff) -> {
      long h = CounterRandom.hashId(key);
      if (!seenHashes.add(h)) {
        throw new IllegalArgumentException("two resampling units hash alike; rename unit '" + key + "'");
      }
      if (Arrays.stream(diff).anyMatch(v -> v != 0)) {
        moving.add(diff);
        hashes.add(h);
      }
    });
    String unit = clusterKeys == null ? "" : " (clusters)";
    if (moving.isEmpty()) {
      return new TestResult("paired-randomization-exact" + unit, observed, 1);
    }
    double threshold = Math.abs(observed) - 1e-9 * (Math.abs(valueB) + Math.abs(valueC));
    Swaps swaps = new Swaps(side, totalB, totalC, moving.toArray(new double[0][]), threshold);
    if (moving.size() <= EXACT_LIMIT) {
      return new TestResult("paired-randomization-exact" + unit, observed, swaps.exact());
    }
    long[] unitHashes = hashes.stream().mapToLong(Long::longValue).toArray();
    return new TestResult("paired-randomization-monte-carlo" + unit, observed,
        swaps.monteCarlo(unitHashes, seed, resamples, threads));
  }

  private static void check(double[] v, int d, String id) {
    if (v == null || v.length != d) {
      throw new IllegalArgumentException("statistics of example '" + id + "' must have length " + d);
    }
    for (double x : v) {
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException("statistics of example '" + id + "' are not finite");
      }
    }
  }

  /** The swapped corpora of one data set: T* for a set of swapped units. */
  private record Swaps(CorpusStatistic side, double[] totalB, double[] totalC, double[][] diffs,
      double threshold) {

    /** Whether swapping the units with {@code swapped[u]} gives |T*| at least |T|. */
    boolean extreme(boolean[] swapped, double[] b, double[] c) {
      System.arraycopy(totalB, 0, b, 0, b.length);
      System.arraycopy(totalC, 0, c, 0, c.length);
      for (int u = 0; u < diffs.length; u++) {
        if (swapped[u]) {
          double[] diff = diffs[u];
          for (int j = 0; j < diff.length; j++) {
            c[j] -= diff[j];
            b[j] += diff[j];
          }
        }
      }
      double t = side.value(c) - side.value(b);
      if (Double.isNaN(t)) {
        throw new IllegalStateException("the corpus statistic is NaN on a swapped corpus");
      }
      return Math.abs(t) >= threshold;
    }

    double exact() {
      int m = diffs.length;
      long extreme = 0;
      boolean[] swapped = new boolean[m];
      double[] b = new double[totalB.length];
      double[] c = new double[totalC.length];
      for (int mask = 0; mask < 1 << m; mask++) {
        for (int u = 0; u < m; u++) {
          swapped[u] = (mask >>> u & 1) == 1;
        }
        if (extreme(swapped, b, c)) {
          extreme++;
        }
      }
      return (double) extreme / (1L << m);
    }

    double monteCarlo(long[] unitHashes, long seed, int resamples, int threads) {
      boolean[] extreme = new boolean[resamples];
      new ReplicateRunner(threads).run(resamples, (from, to) -> {
        boolean[] swapped = new boolean[diffs.length];
        double[] b = new double[totalB.length];
        double[] c = new double[totalC.length];
        for (int r = from; r < to; r++) {
          long key = CounterRandom.replicateKey(seed, STREAM, r, 0);
          for (int u = 0; u < swapped.length; u++) {
            swapped[u] = CounterRandom.coin(CounterRandom.draw(key, unitHashes[u]));
          }
          extreme[r] = extreme(swapped, b, c);
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
  }
}
