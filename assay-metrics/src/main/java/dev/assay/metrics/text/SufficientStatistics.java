package dev.assay.metrics.text;

import dev.assay.stats.bootstrap.CorpusStatistic;
import java.util.List;

/**
 * A corpus-level metric whose value is a function of per-example count vectors that add up over
 * the examples (BLEU, chrF). Keeping the vectors per example lets a bootstrap resample the corpus
 * value: sum the vectors of the resampled examples (with multiplicity) and apply {@link
 * #corpusScore}.
 *
 * <p>Invariants: {@link #statistics} always returns {@link #size()} finite, non-negative values;
 * {@link #corpusScore} of the element-wise sum over a corpus equals the reference implementation's
 * corpus score, and is therefore invariant to the order of examples.
 */
public interface SufficientStatistics extends CorpusStatistic {
  /** Length of every statistics vector. */
  int size();

  /** The statistics of one hypothesis against its references (at least one). */
  double[] statistics(String hypothesis, List<String> references);

  /** The sentence-level score of one example from its own statistics. */
  double segmentScore(double[] statistics);

  /** The corpus-level score from statistics summed over the examples of a corpus. */
  double corpusScore(double[] summed);

  @Override
  default int dimension() {
    return size();
  }

  @Override
  default double value(double[] sums) {
    return corpusScore(sums);
  }
}
