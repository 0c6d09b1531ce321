package dev.assay.stats.bootstrap;

import dev.assay.stats.random.CounterRandom;

/**
 * Poisson(1) bootstrap weights for one replicate: unit u of group g gets
 * {@code poissonOne(draw(replicateKey(seed, g, r, attempt), hash(unit key)))} and each example
 * inherits its unit's weight.
 *
 * <p>A replicate in which every unit of a group draws 0 has no data; it is redrawn with the next
 * {@code attempt} (the weights stay a pure function of seed, group, replicate and unit key), which
 * conditions the Poisson bootstrap on a non-empty resample.
 */
final class ReplicateWeights {

  private final ResamplingUnits units;
  private final long seed;

  ReplicateWeights(ResamplingUnits units, long seed) {
    this.units = units;
    this.seed = seed;
  }

  /**
   * Fills {@code unitWeights} and {@code exampleWeights} for replicate {@code replicate}; they may
   * be the same array when {@link ResamplingUnits#isIdentity()}.
   */
  void fill(int replicate, double[] unitWeights, double[] exampleWeights) {
    for (int g = 0; g < units.groupCount; g++) {
      int from = units.groupUnitStart[g];
      int to = units.groupUnitStart[g + 1];
      long total = 0;
      for (long attempt = 0; total == 0; attempt++) {
        long key = CounterRandom.replicateKey(
            seed, CounterRandom.STREAM_BOOTSTRAP + g, replicate, attempt);
        for (int u = from; u < to; u++) {
          int w = CounterRandom.poissonOne(CounterRandom.draw(key, units.unitHash[u]));
          unitWeights[u] = w;
          total += w;
        }
      }
    }
    if (unitWeights == exampleWeights) {
      return;
    }
    int[] unitOf = units.unitOfExample;
    for (int i = 0; i < exampleWeights.length; i++) {
      exampleWeights[i] = unitWeights[unitOf[i]];
    }
  }
}
