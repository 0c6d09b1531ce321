package dev.assay.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.stats.Confidence;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.interval.WilsonInterval;
import java.util.List;

/**
 * A pairwise judge's preference between a candidate and a baseline, each example judged in both
 * orders (docs/judges.md). An example is a candidate win when the judge prefers the candidate in
 * both orders, a loss when it prefers the baseline in both, and otherwise a tie: a verdict that
 * flips with the order of the answers is the position's, not the answers'.
 *
 * <p>The candidate's win rate counts a tie as half a win; its interval is the normal interval of the
 * mean per-example score (1, ½, 0). The position-bias rate is the share of examples whose verdict
 * changed with the order (Wilson interval); the first-position rate is the share of decisive
 * verdicts, over both orders, that went to the answer shown first (0.5 for an unbiased judge).
 *
 * @param n examples judged in both orders
 * @param wins candidate preferred in both orders
 * @param losses baseline preferred in both orders
 * @param ties judged a tie in both orders, or inconsistent
 * @param inconsistent examples whose verdict changed with the order
 * @param firstPosition decisive verdicts for the answer shown first
 * @param decisive verdicts that were not a tie (of 2n)
 * @param confidence the intervals' level
 */
public record PairwisePreference(int n, int wins, int losses, int ties, int inconsistent, int firstPosition,
    int decisive, double confidence) {

  /** One example's two verdicts, as the candidate's outcome: +1 preferred, -1 not, 0 a tie. */
  public record Judgement(String id, int candidateFirst, int candidateSecond) {}

  /**
   * @param judgements per example: the outcome for the candidate when shown first, and when shown
   *     second
   */
  public static PairwisePreference of(List<Judgement> judgements, double confidence) {
    Confidence.check(confidence);
    int wins = 0;
    int losses = 0;
    int ties = 0;
    int inconsistent = 0;
    int first = 0;
    int decisive = 0;
    for (Judgement j : judgements) {
      if (j.candidateFirst() == j.candidateSecond()) {
        wins += j.candidateFirst() > 0 ? 1 : 0;
        losses += j.candidateFirst() < 0 ? 1 : 0;
        ties += j.candidateFirst() == 0 ? 1 : 0;
      } else {
        inconsistent++;
        ties++;
      }
      // Shown first, a candidate win is a vote for position A; shown second, a loss is.
      if (j.candidateFirst() != 0) {
        decisive++;
        first += j.candidateFirst() > 0 ? 1 : 0;
      }
      if (j.candidateSecond() != 0) {
        decisive++;
        first += j.candidateSecond() < 0 ? 1 : 0;
      }
    }
    return new PairwisePreference(judgements.size(), wins, losses, ties, inconsistent, first, decisive, confidence);
  }

  /** (wins + ties / 2) / n. */
  public double winRate() {
    return n == 0 ? Double.NaN : (wins + 0.5 * ties) / n;
  }

  /** Normal interval of the mean per-example score; null with fewer than two examples. */
  public ConfidenceInterval winRateInterval() {
    if (n < 2) {
      return null;
    }
    double mean = winRate();
    double ss = wins * Math.pow(1 - mean, 2) + ties * Math.pow(0.5 - mean, 2) + losses * mean * mean;
    double se = Math.sqrt(ss / (n - 1) / n);
    double z = Confidence.normalQuantile(1 - (1 - confidence) / 2);
    return new ConfidenceInterval(mean - z * se, mean + z * se, confidence);
  }

  /** The share of examples whose verdict changed with the order of the answers. */
  public double positionBiasRate() {
    return n == 0 ? Double.NaN : (double) inconsistent / n;
  }

  /** {@code {n, wins, losses, ties, win_rate, win_rate_ci, position_bias: {...}}}. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("n", n).put("wins", wins).put("losses", losses).put("ties", ties).put("confidence", confidence);
    JsonFields.number(o, "win_rate", winRate());
    JsonFields.interval(o, "win_rate_ci", winRateInterval());
    ObjectNode bias = o.putObject("position_bias");
    bias.put("inconsistent", inconsistent);
    JsonFields.number(bias, "rate", positionBiasRate());
    JsonFields.interval(bias, "rate_ci", n == 0 ? null : WilsonInterval.of(inconsistent, n, confidence));
    bias.put("decisive_verdicts", decisive);
    JsonFields.number(bias, "first_position_rate", decisive == 0 ? Double.NaN : (double) firstPosition / decisive);
    JsonFields.interval(bias, "first_position_ci",
        decisive == 0 ? null : WilsonInterval.of(firstPosition, decisive, confidence));
    return o;
  }
}
