package dev.assay.judge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.preference.BradleyTerryBootstrap;
import dev.assay.stats.preference.BradleyTerryBootstrap.Comparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Several systems ranked by the Bradley-Terry model fitted to their pairwise comparisons, with
 * bootstrap intervals of strengths and ranks ({@link BradleyTerryBootstrap}) and the observed
 * win-rate matrix (ties count half).
 *
 * @param comparisons the input
 * @param result the fit and its bootstrap
 * @param confidence the intervals' level
 */
public record SystemRanking(PairwiseComparisons comparisons, BradleyTerryBootstrap.Result result, double confidence) {

  /** One system's line of the ranking. */
  public record Entry(int rank, String system, double strength, ConfidenceInterval interval, int rankLower,
      int rankUpper, int wins, int losses, int ties, int comparisons) {}

  /**
   * Fits and bootstraps the ranking.
   *
   * @throws InputException when fewer than two systems are compared, or when the comparisons have
   *     no finite fit (a group of systems never loses to the rest: more comparisons are needed)
   */
  public static SystemRanking of(PairwiseComparisons input, int resamples, long seed, double confidence) {
    if (input.systems().size() < 2) {
      throw new InputException(input.source(), 0, null, "only one system is compared", "comparisons of two or more systems");
    }
    try {
      return new SystemRanking(input, BradleyTerryBootstrap.of(input.systems().size(), input.comparisons(), resamples,
          seed, confidence), confidence);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      for (int i = input.systems().size() - 1; i >= 0; i--) {
        message = message.replace("system " + i + ")", "'" + input.systems().get(i) + "')");
      }
      throw new InputException(input.source(), 0, null, message,
          "comparisons in which every group of systems wins or ties at least once against the others");
    }
  }

  /** The systems from strongest to weakest. */
  public List<Entry> entries() {
    int k = comparisons.systems().size();
    int[] wins = new int[k];
    int[] losses = new int[k];
    int[] ties = new int[k];
    int[] n = new int[k];
    for (Comparison c : comparisons.comparisons()) {
      n[c.a()]++;
      n[c.b()]++;
      if (c.scoreA() == 0.5) {
        ties[c.a()]++;
        ties[c.b()]++;
      } else {
        int w = c.scoreA() == 1 ? c.a() : c.b();
        wins[w]++;
        losses[w == c.a() ? c.b() : c.a()]++;
      }
    }
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(new Entry(result.rank(i), comparisons.systems().get(i), result.fit().strengths()[i],
          result.strengths()[i], result.rankLower()[i], result.rankUpper()[i], wins[i], losses[i], ties[i], n[i]));
    }
    out.sort(Comparator.comparingInt(Entry::rank));
    return out;
  }

  /** wins[i][j] / comparisons of i and j (ties half); NaN where the two were never compared. */
  public double[][] winRates() {
    int k = comparisons.systems().size();
    double[][] wins = BradleyTerryBootstrap.wins(k, comparisons.comparisons());
    double[][] rates = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double total = wins[i][j] + wins[j][i];
        rates[i][j] = i == j || total == 0 ? Double.NaN : wins[i][j] / total;
      }
    }
    return rates;
  }

  /** Comparisons of each pair of systems. */
  public int[][] counts() {
    int k = comparisons.systems().size();
    int[][] n = new int[k][k];
    for (Comparison c : comparisons.comparisons()) {
      n[c.a()][c.b()]++;
      n[c.b()][c.a()]++;
    }
    return n;
  }

  /**
   * {@code {source, comparisons, confidence, resamples, seed, failed_resamples, systems: [{rank,
   * system, strength, strength_ci, rank_ci, wins, losses, ties, comparisons}], win_rates: {row:
   * {column: {rate, n}}}}}; a pair never compared has rate null.
   */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("source", comparisons.source()).put("comparisons", comparisons.comparisons().size())
        .put("confidence", confidence).put("resamples", result.resamples()).put("seed", result.seed())
        .put("failed_resamples", result.failed()).put("model", "bradley-terry");
    ArrayNode systems = o.putArray("systems");
    for (Entry e : entries()) {
      ObjectNode s = systems.addObject();
      s.put("rank", e.rank()).put("system", e.system());
      JsonFields.number(s, "strength", e.strength());
      JsonFields.interval(s, "strength_ci", e.interval());
      s.putArray("rank_ci").add(e.rankLower()).add(e.rankUpper());
      s.put("wins", e.wins()).put("losses", e.losses()).put("ties", e.ties()).put("comparisons", e.comparisons());
    }
    ObjectNode matrix = o.putObject("win_rates");
    double[][] rates = winRates();
    int[][] n = counts();
    List<String> names = comparisons.systems();
    for (Entry row : entries()) {
      int i = names.indexOf(row.system());
      ObjectNode r = matrix.putObject(row.system());
      for (Entry col : entries()) {
        int j = names.indexOf(col.system());
        if (i != j) {
          ObjectNode cell = r.putObject(col.system());
          JsonFields.number(cell, "rate", rates[i][j]);
          cell.put("n", n[i][j]);
        }
      }
    }
    return o;
  }
}
