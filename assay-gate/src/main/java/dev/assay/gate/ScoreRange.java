package dev.assay.gate;

import dev.assay.core.Limits;
import dev.assay.core.Score;
import java.util.Locale;

/**
 * Whether a score can enter a comparison: its value and every sufficient statistic of magnitude
 * at most {@link Limits#SCORE_MAGNITUDE}. Scores are finite by construction ({@link Score}); this
 * bound is what keeps the sums, differences and squares of the statistics finite, so a comparison
 * never reports an interval or p-value computed from an overflowed sum.
 */
final class ScoreRange {
  /** What the messages say was expected. */
  static final String EXPECTED = "a score of magnitude at most 1e100; see docs/security.md";

  private ScoreRange() {}

  /** Why {@code s} cannot be compared (one clause naming the value), or null when it can. */
  static String problem(Score s) {
    if (s.hasValue() && !(Math.abs(s.value()) <= Limits.SCORE_MAGNITUDE)) {
      return "got " + show(s.value()) + ", beyond the range assay compares";
    }
    for (int i = 0; i < s.statisticCount(); i++) {
      if (!(Math.abs(s.statistic(i)) <= Limits.SCORE_MAGNITUDE)) {
        return "sufficient statistic " + (i + 1) + " is " + show(s.statistic(i)) + ", beyond the range assay compares";
      }
    }
    return null;
  }

  /** A double as a person writes it: {@code 1e308}, {@code -3.5e250}, {@code 0.25}. */
  static String show(double v) {
    return Double.toString(v).replace(".0E", "E").replace('E', 'e').toLowerCase(Locale.ROOT);
  }
}
