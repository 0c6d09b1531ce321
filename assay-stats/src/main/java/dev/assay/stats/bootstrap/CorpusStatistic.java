package dev.assay.stats.bootstrap;

/**
 * A corpus-level statistic computed from weighted sums of per-example sufficient-statistic
 * vectors: {@code value(Σ wᵢ vᵢ)}. BLEU (n-gram matches and totals, lengths), chrF (character
 * n-gram statistics), micro-F1 (true positives, false positives, false negatives) and a ratio of
 * sums all have this form, so a bootstrap replicate recomputes the corpus statistic instead of
 * averaging per-example scores.
 *
 * <p>Contract: every per-example vector has length {@link #dimension()}; {@link #value} is a pure,
 * thread-safe function that must not modify or retain {@code sums}.
 */
public interface CorpusStatistic {

  /** Length of each per-example sufficient-statistic vector. */
  int dimension();

  /** The statistic of a corpus whose summed sufficient statistics are {@code sums}. */
  double value(double[] sums);

  /** {@code sums[0] / sums[1]}: a mean (vectors {@code (x, 1)}) or any ratio of sums. */
  static CorpusStatistic ratioOfSums() {
    return new CorpusStatistic() {
      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public double value(double[] sums) {
        return sums[0] / sums[1];
      }
    };
  }

  /**
   * A paired difference {@code side(candidate) - side(baseline)}, where each per-example vector is
   * the baseline's sufficient statistics followed by the candidate's (length {@code 2d}). Both
   * halves share one weight per example, so baseline and candidate are resampled jointly.
   */
  static CorpusStatistic pairedDifference(CorpusStatistic side) {
    int d = side.dimension();
    return new CorpusStatistic() {
      @Override
      public int dimension() {
        return 2 * d;
      }

      @Override
      public double value(double[] sums) {
        double[] baseline = java.util.Arrays.copyOfRange(sums, 0, d);
        double[] candidate = java.util.Arrays.copyOfRange(sums, d, 2 * d);
        return side.value(candidate) - side.value(baseline);
      }
    };
  }
}
