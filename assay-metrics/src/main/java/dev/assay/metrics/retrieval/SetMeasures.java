package dev.assay.metrics.retrieval;

/**
 * Measures of the retrieved set regardless of order: set_P, set_recall, set_relative_P, set_map,
 * set_F and utility. A ratio whose denominator is 0 is 0.
 */
final class SetMeasures {
  private SetMeasures() {}

  static Measure precision() {
    return Measure.mean("set_P", r -> ratio(r.numRelRet(), r.numRet()));
  }

  static Measure recall() {
    return Measure.mean("set_recall", r -> ratio(r.numRelRet(), r.numRel()));
  }

  /** Relevant retrieved / min(retrieved, R). */
  static Measure relativePrecision() {
    return Measure.mean("set_relative_P", r -> ratio(r.numRelRet(), Math.min(r.numRet(), r.numRel())));
  }

  /** Set precision times set recall: relevant retrieved squared / (retrieved * R). */
  static Measure map() {
    return Measure.mean("set_map", r -> ratio((double) r.numRelRet() * r.numRelRet(), (double) r.numRet() * r.numRel()));
  }

  /**
   * (x + 1) P R / (x P + R) with set precision P and set recall R; x is trec_eval's parameter (the
   * relative importance of recall, beta squared in van Rijsbergen's F), default 1.
   */
  static Measure f(double x, String name) {
    return Measure.mean(name, r -> {
      if (r.numRet() == 0 || r.numRel() == 0 || r.numRelRet() == 0) {
        return 0;
      }
      double p = (double) r.numRelRet() / r.numRet();
      double rec = (double) r.numRelRet() / r.numRel();
      return (x + 1.0) * p * rec / (x * p + rec);
    });
  }

  /**
   * a * relevant retrieved + b * non-relevant retrieved + c * relevant missed + d * non-relevant
   * missed, the last using the collection size {@code n} (trec_eval -N). Defaults 1, -1, 0, 0.
   */
  static Measure utility(double a, double b, double c, double d, long n, String name) {
    return Measure.mean(name, r -> a * r.numRelRet()
        + b * (r.numRet() - r.numRelRet())
        + c * (r.numRel() - r.numRelRet())
        + d * (n + r.numRelRet() - r.numRet() - r.numRel())).withZeroWhenUnranked();
  }

  private static double ratio(double num, double den) {
    return den == 0 ? 0 : num / den;
  }
}
