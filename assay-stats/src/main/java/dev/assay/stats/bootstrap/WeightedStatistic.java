package dev.assay.stats.bootstrap;

/**
 * A statistic bound to its data, as a function of one weight per example (concatenated canonical
 * order of all groups). Thread-safe and pure.
 */
interface WeightedStatistic {

  double value(double[] weights);

  /**
   * The statistic with each unit deleted in turn (weight 0 for its examples, 1 elsewhere), indexed
   * by unit. The default costs one evaluation per unit; linear statistics override it.
   */
  default double[] leaveOneUnitOut(ResamplingUnits units) {
    double[] weights = new double[units.exampleCount];
    java.util.Arrays.fill(weights, 1.0);
    double[] out = new double[units.unitCount()];
    for (int u = 0; u < out.length; u++) {
      int from = units.unitExampleStart[u];
      int to = units.unitExampleStart[u + 1];
      for (int m = from; m < to; m++) {
        weights[units.unitExamples[m]] = 0;
      }
      out[u] = value(weights);
      for (int m = from; m < to; m++) {
        weights[units.unitExamples[m]] = 1;
      }
    }
    return out;
  }
}
