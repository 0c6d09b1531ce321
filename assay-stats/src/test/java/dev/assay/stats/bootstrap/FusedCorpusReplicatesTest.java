package dev.assay.stats.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused corpus kernel must reproduce the generic path (weights from {@link ReplicateWeights},
 * then {@link CorpusSums#value}) bit for bit: double, integer and all-ones columns, several blocks,
 * partial tiles, two groups, and redrawn (empty) resamples.
 */
class FusedCorpusReplicatesTest {

  private static KeyedRecords<double[]> sample(String prefix, int n, long seed, int kind) {
    Random random = new Random(seed);
    List<String> ids = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(prefix + i);
      double x = switch (kind) {
        case 0 -> random.nextGaussian();                // double column
        case 1 -> random.nextInt(2);                    // 0/1 column, summed as long
        case 2 -> random.nextInt(7) - 3;                // small signed integers, summed as int
        case 4 -> 43_690 - random.nextInt(50);          // int sums at the edge of overflow (limit 43,690)
        case 5 -> 43_691 + random.nextInt(50);          // just past it: summed as long
        case 3 -> (double) (1L << 50) + random.nextInt(4); // integers too large to sum exactly
        default -> throw new IllegalArgumentException("kind " + kind);
      };
      vectors.add(new double[] {x, 1, random.nextDouble() < 0.5 ? 1 : x * 0.5, 1});
    }
    return KeyedRecords.of(ids, vectors);
  }

  private static void assertSameAsGeneric(List<KeyedRecords<double[]>> groups, long seed,
      int from, int to) {
    CorpusStatistic side = CorpusStatistic.ratioOfSums();
    CorpusSums sums = groups.size() == 1
        ? new CorpusSums(groups, 4, g -> side.value(new double[] {g[0][2], g[0][3]})
            - side.value(new double[] {g[0][0], g[0][1]}))
        : new CorpusSums(groups, 4, g -> side.value(g[1]) - side.value(g[0]));
    ResamplingUnits units = ResamplingUnits.of(groups);
    ReplicateWeights weights = new ReplicateWeights(units, seed);
    double[] generic = new double[to];
    double[] w = new double[units.exampleCount];
    for (int r = from; r < to; r++) {
      weights.fill(r, w, w);
      generic[r] = sums.value(w);
    }
    double[] fused = new double[to];
    int[] fallbacks = {0};
    new FusedCorpusReplicates(sums, units, seed).compute(from, to, fused, r -> {
      fallbacks[0]++;
      double[] scratch = new double[units.exampleCount];
      weights.fill(r, scratch, scratch);
      return sums.value(scratch);
    });
    for (int r = from; r < to; r++) {
      assertThat(Double.doubleToRawLongBits(fused[r]))
          .as("replicate %d, seed %d, %d fallbacks", r, seed, fallbacks[0])
          .isEqualTo(Double.doubleToRawLongBits(generic[r]));
    }
  }

  @Test
  void pairedColumnsOfEveryKindOverSeveralBlocksMatchBitForBit() {
    for (int kind = 0; kind < 6; kind++) {
      long seed = 100 + kind;
      assertSameAsGeneric(List.of(sample("ex-", 5_000, seed, kind)), seed, 3, 77);
    }
  }

  @Test
  void twoIndependentGroupsMatchBitForBit() {
    long seed = 7;
    assertSameAsGeneric(
        List.of(sample("b-", 2_100, seed, 0), sample("c-", 900, seed + 1, 1)), seed, 0, 40);
  }

  @Test
  void emptyResamplesAreRedrawnLikeTheGenericPath() {
    // One example draws weight 0 with probability e⁻¹, so many replicates need a redraw.
    for (long seed = 0; seed < 5; seed++) {
      assertSameAsGeneric(List.of(sample("one-", 1, seed, 0)), seed, 0, 200);
      assertSameAsGeneric(
          List.of(sample("b-", 2, seed, 1), sample("c-", 1, seed, 0)), seed, 0, 200);
    }
  }
}
