package dev.assay.stats.bootstrap;

import dev.assay.stats.random.CounterRandom;
import java.util.Arrays;

/**
 * Bootstrap replicates of a {@link CorpusSums} statistic over unclustered examples, computed by
 * drawing each Poisson(1) weight and adding it into the replicate's sums in one blocked pass, with
 * results bitwise identical to {@link ReplicateWeights#fill} followed by {@link CorpusSums#value}.
 *
 * <p>Why it is faster and still identical:
 *
 * <ul>
 *   <li>Replicates are processed in tiles over blocks of examples, so a block's hashes and
 *       columns are read from cache once per tile rather than from memory once per replicate.
 *   <li>A column of integers whose weighted sum can never reach 2⁵³ is summed in {@code long}
 *       arithmetic: every product and partial sum of the double loop is then an exactly
 *       representable integer, so the sums agree exactly, and long additions do not wait on
 *       floating-point latency. A column of ones is the total weight itself.
 *   <li>Such a column whose values are small enough that a block's weighted sum cannot overflow
 *       an int (0/1 outcomes, latencies in ms below 43,690) is summed per block in {@code int}
 *       arithmetic, exact for the same reason, with twice the lanes per vector instruction.
 *   <li>Other columns are summed in double, in canonical example order, like the generic path;
 *       four replicates advance together so their independent sums overlap in the pipeline.
 *   <li>Weights of a block come from {@link CounterRandom#poissonOneBlock}, which the JIT
 *       vectorises; they equal the scalar draws exactly.
 * </ul>
 *
 * <p>Weights are drawn with {@code attempt = 0}. A replicate in which a group draws total weight 0
 * (probability e⁻ⁿ for n examples) is recomputed by the generic path, which redraws it.
 */
final class FusedCorpusReplicates {

  /** Recomputes one replicate by the generic path (used for redrawn replicates). */
  @FunctionalInterface
  interface Fallback {
    double replicate(int r);
  }

  /** Recomputes one replicate of statistic {@code k} by the generic path (used for redrawn replicates). */
  @FunctionalInterface
  interface EachFallback {
    double replicate(int k, int r);
  }

  /** Computes replicates {@code [from, to)} into {@code values} (this class or a specialisation). */
  @FunctionalInterface
  interface Kernel {
    void compute(int from, int to, double[] values, Fallback fallback);
  }

  /** Examples per block: a block's hashes, weights and columns stay in L1/L2 across a tile. */
  private static final int BLOCK = 2048;
  /** Replicates per tile: each block is read from memory once per tile. */
  private static final int TILE = 32;
  /**
   * Replicates whose double sums advance together: each sum is a chain of dependent additions,
   * so interleaving independent chains hides the floating-point latency without reordering any
   * one sum.
   */
  private static final int LANES = 4;
  /** Largest Poisson(1) weight {@link CounterRandom#poissonOne} can return. */
  private static final int MAX_WEIGHT = 24;
  /** 2⁵³: integers below this are exact in double. */
  private static final double EXACT_INTEGER_LIMIT = 0x1.0p53;

  private final long seed;
  private final long[] hash;
  private final int[] groupStart;
  private final int dimension;
  private final CorpusSums.Combiner combiner;
  /** Per column: its position in the long, double or ones class. */
  private final int[] longIndex;
  private final int[] doubleIndex;
  private final long[][] longColumns;
  /**
   * Per long column, the same values as int when a block's weighted sum cannot overflow an int
   * ({@link #fitsInt}), else null: an int dot product is exact then too, and runs twice as many
   * lanes per vector instruction.
   */
  private final int[][] intColumns;
  private final double[][] doubleColumns;

  FusedCorpusReplicates(CorpusSums sums, ResamplingUnits units, long seed) {
    if (!units.isIdentity()) {
      throw new IllegalArgumentException("fused replicates need unclustered examples");
    }
    this.seed = seed;
    this.hash = units.unitHash;
    this.groupStart = units.groupUnitStart;
    double[][] columns = sums.columns();
    this.dimension = columns.length;
    this.combiner = sums.combiner();
    this.longIndex = new int[dimension];
    this.doubleIndex = new int[dimension];
    int longs = 0;
    int doubles = 0;
    for (int k = 0; k < dimension; k++) {
      longIndex[k] = -1;
      doubleIndex[k] = -1;
      if (allOnes(columns[k])) {
        continue;
      }
      if (exactAsLong(columns[k])) {
        longIndex[k] = longs++;
      } else {
        doubleIndex[k] = doubles++;
      }
    }
    this.longColumns = new long[longs][];
    this.intColumns = new int[longs][];
    this.doubleColumns = new double[doubles][];
    for (int k = 0; k < dimension; k++) {
      if (longIndex[k] >= 0) {
        double[] c = columns[k];
        long[] l = new long[c.length];
        for (int i = 0; i < c.length; i++) {
          l[i] = (long) c[i];
        }
        longColumns[longIndex[k]] = l;
        if (fitsInt(l)) {
          int[] ints = new int[l.length];
          for (int i = 0; i < l.length; i++) {
            ints[i] = (int) l[i];
          }
          intColumns[longIndex[k]] = ints;
        }
      } else if (doubleIndex[k] >= 0) {
        doubleColumns[doubleIndex[k]] = columns[k];
      }
    }
  }

  private static boolean allOnes(double[] column) {
    for (double v : column) {
      if (v != 1.0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a weighted double sum of this column, in any order of accumulation, is exact: every
   * value an integer (so w·x and every partial sum are integers) and Σ|x|·MAX_WEIGHT below 2⁵³.
   */
  private static boolean exactAsLong(double[] column) {
    double bound = 0;
    for (double v : column) {
      if (v != Math.rint(v) || Double.isInfinite(v)) {
        return false;
      }
      bound += Math.abs(v) * MAX_WEIGHT;
    }
    return bound < EXACT_INTEGER_LIMIT;
  }

  /**
   * Whether Σ wᵢ·xᵢ over any block fits in an int: |xᵢ|·MAX_WEIGHT·BLOCK below 2³¹ for every value,
   * so no partial sum of an int dot product can overflow and it equals the long one exactly.
   */
  private static boolean fitsInt(long[] column) {
    long limit = Integer.MAX_VALUE / ((long) MAX_WEIGHT * BLOCK);
    for (long v : column) {
      if (Math.abs(v) > limit) {
        return false;
      }
    }
    return true;
  }

  /** Writes replicates {@code [from, to)} into {@code values}. */
  void compute(int from, int to, double[] values, Fallback fallback) {
    computeEach(from, to, new CorpusSums.Combiner[] {combiner}, new double[][] {values}, (k, r) -> fallback.replicate(r));
  }

  /**
   * Replicates {@code [from, to)} of several statistics of the same columns, from one draw of the
   * weights: {@code values[k][r]} is {@code combiners[k]} applied to replicate r's group sums, bit
   * for bit what a kernel over that statistic alone computes (each column's sum does not depend on
   * the other columns). Combiners must not modify their argument.
   */
  void computeEach(int from, int to, CorpusSums.Combiner[] combiners, double[][] values, EachFallback fallback) {
    int groups = groupStart.length - 1;
    int longs = longColumns.length;
    int doubles = doubleColumns.length;
    long[] keys = new long[TILE];
    long[] totals = new long[TILE * groups];
    long[] longSums = new long[TILE * groups * longs];
    double[] doubleSums = new double[TILE * groups * doubles];
    long[] weights = new long[BLOCK];
    int[] intWeights = new int[BLOCK];
    boolean anyInt = false;
    for (int[] c : intColumns) {
      anyInt |= c != null;
    }
    long[] blockHashes = new long[BLOCK];
    double[][] doubleWeights = new double[LANES][BLOCK];
    for (int r0 = from; r0 < to; r0 += TILE) {
      int m = Math.min(TILE, to - r0);
      Arrays.fill(totals, 0);
      Arrays.fill(longSums, 0);
      Arrays.fill(doubleSums, 0);
      for (int g = 0; g < groups; g++) {
        for (int j = 0; j < m; j++) {
          keys[j] = CounterRandom.replicateKey(seed, CounterRandom.STREAM_BOOTSTRAP + g, r0 + j, 0);
        }
        for (int b = groupStart[g]; b < groupStart[g + 1]; b += BLOCK) {
          int len = Math.min(BLOCK, groupStart[g + 1] - b);
          // One copy of the block's hashes serves every replicate of the tile.
          System.arraycopy(hash, b, blockHashes, 0, len);
          for (int j = 0; j < m; j += LANES) {
            int lanes = Math.min(LANES, m - j);
            for (int l = 0; l < lanes; l++) {
              int slot = (j + l) * groups + g;
              totals[slot] += CounterRandom.poissonOneBlock(keys[j + l], blockHashes, weights, len);
              if (anyInt) {
                for (int i = 0; i < len; i++) {
                  intWeights[i] = (int) weights[i];
                }
              }
              for (int c = 0; c < longs; c++) {
                int[] ints = intColumns[c];
                longSums[slot * longs + c] += ints != null ? dot(intWeights, ints, b, len)
                    : dot(weights, longColumns[c], b, len);
              }
              if (doubles > 0) {
                double[] dw = doubleWeights[l];
                for (int i = 0; i < len; i++) {
                  dw[i] = weights[i];
                }
              }
            }
            for (int c = 0; c < doubles; c++) {
              int at = (j * groups + g) * doubles + c;
              int stride = groups * doubles;
              if (lanes == LANES) {
                dot4(doubleWeights, doubleColumns[c], b, len, doubleSums, at, stride);
              } else {
                for (int l = 0; l < lanes; l++) {
                  doubleSums[at + l * stride] = dot(doubleWeights[l], doubleColumns[c], b, len,
                      doubleSums[at + l * stride]);
                }
              }
            }
          }
        }
      }
      for (int j = 0; j < m; j++) {
        if (nonEmpty(j, groups, totals)) {
          double[][] sums = groupSums(j, groups, totals, longSums, doubleSums);
          for (int k = 0; k < combiners.length; k++) {
            values[k][r0 + j] = combiners[k].combine(sums);
          }
        } else {
          for (int k = 0; k < combiners.length; k++) {
            values[k][r0 + j] = fallback.replicate(k, r0 + j);
          }
        }
      }
    }
  }

  private static long dot(long[] weights, long[] column, int b, int len) {
    long s = 0;
    for (int i = 0; i < len; i++) {
      s += weights[i] * column[b + i];
    }
    return s;
  }

  private static int dot(int[] weights, int[] column, int b, int len) {
    int s = 0;
    for (int i = 0; i < len; i++) {
      s += weights[i] * column[b + i];
    }
    return s;
  }

  /** Continues the canonical-order double sum {@code s}, as the generic path accumulates it. */
  private static double dot(double[] weights, double[] column, int b, int len, double s) {
    for (int i = 0; i < len; i++) {
      s += weights[i] * column[b + i];
    }
    return s;
  }

  /**
   * Four canonical-order double sums at once, {@code sums[at + l·stride] += Σ wₗ[i]·column[b+i]}
   * for lanes l = 0..3: each sum is accumulated in the same order as {@link #dot(double[],
   * double[], int, int, double)}, so results are identical.
   */
  private static void dot4(double[][] w, double[] column, int b, int len, double[] sums, int at,
      int stride) {
    double[] w0 = w[0];
    double[] w1 = w[1];
    double[] w2 = w[2];
    double[] w3 = w[3];
    double s0 = sums[at];
    double s1 = sums[at + stride];
    double s2 = sums[at + 2 * stride];
    double s3 = sums[at + 3 * stride];
    for (int i = 0; i < len; i++) {
      double x = column[b + i];
      s0 += w0[i] * x;
      s1 += w1[i] * x;
      s2 += w2[i] * x;
      s3 += w3[i] * x;
    }
    sums[at] = s0;
    sums[at + stride] = s1;
    sums[at + 2 * stride] = s2;
    sums[at + 3 * stride] = s3;
  }

  /** Whether every group of replicate slot j drew a non-empty resample. */
  private static boolean nonEmpty(int j, int groups, long[] totals) {
    for (int g = 0; g < groups; g++) {
      if (totals[j * groups + g] == 0) {
        return false;
      }
    }
    return true;
  }

  private double[][] groupSums(int j, int groups, long[] totals, long[] longSums,
      double[] doubleSums) {
    int longs = longColumns.length;
    int doubles = doubleColumns.length;
    double[][] sums = new double[groups][dimension];
    for (int g = 0; g < groups; g++) {
      int slot = j * groups + g;
      for (int k = 0; k < dimension; k++) {
        if (longIndex[k] >= 0) {
          sums[g][k] = longSums[slot * longs + longIndex[k]];
        } else if (doubleIndex[k] >= 0) {
          sums[g][k] = doubleSums[slot * doubles + doubleIndex[k]];
        } else {
          sums[g][k] = totals[slot];
        }
      }
    }
    return sums;
  }
}
