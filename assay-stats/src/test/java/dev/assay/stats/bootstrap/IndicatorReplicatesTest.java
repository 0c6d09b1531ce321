package dev.assay.stats.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.stats.random.CounterRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The packed kernel for 0/1 columns must reproduce the slow reference (weights from {@link
 * ReplicateWeights}, one scalar Poisson draw per example, then {@link CorpusSums#value}) bit for
 * bit: several blocks with a partial last block, partial tiles and lane groups, two groups, up to
 * 16 patterns of four indicator columns, weights of 8 or more (the exact total of a capped block),
 * and redrawn (empty) resamples.
 */
class IndicatorReplicatesTest {

  /** Paired 0/1 outcomes (baseline, 1, candidate, 1), as {@code pairedMeanDifference} builds. */
  private static KeyedRecords<double[]> outcomes(String prefix, int n, long seed) {
    Random random = new Random(seed);
    List<String> ids = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(prefix + i);
      vectors.add(new double[] {random.nextInt(2), 1, random.nextDouble() < 0.8 ? 1 : 0, 1});
    }
    return KeyedRecords.of(ids, vectors);
  }

  private static CorpusSums meanDifference(List<KeyedRecords<double[]>> groups) {
    CorpusStatistic side = CorpusStatistic.ratioOfSums();
    return groups.size() == 1
        ? new CorpusSums(groups, 4, g -> side.value(new double[] {g[0][2], g[0][3]})
            - side.value(new double[] {g[0][0], g[0][1]}))
        : new CorpusSums(groups, 4, g -> side.value(g[1]) - side.value(g[0]));
  }

  /** Returns how many reference weights were 8 or more (capped in the packed kernel). */
  private static int assertSameAsReference(List<KeyedRecords<double[]>> groups, long seed,
      int from, int to) {
    CorpusSums sums = meanDifference(groups);
    ResamplingUnits units = ResamplingUnits.of(groups);
    ReplicateWeights weights = new ReplicateWeights(units, seed);
    double[] reference = new double[to];
    double[] w = new double[units.exampleCount];
    int capped = 0;
    for (int r = from; r < to; r++) {
      weights.fill(r, w, w);
      reference[r] = sums.value(w);
      for (double x : w) {
        capped += x >= 8 ? 1 : 0;
      }
    }
    assertThat(IndicatorReplicates.applies(sums, units)).isTrue();
    double[] packed = new double[to];
    int[] fallbacks = {0};
    new IndicatorReplicates(sums, units, seed).compute(from, to, packed, r -> {
      fallbacks[0]++;
      double[] scratch = new double[units.exampleCount];
      weights.fill(r, scratch, scratch);
      return sums.value(scratch);
    });
    for (int r = from; r < to; r++) {
      assertThat(Double.doubleToRawLongBits(packed[r]))
          .as("replicate %d, seed %d, %d fallbacks", r, seed, fallbacks[0])
          .isEqualTo(Double.doubleToRawLongBits(reference[r]));
    }
    return capped;
  }

  @Test
  void pairedOutcomesOverSeveralBlocksMatchBitForBitIncludingCappedWeights() {
    long seed = 41;
    // 5,000 examples: four full blocks and a partial one; replicates 3..301: partial first and
    // last tiles and a partial lane group; 1.5 million draws, so weights >= 8 (P ≈ 1e-5) occur.
    int capped = assertSameAsReference(List.of(outcomes("ex-", 5_000, seed)), seed, 3, 302);
    assertThat(capped).as("weights >= 8 exercised, seed %d", seed).isGreaterThan(0);
  }

  @Test
  void twoIndependentGroupsMatchBitForBit() {
    long seed = 8;
    assertSameAsReference(
        List.of(outcomes("b-", 2_100, seed), outcomes("c-", 900, seed + 1)), seed, 0, 45);
  }

  @Test
  void emptyResamplesAreRedrawnLikeTheReference() {
    for (long seed = 0; seed < 5; seed++) {
      assertSameAsReference(List.of(outcomes("one-", 1, seed)), seed, 0, 200);
      assertSameAsReference(List.of(outcomes("b-", 2, seed), outcomes("c-", 1, seed)), seed, 0,
          200);
    }
  }

  @Test
  void fourIndicatorColumnsSixteenPatternsMatchBitForBit() {
    long seed = 16;
    Random random = new Random(seed);
    List<String> ids = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      ids.add("m-" + i);
      vectors.add(new double[] {random.nextInt(2), 1, random.nextInt(2), random.nextInt(2),
          random.nextDouble() < 0.9 ? 1 : 0});
    }
    List<KeyedRecords<double[]>> groups = List.of(KeyedRecords.of(ids, vectors));
    CorpusSums sums = new CorpusSums(groups, 5,
        g -> (g[0][0] + 3 * g[0][2] - 0.7 * g[0][3] + Math.PI * g[0][4]) / g[0][1]);
    ResamplingUnits units = ResamplingUnits.of(groups);
    assertThat(IndicatorReplicates.applies(sums, units)).isTrue();
    ReplicateWeights weights = new ReplicateWeights(units, seed);
    double[] w = new double[units.exampleCount];
    double[] packed = new double[70];
    new IndicatorReplicates(sums, units, seed).compute(5, 70, packed, r -> {
      throw new AssertionError("no empty resample expected at n = 3,000");
    });
    for (int r = 5; r < 70; r++) {
      weights.fill(r, w, w);
      assertThat(Double.doubleToRawLongBits(packed[r])).as("replicate %d, seed %d", r, seed)
          .isEqualTo(Double.doubleToRawLongBits(sums.value(w)));
    }
  }

  @Test
  void pairedMeanDifferenceTakesThisKernelAndEqualsTheScalarOracleOnAnyThreadCount() {
    long seed = 12;
    int n = 3_000; // at least MIN_GROUP_SIZE, so Bootstrap picks this kernel
    assertThat(n).isGreaterThanOrEqualTo(IndicatorReplicates.MIN_GROUP_SIZE);
    Random random = new Random(seed);
    List<String> ids = BootstrapDeterminismTest.ids(n);
    double[] b = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = random.nextDouble() < 0.7 ? 1 : 0;
      c[i] = random.nextDouble() < 0.75 ? 1 : 0;
    }
    int replicates = 150;
    double[] one = Bootstrap.defaults().withReplicates(replicates).withSeed(seed).withThreads(1)
        .pairedMeanDifference(ids, b, c, null).replicates();
    double[] two = Bootstrap.defaults().withReplicates(replicates).withSeed(seed).withThreads(2)
        .pairedMeanDifference(ids, b, c, null).replicates();
    for (int r = 0; r < replicates; r++) {
      long key = CounterRandom.replicateKey(seed, CounterRandom.STREAM_BOOTSTRAP, r, 0);
      long sw = 0;
      long sb = 0;
      long sc = 0;
      for (int i = 0; i < n; i++) {
        int w = CounterRandom.poissonOne(CounterRandom.draw(key, CounterRandom.hashId(ids.get(i))));
        sw += w;
        sb += w * (long) b[i];
        sc += w * (long) c[i];
      }
      double oracle = (double) sc / sw - (double) sb / sw;
      assertThat(Double.doubleToRawLongBits(one[r])).as("replicate %d, seed %d", r, seed)
          .isEqualTo(Double.doubleToRawLongBits(oracle));
      assertThat(Double.doubleToRawLongBits(two[r])).as("2 threads, replicate %d, seed %d", r,
          seed).isEqualTo(Double.doubleToRawLongBits(oracle));
    }
  }

  @Test
  void appliesOnlyToUnclusteredZeroOneColumns() {
    List<String> ids = List.of("a", "b", "c");
    List<double[]> binary = List.of(new double[] {0, 1}, new double[] {1, 1},
        new double[] {1, 1});
    List<double[]> counts = List.of(new double[] {0, 1}, new double[] {2, 1},
        new double[] {1, 1});
    List<double[]> real = List.of(new double[] {0.5, 1}, new double[] {1, 1},
        new double[] {1, 1});
    assertThat(applies(KeyedRecords.of(ids, binary))).isTrue();
    assertThat(applies(KeyedRecords.of(ids, counts))).isFalse();
    assertThat(applies(KeyedRecords.of(ids, real))).isFalse();
    assertThat(applies(KeyedRecords.clustered(ids, List.of("x", "x", "y"), binary))).isFalse();
    // Five indicator columns (32 patterns) exceed the limit of four.
    List<double[]> wide = List.of(new double[] {0, 1, 0, 1, 0}, new double[] {1, 0, 1, 0, 1},
        new double[] {1, 1, 0, 0, 1});
    assertThat(applies(KeyedRecords.of(ids, wide))).isFalse();
  }

  private static boolean applies(KeyedRecords<double[]> sample) {
    int d = sample.records().get(0).length;
    CorpusSums sums = new CorpusSums(List.of(sample), d, g -> g[0][0] / g[0][1]);
    return IndicatorReplicates.applies(sums, ResamplingUnits.of(List.of(sample)));
  }
}
