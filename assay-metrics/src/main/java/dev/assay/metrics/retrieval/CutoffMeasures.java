package dev.assay.metrics.retrieval;

import java.util.Locale;

/**
 * Measures at a rank cutoff k: P_k, recall_k, success_k, relative_P_k, map_cut_k, unj_k, and
 * Rprec_mult_x (cutoff a multiple x of R). Past the end of the ranking, missing documents count
 * as retrieved non-relevant, as in trec_eval.
 */
final class CutoffMeasures {
  /** trec_eval's default cutoffs for P, recall, ndcg_cut, map_cut and relative_P. */
  static final long[] DEFAULT_CUTOFFS = {5, 10, 15, 20, 30, 100, 200, 500, 1000};
  static final long[] SUCCESS_CUTOFFS = {1, 5, 10};
  static final long[] UNJUDGED_CUTOFFS = {5, 10, 20};
  static final double[] RPREC_MULTIPLES = {0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0};

  private CutoffMeasures() {}

  /** Relevant in the top k, divided by k. */
  static Measure precision(long k) {
    return Measure.mean("P_" + k, r -> (double) r.relevantInTop(k) / k);
  }

  /** Relevant in the top k, divided by R (0 when R = 0). */
  static Measure recall(long k) {
    return Measure.mean("recall_" + k, r -> r.numRel() == 0 ? 0 : (double) r.relevantInTop(k) / r.numRel());
  }

  /** 1 when a relevant document is in the top k. */
  static Measure success(long k) {
    return Measure.mean("success_" + k, r -> r.relevantInTop(k) > 0 ? 1 : 0);
  }

  /**
   * Relevant in the top k divided by min(k, R): precision up to R, recall after. 0 when R = 0
   * (trec_eval divides 0 by 0 there).
   */
  static Measure relativePrecision(long k) {
    return Measure.mean("relative_P_" + k,
        r -> r.numRel() == 0 ? 0 : (double) r.relevantInTop(k) / Math.min(k, r.numRel()));
  }

  /** Average precision counting only relevant documents in the top k (divided by R). */
  static Measure mapCut(long k) {
    return Measure.mean("map_cut_" + k, r -> {
      if (r.numRel() == 0) {
        return 0;
      }
      int[] ranks = r.relevantRanks();
      double sum = 0;
      for (int j = 0; j < ranks.length && ranks[j] <= k; j++) {
        sum += (double) (j + 1) / ranks[j];
      }
      return sum / r.numRel();
    });
  }

  /** Fraction of the top k that is outside the pool or unjudged (missing documents count as judged). */
  static Measure unjudged(long k) {
    return Measure.mean("unj_" + k, r -> {
      int n = (int) Math.min(k, r.numRet());
      int unj = 0;
      for (int i = 0; i < n; i++) {
        if (r.rel(i) < 0) {
          unj++;
        }
      }
      return (double) unj / k;
    }).lowerIsBetter().withZeroWhenUnranked();
  }

  /**
   * Precision at cutoff c = floor(x * R + 0.9) (trec_eval's rounding); 0 when c = 0; beyond the
   * ranking, relevant retrieved / c.
   */
  static Measure rprecMult(double x) {
    return Measure.mean("Rprec_mult_" + twoDecimals(x), r -> {
      long c = (long) (x * r.numRel() + 0.9);
      return c <= 0 ? 0 : (double) r.relevantInTop(c) / c;
    });
  }

  /** A fractional parameter as trec_eval prints it in a measure name ({@code %3.2f}). */
  static String twoDecimals(double x) {
    return String.format(Locale.ROOT, "%.2f", x);
  }
}
