package dev.assay.stats.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Corpus statistics from weighted sufficient statistics, tested with a ratio of sums. */
class CorpusStatisticTest {

  @Test
  void ratioOfSumsMatchesTheSameStatisticWrittenOverRecords() {
    long seed = 123L;
    Random random = new Random(seed);
    int n = 150;
    List<String> ids = BootstrapDeterminismTest.ids(n);
    List<double[]> vectors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // e.g. matched n-grams and total n-grams of a sentence
      double total = 1 + random.nextInt(30);
      vectors.add(new double[] {Math.floor(total * random.nextDouble()), total});
    }
    Bootstrap bootstrap = Bootstrap.defaults().withReplicates(1_000).withSeed(seed);
    BootstrapDistribution corpus = bootstrap.ofCorpus(KeyedRecords.of(ids, vectors),
        CorpusStatistic.ratioOfSums());
    RecordStatistic<double[]> overRecords = (records, w) -> {
      double num = 0;
      double den = 0;
      for (int i = 0; i < w.length; i++) {
        num += w[i] * records.get(i)[0];
        den += w[i] * records.get(i)[1];
      }
      return num / den;
    };
    BootstrapDistribution generic = bootstrap.of(KeyedRecords.of(ids, vectors), overRecords);
    double[] a = corpus.replicates();
    double[] b = generic.replicates();
    for (int r = 0; r < a.length; r++) {
      assertThat(a[r]).as("replicate %d, seed %d", r, seed).isCloseTo(b[r], within(1e-13));
    }
    // linear-time jackknife of the corpus path equals the generic leave-one-out evaluation
    assertThat(corpus.acceleration()).as("seed %d", seed)
        .isCloseTo(generic.acceleration(), within(1e-10));
    double sumNum = vectors.stream().mapToDouble(v -> v[0]).sum();
    double sumDen = vectors.stream().mapToDouble(v -> v[1]).sum();
    assertThat(corpus.estimate()).isCloseTo(sumNum / sumDen, within(1e-15));
  }

  @Test
  void pairedCorpusDifferenceIsCandidateMinusBaseline() {
    List<String> ids = List.of("a", "b", "c");
    List<double[]> vectors = List.of(
        new double[] {1, 2, 2, 2}, new double[] {0, 2, 1, 2}, new double[] {1, 4, 3, 4});
    BootstrapDistribution d = Bootstrap.defaults().withReplicates(50).ofCorpus(
        KeyedRecords.of(ids, vectors),
        CorpusStatistic.pairedDifference(CorpusStatistic.ratioOfSums()));
    assertThat(d.estimate()).isCloseTo(6.0 / 8 - 2.0 / 8, within(1e-15));
  }

  @Test
  void unpairedDifferenceUsesIndependentStreamsForTheSameIds() {
    int n = 80;
    List<String> ids = BootstrapDeterminismTest.ids(n);
    List<double[]> base = new ArrayList<>();
    List<double[]> cand = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      base.add(new double[] {i % 2, 1});
      cand.add(new double[] {i % 2, 1});
    }
    // identical samples with shared ids: a paired bootstrap would give exactly 0 every time
    BootstrapDistribution d = Bootstrap.defaults().withReplicates(400).unpairedCorpus(
        KeyedRecords.of(ids, base), KeyedRecords.of(ids, cand), CorpusStatistic.ratioOfSums());
    assertThat(d.estimate()).isEqualTo(0.0);
    assertThat(d.standardError()).isGreaterThan(0.05);
    // unpaired SE of a difference of two proportions 0.5 with n = 80 each: sqrt(2 * .25 / 80)
    assertThat(d.standardError()).isCloseTo(Math.sqrt(0.5 / 80), within(0.012));
  }
}
