package dev.assay.stats.interval;

/**
 * The 2×2 table of paired 0/1 outcomes of a baseline and a candidate on the same examples.
 *
 * <p>Invariants: all counts >= 0 and their sum n >= 1.
 *
 * @param both examples both systems get right
 * @param candidateOnly examples only the candidate gets right
 * @param baselineOnly examples only the baseline gets right
 * @param neither examples both get wrong
 */
public record PairedCounts(long both, long candidateOnly, long baselineOnly, long neither) {

  public PairedCounts {
    if (both < 0 || candidateOnly < 0 || baselineOnly < 0 || neither < 0) {
      throw new IllegalArgumentException("paired counts must be >= 0: " + both + ", "
          + candidateOnly + ", " + baselineOnly + ", " + neither);
    }
    if (both + candidateOnly + baselineOnly + neither == 0) {
      throw new IllegalArgumentException("paired counts are all zero");
    }
  }

  /** Tabulates paired outcomes given by position. */
  public static PairedCounts of(boolean[] baseline, boolean[] candidate) {
    if (baseline.length != candidate.length) {
      throw new IllegalArgumentException("baseline has " + baseline.length
          + " outcomes but candidate has " + candidate.length);
    }
    long both = 0;
    long cand = 0;
    long base = 0;
    long neither = 0;
    for (int i = 0; i < baseline.length; i++) {
      if (baseline[i] && candidate[i]) {
        both++;
      } else if (candidate[i]) {
        cand++;
      } else if (baseline[i]) {
        base++;
      } else {
        neither++;
      }
    }
    return new PairedCounts(both, cand, base, neither);
  }

  public long n() {
    return both + candidateOnly + baselineOnly + neither;
  }

  /** Candidate success proportion minus baseline success proportion. */
  public double difference() {
    return (double) (candidateOnly - baselineOnly) / n();
  }
}
