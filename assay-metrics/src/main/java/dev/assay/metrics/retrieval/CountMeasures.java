package dev.assay.metrics.retrieval;

/** trec_eval's counts per topic, summed over topics: num_ret, num_rel, num_rel_ret, num_nonrel_judged_ret. */
final class CountMeasures {
  private CountMeasures() {}

  /** Documents retrieved (after -M truncation and -J filtering). */
  static Measure numRet() {
    return Measure.sum("num_ret", JudgedRanking::numRet).withZeroWhenUnranked();
  }

  /** Judged documents with grade at least the threshold, retrieved or not. */
  static Measure numRel() {
    return Measure.sum("num_rel", JudgedRanking::numRel).withSumOverQrels();
  }

  static Measure numRelRet() {
    return Measure.sum("num_rel_ret", JudgedRanking::numRelRet);
  }

  /** Retrieved documents judged below the threshold (grade 0 .. level-1). */
  static Measure numNonrelJudgedRet() {
    return Measure.sum("num_nonrel_judged_ret", r -> {
      int n = 0;
      for (int i = 0; i < r.numRet(); i++) {
        int rel = r.rel(i);
        if (rel >= 0 && rel < r.level()) {
          n++;
        }
      }
      return n;
    }).lowerIsBetter();
  }
}
