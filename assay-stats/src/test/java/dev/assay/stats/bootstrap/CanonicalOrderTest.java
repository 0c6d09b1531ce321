package dev.assay.stats.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The index merge sort of {@link CanonicalOrder} against the boxed comparator sort it replaced,
 * and the column-built paired path against {@link Bootstrap#ofCorpus} on per-example vectors.
 */
class CanonicalOrderTest {

  private static final long SEED = 20261207L;

  @Test
  void agreesWithAComparatorSortOnRandomIds() {
    Random random = new Random(SEED);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + random.nextInt(trial < 200 ? 80 : 5_000);
      List<String> ids = randomDistinctIds(random, n);
      Integer[] expected = new Integer[n];
      for (int i = 0; i < n; i++) {
        expected[i] = i;
      }
      Arrays.sort(expected, Comparator.comparing(ids::get));
      int[] order = CanonicalOrder.of(ids);
      assertThat(Arrays.stream(order).boxed().toArray(Integer[]::new))
          .as("seed %d, trial %d, n %d", SEED, trial, n)
          .containsExactly(expected);
    }
  }

  @Test
  void sortedInputIsTheIdentity() {
    List<String> ids = List.of("a", "b", "c", "d");
    assertThat(CanonicalOrder.of(ids)).containsExactly(0, 1, 2, 3);
  }

  @Test
  void namesADuplicate() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add("q" + i);
    }
    ids.add("q57");
    Collections.shuffle(ids, new Random(SEED));
    assertThatThrownBy(() -> CanonicalOrder.of(ids))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate example id 'q57'");
  }

  @Test
  void pairedMeanDifferenceEqualsTheCorpusBootstrapOfPerExampleVectors() {
    Random random = new Random(SEED);
    for (int trial = 0; trial < 12; trial++) {
      int n = 5 + random.nextInt(trial < 6 ? 60 : 3_000);
      List<String> ids = randomDistinctIds(random, n);
      List<String> clusters = new ArrayList<>();
      double[] b = new double[n];
      double[] c = new double[n];
      boolean indicators = trial % 2 == 0;
      for (int i = 0; i < n; i++) {
        b[i] = indicators ? random.nextInt(2) : random.nextDouble();
        c[i] = indicators ? random.nextInt(2) : random.nextGaussian();
        clusters.add("c" + random.nextInt(Math.max(2, n / 3)));
      }
      List<double[]> vectors = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        vectors.add(new double[] {b[i], 1, c[i], 1});
      }
      CorpusStatistic difference =
          CorpusStatistic.pairedDifference(CorpusStatistic.ratioOfSums());
      Bootstrap bootstrap = Bootstrap.defaults().withReplicates(300).withSeed(trial);
      for (List<String> clusterKeys : Arrays.asList(null, clusters)) {
        KeyedRecords<double[]> sample = clusterKeys == null
            ? KeyedRecords.of(ids, vectors)
            : KeyedRecords.clustered(ids, clusterKeys, vectors);
        BootstrapDistribution expected = bootstrap.ofCorpus(sample, difference);
        BootstrapDistribution actual = bootstrap.pairedMeanDifference(ids, b, c, clusterKeys);
        String what = String.format("seed %d, trial %d, n %d, clustered %b", SEED, trial, n,
            clusterKeys != null);
        assertThat(actual.estimate()).as(what).isEqualTo(expected.estimate());
        assertThat(actual.replicates()).as(what).containsExactly(expected.replicates());
        assertThat(actual.acceleration()).as(what).isEqualTo(expected.acceleration());
      }
    }
  }

  /** Distinct ids with shared prefixes, varying lengths and a few non-ASCII characters. */
  private static List<String> randomDistinctIds(Random random, int n) {
    List<String> ids = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    String alphabet = "ab-_09Zé中";
    while (ids.size() < n) {
      StringBuilder id = new StringBuilder(random.nextBoolean() ? "ex-" : "");
      int length = random.nextInt(8);
      for (int k = 0; k < length; k++) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (seen.add(id.toString())) {
        ids.add(id.toString());
      }
    }
    return ids;
  }
}
