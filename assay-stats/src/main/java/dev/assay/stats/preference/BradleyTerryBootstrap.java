package dev.assay.stats.preference;

import dev.assay.stats.Confidence;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.Percentiles;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bradley-Terry strengths of several systems with percentile bootstrap intervals: the comparisons
 * are resampled with replacement, the model refitted ({@link BradleyTerry#fit}) on each resample,
 * and each system's strength and rank taken at the (1 − c)/2 and (1 + c)/2 percentiles of its
 * replicates (Efron and Tibshirani 1993, ch. 13; the way Chatbot Arena reports its ratings).
 *
 * <p>Invariants: the point estimate is the fit to all comparisons; a resample is a pure function of
 * the seed and the comparisons' order, so a run is reproducible. A resample whose table has no
 * finite maximum (a group of systems that never loses in it, likely when few comparisons connect
 * them) is counted in {@link Result#failed()} and left out: the intervals are then conditional on a
 * finite fit and too narrow at the extremes, which the caller must say. Rank 1 is the strongest.
 */
public final class BradleyTerryBootstrap {
  private BradleyTerryBootstrap() {}

  /**
   * One comparison of two systems.
   *
   * @param a index of the first system
   * @param b index of the second system, not {@code a}
   * @param scoreA 1 when a won, 0 when b won, ½ for a tie
   */
  public record Comparison(int a, int b, double scoreA) {
    public Comparison {
      if (a == b || a < 0 || b < 0) {
        throw new IllegalArgumentException("a comparison needs two different systems, got " + a + " and " + b);
      }
      if (scoreA != 0 && scoreA != 0.5 && scoreA != 1) {
        throw new IllegalArgumentException("a comparison's score is 0, 0.5 or 1, got " + scoreA);
      }
    }
  }

  /**
   * @param fit the fit to all comparisons
   * @param strengths the bootstrap interval of each β_i (β normalised to sum 0 in every replicate)
   * @param rankLower the best rank each system reaches within the interval (⌊lower percentile⌋)
   * @param rankUpper the worst rank (⌈upper percentile⌉)
   * @param resamples resamples drawn
   * @param failed resamples without a finite fit, left out
   * @param seed the seed of the resampling
   */
  public record Result(BradleyTerry.Fit fit, ConfidenceInterval[] strengths, int[] rankLower, int[] rankUpper,
      int resamples, int failed, long seed) {
    /** The rank of system {@code i} in the point fit, 1 the strongest (ties broken by index). */
    public int rank(int i) {
      return ranks(fit.strengths())[i];
    }
  }

  /** The table of (fractional) wins: wins[a][b] += score of a, wins[b][a] += score of b. */
  public static double[][] wins(int systems, List<Comparison> comparisons) {
    double[][] wins = new double[systems][systems];
    for (Comparison c : comparisons) {
      add(wins, c);
    }
    return wins;
  }

  private static void add(double[][] wins, Comparison c) {
    wins[c.a()][c.b()] += c.scoreA();
    wins[c.b()][c.a()] += 1 - c.scoreA();
  }

  /**
   * Fits the model to {@code comparisons} of {@code systems} systems and bootstraps it.
   *
   * @param resamples at least 1 (1,000 or more for 95% intervals)
   * @throws IllegalArgumentException when the comparisons themselves have no finite fit (see {@link
   *     BradleyTerry#fit}), a system index is out of range, or the arguments are out of range
   */
  public static Result of(int systems, List<Comparison> comparisons, int resamples, long seed, double confidence) {
    Confidence.check(confidence);
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
    }
    for (Comparison c : comparisons) {
      if (c.a() >= systems || c.b() >= systems) {
        throw new IllegalArgumentException("a comparison names system " + Math.max(c.a(), c.b()) + " of " + systems);
      }
    }
    BradleyTerry.Fit fit = BradleyTerry.fit(wins(systems, comparisons));
    int n = comparisons.size();
    double[][] beta = new double[systems][resamples];
    double[][] rank = new double[systems][resamples];
    int ok = 0;
    int failed = 0;
    SplittableRandom random = new SplittableRandom(seed);
    for (int r = 0; r < resamples; r++) {
      double[][] wins = new double[systems][systems];
      for (int d = 0; d < n; d++) {
        add(wins, comparisons.get(random.nextInt(n)));
      }
      double[] s;
      try {
        s = BradleyTerry.fit(wins).strengths();
      } catch (IllegalArgumentException e) {
        failed++;
        continue;
      }
      int[] ranks = ranks(s);
      for (int i = 0; i < systems; i++) {
        beta[i][ok] = s[i];
        rank[i][ok] = ranks[i];
      }
      ok++;
    }
    ConfidenceInterval[] intervals = new ConfidenceInterval[systems];
    int[] lower = new int[systems];
    int[] upper = new int[systems];
    double lo = (1 - confidence) / 2;
    double hi = (1 + confidence) / 2;
    int[] pointRanks = ranks(fit.strengths());
    for (int i = 0; i < systems; i++) {
      if (ok == 0) {
        lower[i] = pointRanks[i];
        upper[i] = pointRanks[i];
        continue;
      }
      double[] b = Arrays.copyOf(beta[i], ok);
      double[] k = Arrays.copyOf(rank[i], ok);
      Arrays.sort(b);
      Arrays.sort(k);
      intervals[i] = new ConfidenceInterval(Percentiles.linear(b, lo), Percentiles.linear(b, hi), confidence);
      lower[i] = (int) Math.floor(Percentiles.linear(k, lo));
      upper[i] = (int) Math.ceil(Percentiles.linear(k, hi));
    }
    return new Result(fit, intervals, lower, upper, resamples, failed, seed);
  }

  /** 1-based ranks by descending strength; equal strengths ranked by index. */
  static int[] ranks(double[] strengths) {
    Integer[] order = new Integer[strengths.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(strengths[y], strengths[x]));
    int[] ranks = new int[strengths.length];
    for (int r = 0; r < order.length; r++) {
      ranks[order[r]] = r + 1;
    }
    return ranks;
  }
}
