package dev.assay.stats.bootstrap;

/**
 * A {@link CorpusStatistic} bound to per-example vectors: each evaluation sums {@code wᵢ vᵢ} in
 * canonical order, in one or two groups (baseline, candidate) combined by a {@link Combiner}.
 * Leave-one-unit-out values are computed in linear time as total minus the unit's sums.
 */
final class CorpusSums implements WeightedStatistic {

  /** Combines the statistic of each group's sums into the reported value. */
  interface Combiner {
    double combine(double[][] groupSums);
  }

  private final int dimension;
  private final double[] flat;
  private final int[] groupOfExample;
  private final int groupCount;
  private final Combiner combiner;

  CorpusSums(int dimension, double[] flat, int[] groupOfExample, int groupCount,
      Combiner combiner) {
    this.dimension = dimension;
    this.flat = flat;
    this.groupOfExample = groupOfExample;
    this.groupCount = groupCount;
    this.combiner = combiner;
  }

  static double[] flatten(KeyedRecords<double[]> sample, int dimension, double[] into,
      int offset) {
    java.util.List<double[]> vectors = sample.records();
    for (int i = 0; i < vectors.size(); i++) {
      double[] v = vectors.get(i);
      if (v.length != dimension) {
        throw new IllegalArgumentException("sufficient statistics of example '"
            + sample.ids().get(i) + "' have length " + v.length + ", expected " + dimension);
      }
      System.arraycopy(v, 0, into, (offset + i) * dimension, dimension);
    }
    return into;
  }

  @Override
  public double value(double[] weights) {
    double[][] sums = new double[groupCount][dimension];
    for (int i = 0; i < weights.length; i++) {
      double w = weights[i];
      if (w != 0) {
        double[] s = sums[groupOfExample[i]];
        int base = i * dimension;
        for (int k = 0; k < dimension; k++) {
          s[k] += w * flat[base + k];
        }
      }
    }
    return combiner.combine(sums);
  }

  @Override
  public double[] leaveOneUnitOut(ResamplingUnits units) {
    double[][] total = new double[groupCount][dimension];
    for (int i = 0; i < groupOfExample.length; i++) {
      for (int k = 0; k < dimension; k++) {
        total[groupOfExample[i]][k] += flat[i * dimension + k];
      }
    }
    double[] out = new double[units.unitCount()];
    for (int u = 0; u < out.length; u++) {
      double[][] sums = new double[groupCount][];
      for (int g = 0; g < groupCount; g++) {
        sums[g] = total[g].clone();
      }
      for (int i : units.examplesOfUnit[u]) {
        double[] s = sums[groupOfExample[i]];
        for (int k = 0; k < dimension; k++) {
          s[k] -= flat[i * dimension + k];
        }
      }
      out[u] = combiner.combine(sums);
    }
    return out;
  }
}
