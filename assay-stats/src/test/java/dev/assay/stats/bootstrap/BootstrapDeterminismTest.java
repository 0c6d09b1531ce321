package dev.assay.stats.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.stats.random.CounterRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BootstrapDeterminismTest {

  record Pair(double baseline, double candidate) {}

  static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("example-" + i);
    }
    return ids;
  }

  @Test
  void oneAndFourThreadsGiveIdenticalReplicatesAndIntervals() {
    long seed = 11L;
    Random random = new Random(seed);
    int n = 500;
    double[] b = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = random.nextDouble();
      c[i] = b[i] + random.nextGaussian() * 0.2 + 0.02;
    }
    Bootstrap base = Bootstrap.defaults().withReplicates(2_000).withSeed(5);
    BootstrapDistribution one = base.withThreads(1).pairedMeanDifference(ids(n), b, c, null);
    BootstrapDistribution four = base.withThreads(4).pairedMeanDifference(ids(n), b, c, null);
    assertThat(four.replicates()).as("seed %d", seed).containsExactly(one.replicates());
    assertThat(four.bca(0.95)).isEqualTo(one.bca(0.95));
    assertThat(four.percentile(0.95)).isEqualTo(one.percentile(0.95));
  }

  @Property(tries = 25)
  void inputOrderDoesNotChangeAnything(@ForAll @IntRange(min = 3, max = 60) int n,
      @ForAll long seed) {
    Random random = new Random(seed);
    List<String> ids = ids(n);
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pairs.add(new Pair(random.nextInt(2), random.nextDouble()));
    }
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      perm.add(i);
    }
    Collections.shuffle(perm, random);
    List<String> shuffledIds = new ArrayList<>();
    List<Pair> shuffledPairs = new ArrayList<>();
    for (int i : perm) {
      shuffledIds.add(ids.get(i));
      shuffledPairs.add(pairs.get(i));
    }
    RecordStatistic<Pair> diff = RecordStatistic.mean(p -> p.candidate() - p.baseline());
    Bootstrap bootstrap = Bootstrap.defaults().withReplicates(300).withSeed(seed);
    BootstrapDistribution original = bootstrap.of(KeyedRecords.of(ids, pairs), diff);
    BootstrapDistribution shuffled = bootstrap.withThreads(3)
        .of(KeyedRecords.of(shuffledIds, shuffledPairs), diff);
    assertThat(shuffled.replicates()).as("seed %d", seed).containsExactly(original.replicates());
    assertThat(shuffled.acceleration()).as("seed %d", seed).isEqualTo(original.acceleration());
  }

  @Test
  void replicatesEqualASlowOracleBuiltFromTheCounterGenerator() {
    long seed = 3L;
    int n = 40;
    Random random = new Random(seed);
    List<String> ids = ids(n);
    double[] b = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = random.nextDouble();
      c[i] = random.nextDouble();
    }
    BootstrapDistribution dist = Bootstrap.defaults().withReplicates(200).withSeed(seed)
        .withThreads(2).pairedMeanDifference(ids, b, c, null);
    double[] replicates = dist.replicates();
    for (int r = 0; r < 200; r++) {
      // Oracle: weight of example i is Poisson(1) keyed by (seed, stream 0, r, attempt, id).
      for (int attempt = 0; ; attempt++) {
        long key = CounterRandom.replicateKey(seed, CounterRandom.STREAM_BOOTSTRAP, r, attempt);
        double sw = 0;
        double sb = 0;
        double sc = 0;
        for (int i = 0; i < n; i++) {
          int w = CounterRandom.poissonOne(CounterRandom.draw(key, CounterRandom.hashId(ids.get(i))));
          sw += w;
          sb += w * b[i];
          sc += w * c[i];
        }
        if (sw > 0) {
          assertThat(replicates[r]).as("replicate %d, seed %d", r, seed)
              .isCloseTo(sc / sw - sb / sw, within(1e-12));
          break;
        }
      }
    }
  }

  @Test
  void seedChangesReplicates() {
    int n = 50;
    double[] b = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = i % 3;
      c[i] = i % 5;
    }
    Bootstrap bootstrap = Bootstrap.defaults().withReplicates(100);
    assertThat(bootstrap.withSeed(1).pairedMeanDifference(ids(n), b, c, null).replicates())
        .isNotEqualTo(bootstrap.withSeed(2).pairedMeanDifference(ids(n), b, c, null).replicates());
  }

  @Test
  void clusteredExamplesShareOneWeight() {
    // Two examples per cluster with opposite values: any resample of whole clusters has mean 0,
    // so every clustered replicate is exactly 0 while an unclustered bootstrap varies.
    int clusters = 30;
    List<String> ids = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int k = 0; k < clusters; k++) {
      for (int j = 0; j < 2; j++) {
        ids.add("doc" + k + "-q" + j);
        keys.add("doc" + k);
        values.add(j == 0 ? 1.0 + k : -1.0 - k);
      }
    }
    RecordStatistic<Double> mean = RecordStatistic.mean(Double::doubleValue);
    Bootstrap bootstrap = Bootstrap.defaults().withReplicates(500).withSeed(9);
    double[] clustered = bootstrap.of(KeyedRecords.clustered(ids, keys, values), mean)
        .replicates();
    for (double v : clustered) {
      assertThat(v).isCloseTo(0.0, within(1e-12));
    }
    double[] plain = bootstrap.of(KeyedRecords.of(ids, values), mean).replicates();
    assertThat(java.util.Arrays.stream(plain).map(Math::abs).max().orElse(0)).isGreaterThan(1);
  }

  @Test
  void rejectsDuplicateIdsAndMismatchedLengths() {
    assertThatThrownBy(() -> KeyedRecords.of(List.of("a", "a"), List.of(1, 2)))
        .hasMessageContaining("duplicate example id 'a'");
    assertThatThrownBy(() -> KeyedRecords.of(List.of("a"), List.of(1, 2)))
        .hasMessageContaining("1 ids but 2 records");
    assertThatThrownBy(() -> KeyedRecords.of(List.of(), List.of()))
        .hasMessageContaining("no examples");
  }
}
