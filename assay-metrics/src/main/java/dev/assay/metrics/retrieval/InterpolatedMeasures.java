package dev.assay.metrics.retrieval;

/**
 * Interpolated precision at recall levels: iprec_at_recall_x and 11pt_avg.
 *
 * <p>Interpolated precision at rank r is the maximum precision at any rank at or below r. At
 * recall x the cutoff is c = round(x * R) relevant documents (half away from zero, as current
 * trec_eval does with lround); the value is the interpolated precision at the rank of the c-th
 * relevant document, 0 when fewer than c relevant documents are retrieved, and for c = 0 the
 * maximum precision anywhere in the ranking.
 */
final class InterpolatedMeasures {
  static final double[] RECALL_LEVELS = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

  private InterpolatedMeasures() {}

  static Measure iprecAtRecall(double x) {
    return Measure.mean("iprec_at_recall_" + CutoffMeasures.twoDecimals(x), r -> at(r, x));
  }

  /** The mean of the interpolated precision at the 11 standard recall levels. */
  static Measure elevenPointAverage() {
    return Measure.mean("11pt_avg", r -> {
      double sum = 0;
      for (double x : RECALL_LEVELS) {
        sum += at(r, x);
      }
      return sum / RECALL_LEVELS.length;
    });
  }

  static double at(JudgedRanking r, double x) {
    long c = Math.round(x * r.numRel());
    if (c > r.numRelRet() || r.numRet() == 0) {
      return 0;
    }
    double[] interpolated = r.interpolatedPrecision();
    return c == 0 ? interpolated[1] : interpolated[r.relevantRanks()[(int) c - 1]];
  }
}
