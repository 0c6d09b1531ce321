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
  void blockOfWeightsEqualsScalarDrawsIncludingTheTail() {
    long seed = 29L;
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    long[] hashes = new long[1_500];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = random.nextLong();
    }
    // Plant units whose replicate-0 draw is K >= 8 (P ≈ 1e-5), so the scalar finish is exercised.
    long key0 = CounterRandom.replicateKey(seed, 0, 0, 0);
    int planted = 0;
    while (planted < 5) {
      long h = random.nextLong();
      if (CounterRandom.poissonOne(CounterRandom.draw(key0, h)) >= 8) {
        hashes[100 * planted + 7] = h;
        planted++;
      }
    }
    long[] out = new long[1_000];
    long tails = 0;
    for (int r = 0; r < 200; r++) {
      long key = CounterRandom.replicateKey(seed, 0, r, 0);
      int from = r % 500;
      long total = CounterRandom.poissonOneBlock(key, hashes, from, out.length, out);
      long expectedTotal = 0;
      for (int i = 0; i < out.length; i++) {
        int k = CounterRandom.poissonOne(CounterRandom.draw(key, hashes[from + i]));
        assertThat(out[i]).as("unit %d, replicate %d, seed %d", from + i, r, seed).isEqualTo(k);
        expectedTotal += k;
        tails += k >= 8 ? 1 : 0;
      }
      assertThat(total).as("replicate %d, seed %d", r, seed).isEqualTo(expectedTotal);
    }
    assertThat(tails).as("draws with K >= 8 exercised, seed %d", seed).isGreaterThanOrEqualTo(5);
    for (int r = 0; r < 3; r++) {
      long key = CounterRandom.replicateKey(seed, 0, r, 0);
      CounterRandom.poissonOneCappedBlock(key, hashes, 3, out.length, out);
      for (int i = 0; i < out.length; i++) {
        int k = CounterRandom.poissonOne(CounterRandom.draw(key, hashes[3 + i]));
        assertThat(out[i]).as("capped, unit %d, replicate %d, seed %d", 3 + i, r, seed)
            .isEqualTo(Math.min(k, CounterRandom.POISSON_BLOCK_CAP));
      }
    }
    // The forms over a copied block (hashes from index 0) give the same weights.
    long[] block = new long[out.length];
    for (int r = 0; r < 200; r++) {
      long key = CounterRandom.replicateKey(seed, 0, r, 0);
      int from = r % 500;
      System.arraycopy(hashes, from, block, 0, block.length);
      long[] expected = new long[out.length];
      long expectedTotal = CounterRandom.poissonOneBlock(key, hashes, from, out.length, expected);
      long total = CounterRandom.poissonOneBlock(key, block, out, out.length);
      assertThat(out).as("aligned, replicate %d, seed %d", r, seed).containsExactly(expected);
      assertThat(total).as("aligned total, replicate %d, seed %d", r, seed)
          .isEqualTo(expectedTotal);
      CounterRandom.poissonOneCappedBlock(key, block, out, out.length);
      for (int i = 0; i < out.length; i++) {
        assertThat(out[i]).as("aligned capped, unit %d, replicate %d, seed %d", from + i, r, seed)
            .isEqualTo(Math.min(expected[i], CounterRandom.POISSON_BLOCK_CAP));
      }
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
  void idHashIsFnv1aOfTheUtf8BytesWhateverTheCharacters() {
    // The ASCII fast path must agree with the definition over UTF-8 bytes, for any characters.
    for (String id : new String[] {"", "ex-0", "q/17#a", "é", "naïve-3", "日本-\uD83D\uDE00", "z\u007f"}) {
      byte[] bytes = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      long h = 0xCBF29CE484222325L;
      for (byte b : bytes) {
        h ^= b & 0xFF;
        h *= 0x100000001B3L;
      }
      long expected = CounterRandom.mix64(h ^ ((long) bytes.length * 0x9E3779B97F4A7C15L));
      assertThat(CounterRandom.hashId(id)).as("hash of '%s'", id).isEqualTo(expected);
    }
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
