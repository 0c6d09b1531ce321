package dev.assay.stats.bootstrap;

import java.util.List;

/**
 * A {@link CorpusStatistic} bound to per-example vectors: each evaluation sums {@code wᵢ vᵢ} in
 * canonical order, per group (baseline, candidate; groups occupy contiguous example ranges), and
 * a {@link Combiner} turns the group sums into the reported value. Leave-one-unit-out values are
 * computed in linear time as total minus the unit's sums.
 *
 * <p>Vectors are stored by column so each sum is a tight dot product over contiguous memory.
 */
final class CorpusSums implements WeightedStatistic {

  /** Combines the sums of each group into the reported value. */
  interface Combiner {
    double combine(double[][] groupSums);
  }

  private final double[][] columns;
  private final int[] groupStart;
  private final Combiner combiner;

  /**
   * @param samples the groups, in order; their examples are concatenated
   * @param dimension length of every vector
   */
  CorpusSums(List<KeyedRecords<double[]>> samples, int dimension, Combiner combiner) {
    int n = samples.stream().mapToInt(KeyedRecords::size).sum();
    this.columns = new double[dimension][n];
    this.groupStart = new int[samples.size() + 1];
    int offset = 0;
    for (int g = 0; g < samples.size(); g++) {
      KeyedRecords<double[]> sample = samples.get(g);
      groupStart[g] = offset;
      List<double[]> vectors = sample.records();
      for (int i = 0; i < vectors.size(); i++) {
        double[] v = vectors.get(i);
        if (v.length != dimension) {
          throw new IllegalArgumentException("sufficient statistics of example '"
              + sample.ids().get(i) + "' have length " + v.length + ", expected " + dimension);
        }
        for (int k = 0; k < dimension; k++) {
          columns[k][offset + i] = v[k];
        }
      }
      offset += vectors.size();
    }
    groupStart[samples.size()] = offset;
    this.combiner = combiner;
  }

  /**
   * One group whose vectors are given by column, in canonical order: {@code columns[k][i]} is
   * component k of example i. Columns are kept, not copied (and may be the same array, e.g. two
   * columns of ones); nothing writes to them.
   */
  CorpusSums(double[][] columns, Combiner combiner) {
    int n = columns[0].length;
    for (double[] column : columns) {
      if (column.length != n) {
        throw new IllegalArgumentException("columns differ in length: " + column.length + " and "
            + n);
      }
    }
    this.columns = columns;
    this.groupStart = new int[] {0, n};
    this.combiner = combiner;
  }

  /** The per-example vectors by column (shared, not copied: callers must not modify them). */
  double[][] columns() {
    return columns;
  }

  Combiner combiner() {
    return combiner;
  }

  @Override
  public double value(double[] weights) {
    int groups = groupStart.length - 1;
    double[][] sums = new double[groups][columns.length];
    for (int g = 0; g < groups; g++) {
      int from = groupStart[g];
      int to = groupStart[g + 1];
      for (int k = 0; k < columns.length; k++) {
        double[] column = columns[k];
        double s = 0;
        // Every weight is multiplied, zeros included: testing for zero would mispredict often.
        for (int i = from; i < to; i++) {
          s += weights[i] * column[i];
        }
        sums[g][k] = s;
      }
    }
    return combiner.combine(sums);
  }

  @Override
  public double[] leaveOneUnitOut(ResamplingUnits units) {
    int groups = groupStart.length - 1;
    double[][] total = new double[groups][columns.length];
    for (int g = 0; g < groups; g++) {
      for (int k = 0; k < columns.length; k++) {
        for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
          total[g][k] += columns[k][i];
        }
      }
    }
    double[] out = new double[units.unitCount()];
    // One scratch reset from the totals per unit (combiners must not keep or modify their
    // argument): a million units would otherwise allocate a million small arrays.
    double[][] sums = new double[groups][columns.length];
    for (int u = 0; u < out.length; u++) {
      int group = units.unitGroup[u];
      for (int g = 0; g < groups; g++) {
        System.arraycopy(total[g], 0, sums[g], 0, columns.length);
      }
      for (int m = units.unitExampleStart[u]; m < units.unitExampleStart[u + 1]; m++) {
        int i = units.unitExamples[m];
        for (int k = 0; k < columns.length; k++) {
          sums[group][k] -= columns[k][i];
        }
      }
      out[u] = combiner.combine(sums);
    }
    return out;
  }
}
