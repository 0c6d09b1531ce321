package dev.assay.stats.bootstrap;

import dev.assay.stats.random.CounterRandom;
import java.util.Arrays;

/**
 * Bootstrap replicates of a {@link CorpusSums} statistic whose columns are all 0/1 indicators or
 * ones (accuracy, exact match, pass rates and their paired differences), over unclustered
 * examples: bitwise identical to {@link FusedCorpusReplicates} and to the generic path, and
 * faster.
 *
 * <p>Why it is faster:
 *
 * <ul>
 *   <li>Examples are grouped by their <em>pattern</em> (the tuple of their indicator values; a
 *       paired 0/1 comparison has four: both, candidate only, baseline only, neither). Within a
 *       pattern every indicator column is constant, so a replicate's column sums follow from its
 *       total weight per pattern: no per-column dot product is needed at all. Grouping reorders
 *       the summation, which is harmless because all sums are integers (exact in any order), and
 *       does not change a single weight, because a weight depends only on the example's id hash.
 *   <li>Drawing a weight vectorises, but reducing weights to a per-replicate total does not (C2
 *       leaves long reductions scalar). The capped weights of {@value #LANES} replicates are packed
 *       into 16-bit lanes of one {@code long} per example ({@code packed[i] = Σⱼ wⱼ[i] << 16j},
 *       a vectorised update), so one scalar reduction yields four replicates' totals.
 * </ul>
 *
 * <p>Why it is exact: capped weights are at most {@link CounterRandom#POISSON_BLOCK_CAP} = 8, so a
 * lane of a block sum is at most 8·{@value #BLOCK} = 2¹³ and never carries into the next lane. A
 * capped weight (exactly 8, meaning "8 or more") shows as bit 3 of its lane in the OR of the
 * packed words; that replicate's block total is then taken from the exact weights of {@link
 * CounterRandom#poissonOneBlock} (about 1% of replicate-blocks). A replicate in which a group
 * draws total weight 0 is recomputed by the generic path, which redraws it, as in {@link
 * FusedCorpusReplicates}.
 */
final class IndicatorReplicates {

  /** Examples per block: 8·BLOCK must stay below 2¹⁶ so that lanes cannot overflow. */
  private static final int BLOCK = 1024;
  /**
   * Segment alignment, a multiple of the widest vector loop (C2 unrolls 8 AVX-512 vectors of 8
   * longs): loops over a padded block have no scalar remainder. BLOCK is a multiple of PAD.
   */
  private static final int PAD = 64;
  /** Replicates per tile: a block's hashes are reused from cache across a tile. */
  private static final int TILE = 32;
  /** Replicates packed into one long, 16 bits each. */
  private static final int LANES = 4;
  private static final int LANE_BITS = 16;
  private static final long LANE_MASK = 0xFFFF;
  /** Examples per group from which this kernel beats {@link FusedCorpusReplicates}. */
  static final int MIN_GROUP_SIZE = 2_048;
  /** Indicator columns supported: 2^4 = 16 patterns keep blocks long. */
  static final int MAX_INDICATORS = 4;
  /** Bit 3 of a lane: set in the OR of packed weights exactly when a weight was capped at 8. */
  private static final long CAPPED_BIT = CounterRandom.POISSON_BLOCK_CAP;

  private final long seed;
  private final int dimension;
  private final CorpusSums.Combiner combiner;
  /** Per column: its indicator index, or -1 for a column of ones. */
  private final int[] indicatorIndex;
  private final int indicators;
  /** Unit hashes, reordered so that each group's examples are contiguous by pattern. */
  private final long[] hashByPattern;
  /** Per group g and pattern q: its examples are [start[g][q], end[g][q]) of hashByPattern. */
  private final int[][] patternStart;
  private final int[][] patternEnd;

  IndicatorReplicates(CorpusSums sums, ResamplingUnits units, long seed) {
    if (!applies(sums, units)) {
      throw new IllegalArgumentException(
          "indicator replicates need unclustered 0/1 columns, at most " + MAX_INDICATORS
              + " of them not all ones");
    }
    this.seed = seed;
    double[][] columns = sums.columns();
    this.dimension = columns.length;
    this.combiner = sums.combiner();
    this.indicatorIndex = new int[dimension];
    int count = 0;
    for (int k = 0; k < dimension; k++) {
      indicatorIndex[k] = allOnes(columns[k]) ? -1 : count++;
    }
    this.indicators = count;
    int patterns = 1 << indicators;
    int[] groupStart = units.groupUnitStart;
    int groups = groupStart.length - 1;
    int[] pattern = new int[units.exampleCount];
    for (int k = 0; k < dimension; k++) {
      if (indicatorIndex[k] >= 0) {
        double[] column = columns[k];
        for (int i = 0; i < pattern.length; i++) {
          pattern[i] |= (int) column[i] << indicatorIndex[k];
        }
      }
    }
    // Counting sort by (group, pattern), stable: canonical order is kept within a pattern. Each
    // segment starts at a multiple of PAD, and the gap after it is filler that is drawn but never
    // summed, so the vectorised loops run whole vectors instead of a scalar tail per segment.
    this.patternStart = new int[groups][patterns];
    this.patternEnd = new int[groups][patterns];
    int[][] perPattern = new int[groups][patterns];
    int size = 0;
    for (int g = 0; g < groups; g++) {
      for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
        perPattern[g][pattern[i]]++;
      }
      for (int q = 0; q < patterns; q++) {
        patternStart[g][q] = size;
        patternEnd[g][q] = size + perPattern[g][q];
        size += roundUp(perPattern[g][q]);
      }
    }
    this.hashByPattern = new long[size];
    for (int g = 0; g < groups; g++) {
      int[] next = patternStart[g].clone();
      for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
        hashByPattern[next[pattern[i]]++] = units.unitHash[i];
      }
    }
  }

  private static int roundUp(int count) {
    return (count + PAD - 1) / PAD * PAD;
  }

  /**
   * Whether the examples are unclustered and every column holds only 0 and 1, with at most
   * {@value #MAX_INDICATORS} columns that are not all ones (so at most 16 patterns).
   */
  static boolean applies(CorpusSums sums, ResamplingUnits units) {
    if (!units.isIdentity()) {
      return false;
    }
    int indicators = 0;
    for (double[] column : sums.columns()) {
      for (double v : column) {
        if (v != 0.0 && v != 1.0) {
          return false;
        }
      }
      indicators += allOnes(column) ? 0 : 1;
    }
    return indicators <= MAX_INDICATORS;
  }

  /**
   * Whether this kernel is the faster one: with fewer than {@value #MIN_GROUP_SIZE} examples in a
   * group, per-block overheads (padded pattern segments, lane bookkeeping) outweigh the saved
   * products and {@link FusedCorpusReplicates} is as fast or faster (CPU per replicate, paired
   * 0/1 data: 1.2× slower at n = 200 and 500, 1.3× faster at 1,000, 1.4× at 10,000, 1.6× at
   * 1,000,000; the threshold keeps a margin).
   */
  static boolean pays(ResamplingUnits units) {
    for (int g = 0; g < units.groupCount; g++) {
      if (units.unitsInGroup(g) < MIN_GROUP_SIZE) {
        return false;
      }
    }
    return true;
  }

  private static boolean allOnes(double[] column) {
    for (double v : column) {
      if (v != 1.0) {
        return false;
      }
    }
    return true;
  }

  /** Writes replicates {@code [from, to)} into {@code values}. */
  void compute(int from, int to, double[] values, FusedCorpusReplicates.Fallback fallback) {
    int groups = patternStart.length;
    int patterns = 1 << indicators;
    long[] keys = new long[TILE];
    // Total weight of each (replicate slot, group, pattern) in the tile.
    long[] patternTotals = new long[TILE * groups * patterns];
    long[] weights = new long[BLOCK];
    long[] packed = new long[BLOCK];
    long[] blockHashes = new long[BLOCK];
    for (int r0 = from; r0 < to; r0 += TILE) {
      int m = Math.min(TILE, to - r0);
      Arrays.fill(patternTotals, 0);
      for (int g = 0; g < groups; g++) {
        for (int j = 0; j < m; j++) {
          keys[j] = CounterRandom.replicateKey(seed, CounterRandom.STREAM_BOOTSTRAP + g, r0 + j, 0);
        }
        for (int q = 0; q < patterns; q++) {
          int end = patternEnd[g][q];
          for (int b = patternStart[g][q]; b < end; b += BLOCK) {
            int len = Math.min(BLOCK, end - b);
            // Filler up to the padded length is drawn and packed but not summed below.
            int padded = roundUp(len);
            // One copy of the block's hashes serves every replicate of the tile.
            System.arraycopy(hashByPattern, b, blockHashes, 0, padded);
            for (int j = 0; j < m; j += LANES) {
              int lanes = Math.min(LANES, m - j);
              int slot = (j * groups + g) * patterns + q;
              addBlockTotals(keys, j, lanes, blockHashes, len, padded, weights, packed,
                  patternTotals, slot, groups * patterns);
            }
          }
        }
      }
      for (int j = 0; j < m; j++) {
        values[r0 + j] = nonEmpty(j, groups, patternTotals)
            ? combiner.combine(groupSums(j, groups, patternTotals))
            : fallback.replicate(r0 + j);
      }
    }
  }

  /**
   * Adds the total weight of the block whose hashes are {@code blockHashes[0, len)} in
   * replicates {@code keys[j..j+lanes)} to {@code patternTotals[slot + l·stride]}. A method of
   * its own so that the JIT compiles this hot body on its own rather than only inside an
   * on-stack replacement of {@link #compute}.
   */
  private static void addBlockTotals(long[] keys, int j, int lanes, long[] blockHashes, int len,
      int padded, long[] weights, long[] packed, long[] patternTotals, int slot, int stride) {
    for (int l = 0; l < lanes; l++) {
      CounterRandom.poissonOneCappedBlock(keys[j + l], blockHashes, weights, padded);
      pack(weights, packed, padded, l);
    }
    long total = 0;
    long capped = 0;
    for (int i = 0; i < len; i++) {
      long p = packed[i];
      total += p;
      capped |= p;
    }
    for (int l = 0; l < lanes; l++) {
      int shift = l * LANE_BITS;
      patternTotals[slot + l * stride] += ((capped >>> shift) & CAPPED_BIT) == 0
          ? (total >>> shift) & LANE_MASK
          : CounterRandom.poissonOneBlock(keys[j + l], blockHashes, weights, len);
    }
  }

  /** {@code packed[i] = w[i]} for lane 0, else {@code packed[i] += w[i] << 16·lane}. */
  private static void pack(long[] weights, long[] packed, int len, int lane) {
    if (lane == 0) {
      System.arraycopy(weights, 0, packed, 0, len);
      return;
    }
    int shift = lane * LANE_BITS;
    for (int i = 0; i < len; i++) {
      packed[i] += weights[i] << shift;
    }
  }

  /** Whether every group of replicate slot j drew positive total weight. */
  private boolean nonEmpty(int j, int groups, long[] patternTotals) {
    int patterns = 1 << indicators;
    for (int g = 0; g < groups; g++) {
      long total = 0;
      int at = (j * groups + g) * patterns;
      for (int q = 0; q < patterns; q++) {
        total += patternTotals[at + q];
      }
      if (total == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Column sums of replicate slot j per group, from its pattern totals: a column of ones sums to
   * the total weight, an indicator column to the weight of the patterns in which it is 1.
   */
  private double[][] groupSums(int j, int groups, long[] patternTotals) {
    int patterns = 1 << indicators;
    double[][] sums = new double[groups][dimension];
    long[] indicatorSums = new long[indicators];
    for (int g = 0; g < groups; g++) {
      int at = (j * groups + g) * patterns;
      long total = 0;
      Arrays.fill(indicatorSums, 0);
      for (int q = 0; q < patterns; q++) {
        long w = patternTotals[at + q];
        total += w;
        for (int c = 0; c < indicators; c++) {
          indicatorSums[c] += ((q >>> c) & 1) * w;
        }
      }
      for (int k = 0; k < dimension; k++) {
        sums[g][k] = indicatorIndex[k] >= 0 ? indicatorSums[indicatorIndex[k]] : total;
      }
    }
    return sums;
  }
}
