package dev.assay.stats.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CounterRandomTest {

  @Test
  void poissonOneFrequenciesMatchThePmf() {
    long seed = 17L;
    int draws = 1_000_000;
    long[] counts = new long[8];
    for (int r = 0; r < draws / 1000; r++) {
      long key = CounterRandom.replicateKey(seed, 0, r, 0);
      for (int i = 0; i < 1000; i++) {
        int k = CounterRandom.poissonOne(CounterRandom.draw(key, CounterRandom.hashId("id" + i)));
        counts[Math.min(k, 7)]++;
      }
    }
    double pmf = Math.exp(-1);
    for (int k = 0; k < 6; k++) {
      if (k > 0) {
        pmf /= k;
      }
      double se = Math.sqrt(pmf * (1 - pmf) / draws);
      assertThat((double) counts[k] / draws).as("P(K=%d), seed %d", k, seed)
          .isCloseTo(pmf, within(4 * se));
    }
  }

  @Test
  void drawsArePureFunctionsOfTheirCoordinates() {
    long a = CounterRandom.draw(CounterRandom.replicateKey(1, 2, 3, 0), CounterRandom.hashId("x"));
    long b = CounterRandom.draw(CounterRandom.replicateKey(1, 2, 3, 0), CounterRandom.hashId("x"));
    assertThat(a).isEqualTo(b);
    assertThat(CounterRandom.replicateKey(1, 2, 3, 0))
        .isNotEqualTo(CounterRandom.replicateKey(1, 2, 4, 0))
        .isNotEqualTo(CounterRandom.replicateKey(1, 3, 3, 0))
        .isNotEqualTo(CounterRandom.replicateKey(2, 2, 3, 0))
        .isNotEqualTo(CounterRandom.replicateKey(1, 2, 3, 1));
    assertThat(CounterRandom.hashId("é")).isNotEqualTo(CounterRandom.hashId("e"));
  }

  @Test
  void coinIsFair() {
    long seed = 23L;
    int heads = 0;
    int draws = 200_000;
    long key = CounterRandom.replicateKey(seed, CounterRandom.STREAM_PERMUTATION, 0, 0);
    for (int i = 0; i < draws; i++) {
      if (CounterRandom.coin(CounterRandom.draw(key, CounterRandom.hashId("ex" + i)))) {
        heads++;
      }
    }
    assertThat((double) heads / draws).as("seed %d", seed)
        .isCloseTo(0.5, within(4 * Math.sqrt(0.25 / draws)));
  }
}
