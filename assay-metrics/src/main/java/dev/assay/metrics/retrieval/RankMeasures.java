package dev.assay.metrics.retrieval;

/**
 * Whole-ranking measures: map, gm_map, Rprec, recip_rank, bpref, gm_bpref, infAP, binG,
 * relstring. Definitions follow trec_eval's documentation; each is 0 for a topic without
 * relevant documents.
 */
final class RankMeasures {
  /** trec_eval's INFAP_EPSILON. */
  private static final double INFAP_EPSILON = 1e-5;

  private RankMeasures() {}

  /** Average precision: the mean over all relevant documents of the precision at each one's rank (0 if not retrieved). */
  static Measure map() {
    return Measure.mean("map", RankMeasures::averagePrecision);
  }

  /** Average precision per topic, geometric mean over topics with trec_eval's 1e-5 floor. */
  static Measure gmMap() {
    return Measure.geometric("gm_map", RankMeasures::averagePrecision);
  }

  static double averagePrecision(JudgedRanking r) {
    if (r.numRel() == 0) {
      return 0;
    }
    int[] ranks = r.relevantRanks();
    double sum = 0;
    for (int j = 0; j < ranks.length; j++) {
      sum += (double) (j + 1) / ranks[j];
    }
    return sum / r.numRel();
  }

  /** Precision after R documents, R = number of relevant documents. */
  static Measure rprec() {
    return Measure.mean("Rprec", r -> r.numRel() == 0 ? 0 : (double) r.relevantInTop(r.numRel()) / r.numRel());
  }

  /** 1 / rank of the first relevant document, 0 when none is retrieved. */
  static Measure recipRank() {
    return Measure.mean("recip_rank", r -> r.numRelRet() == 0 ? 0 : 1.0 / r.relevantRanks()[0]);
  }

  /** Binary preference; see {@link #bprefValue}. */
  static Measure bpref() {
    return Measure.mean("bpref", RankMeasures::bprefValue);
  }

  static Measure gmBpref() {
    return Measure.geometric("gm_bpref", RankMeasures::bprefValue);
  }

  /**
   * For each retrieved relevant document, 1 - min(n, R) / min(N, R) where n is the number of
   * judged non-relevant documents ranked above it and N the number judged for the topic (1 when
   * n = 0); summed and divided by R. Documents outside the pool or unjudged are skipped.
   */
  static double bprefValue(JudgedRanking r) {
    int numRel = r.numRel();
    if (numRel == 0) {
      return 0;
    }
    long denominator = Math.min(r.numJudgedNonrel(), numRel);
    int nonrel = 0;
    double sum = 0;
    for (int i = 0; i < r.numRet(); i++) {
      int rel = r.rel(i);
      if (rel < 0) {
        continue;
      }
      if (rel < r.level()) {
        nonrel++;
      } else {
        sum += nonrel > 0 ? 1.0 - (double) Math.min(nonrel, numRel) / denominator : 1.0;
      }
    }
    return sum / numRel;
  }

  /**
   * Inferred AP (Yilmaz and Aslam): at each relevant document at rank k > 1, 1/k + ((k-1)/k) times
   * the fraction of the documents above it that are in the pool, times the smoothed precision
   * among the judged ones above it; 1 at rank 1; summed and divided by R.
   */
  static Measure infAP() {
    return Measure.mean("infAP", r -> {
      if (r.numRel() == 0) {
        return 0;
      }
      int rel = 0;
      int nonrel = 0;
      int unjudged = 0;
      double sum = 0;
      for (int j = 0; j < r.numRet(); j++) {
        int g = r.rel(j);
        if (g == JudgedRanking.NONPOOL) {
          continue;
        }
        if (g == JudgedRanking.UNJUDGED) {
          unjudged++;
        } else if (g < r.level()) {
          nonrel++;
        } else {
          rel++;
          if (j == 0) {
            sum += 1.0;
          } else {
            double fj = j;
            sum += 1.0 / (fj + 1.0)
                + (fj / (fj + 1.0)) * ((rel - 1 + nonrel + unjudged) / fj)
                * ((rel - 1 + INFAP_EPSILON) / (rel - 1 + nonrel + 2 * INFAP_EPSILON));
          }
        }
      }
      return sum / r.numRel();
    });
  }

  /** Binary G: the sum over relevant retrieved documents of 1 / log2(2 + non-relevant above), divided by R. */
  static Measure binG() {
    return Measure.mean("binG", r -> {
      if (r.numRel() == 0) {
        return 0;
      }
      int[] ranks = r.relevantRanks();
      double sum = 0;
      for (int j = 0; j < ranks.length; j++) {
        int nonrelAbove = ranks[j] - 1 - j;
        sum += 1.0 / log2(2 + nonrelAbove);
      }
      return sum / r.numRel();
    });
  }

  /**
   * The grades of the first 10 documents: the digit for 0-9, {@code >} above 9, {@code -} outside
   * the pool, {@code .} pooled but unjudged.
   */
  static Measure relString() {
    return Measure.relString(r -> {
      int n = Math.min(10, r.numRet());
      StringBuilder sb = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        int rel = r.rel(i);
        sb.append(rel > 9 ? '>' : rel >= 0 ? (char) ('0' + rel) : rel == JudgedRanking.NONPOOL ? '-' : '.');
      }
      return sb.toString();
    });
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
