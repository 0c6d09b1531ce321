package dev.assay.metrics.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ScoreGroups} (radix sort and merge) against {@link LegacyScoreGroups} (sort and binary
 * search) on seeded random data: heavy ties, both zeros, infinities, subnormals, negative scores,
 * unit, integer and fractional weights. Groups, their order and their weight sums must be equal
 * bit for bit; and the radix sort must order keys as an unsigned comparison sort does.
 */
class ScoreGroupsOracleTest {
  private static final long SEED = 20261130L;
  private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, 0.5, 1e-300};

  @Test
  void groupsEqualTheSortAndSearchGroups() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int c = 0; c < 500; c++) {
      int n = random.nextInt(0, 3000);
      int levels = random.nextInt(1, 50);
      boolean[] positive = new boolean[n];
      double[] score = new double[n];
      double[] weight = new double[n];
      int weighting = random.nextInt(3);
      for (int i = 0; i < n; i++) {
        positive[i] = random.nextInt(3) == 0;
        score[i] = random.nextInt(10) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)]
            : random.nextBoolean() ? random.nextInt(levels) / (double) levels - 0.3 : random.nextGaussian();
        weight[i] = weighting == 0 ? 1 : weighting == 1 ? random.nextInt(4) : random.nextDouble() * 3;
      }
      double[] w = c % 7 == 0 && weighting == 0 ? null : weight;
      LegacyScoreGroups expected = LegacyScoreGroups.of(positive, score, weight);
      String context = "seed " + SEED + " case " + c + " n " + n;
      ScoreGroups hashed = ScoreGroups.hashed(positive, score, w, 1 + random.nextInt(Math.max(1, n)));
      for (ScoreGroups actual : new ScoreGroups[] {ScoreGroups.of(positive, score, w),
          ScoreGroups.sorted(positive, score, w), hashed}) {
        if (actual == null) {
          continue; // more distinct scores than the hash table's limit
        }
        assertThat(actual.scores).as(context).containsExactly(expected.scores);
        assertThat(actual.positive).as(context).containsExactly(expected.positive);
        assertThat(actual.negative).as(context).containsExactly(expected.negative);
      }
    }
  }

  @Test
  void radixSortOrdersAsAnUnsignedComparisonSort() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int c = 0; c < 60; c++) {
      int n = random.nextInt(0, 3000);
      long[] keys = new long[n];
      double[] payload = new double[n];
      long mask = random.nextBoolean() ? -1L : random.nextLong();
      for (int i = 0; i < n; i++) {
        keys[i] = random.nextLong() & mask;
        payload[i] = keys[i] * 0.5 + i; // distinct and tied to its key and position
      }
      Long[] boxed = Arrays.stream(keys).boxed().toArray(Long[]::new);
      Integer[] order = new Integer[n];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Long.compareUnsigned(boxed[a], boxed[b])); // stable
      long[] sortedKeys = keys.clone();
      double[] sortedPayload = payload.clone();
      RadixSort.sort(sortedKeys, sortedPayload);
      for (int i = 0; i < n; i++) {
        assertThat(sortedKeys[i]).as("seed %d case %d index %d", SEED + 1, c, i).isEqualTo(keys[order[i]]);
        assertThat(sortedPayload[i]).as("seed %d case %d index %d", SEED + 1, c, i).isEqualTo(payload[order[i]]);
      }
    }
  }
}
