package dev.assay.monitor.stats;

import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.Confidence;

/**
 * Kendall's rank correlation τ-b between paired values (does the offline estimate of each version
 * order the versions as their online A/B deltas do?), as {@code scipy.stats.kendalltau} with its
 * defaults: τ-b (ties corrected), the p-value exact (the distribution of inversions among n!
 * orders) when there are no ties and n <= 33 (or at most one discordant pair), else the normal approximation with scipy's
 * tie-corrected variance.
 *
 * <p>Interval: Fieller, Hartley and Pearson (1957): {@code tanh(atanh(τ) ± z sqrt(0.437/(n-4)))},
 * for n >= 5 (null below); {@code τ = ±1} gives a degenerate interval at ±1.
 *
 * @param tau τ-b
 * @param pValue two-sided p-value of τ = 0
 * @param interval approximate interval, or null when n < 5
 * @param n number of pairs
 */
public record KendallTau(double tau, double pValue, ConfidenceInterval interval, int n) {
  /** Largest n with the exact p-value (scipy's limit). */
  public static final int EXACT_MAX_N = 33;

  /** τ-b of (x, y), at least two pairs, no NaN. */
  public static KendallTau of(double[] x, double[] y, double confidence) {
    int n = x.length;
    if (n != y.length || n < 2) {
      throw new IllegalArgumentException("Kendall's tau needs at least two pairs");
    }
    long concordant = 0;
    long discordant = 0;
    long tiesX = 0;
    long tiesY = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dx = Math.signum(x[j] - x[i]);
        double dy = Math.signum(y[j] - y[i]);
        if (dx == 0 && dy == 0) {
          tiesX++;
          tiesY++;
        } else if (dx == 0) {
          tiesX++;
        } else if (dy == 0) {
          tiesY++;
        } else if (dx == dy) {
          concordant++;
        } else {
          discordant++;
        }
      }
    }
    long pairs = (long) n * (n - 1) / 2;
    double denom = Math.sqrt((double) (pairs - tiesX) * (pairs - tiesY));
    double tau = denom > 0 ? (concordant - discordant) / denom : Double.NaN;
    double p;
    boolean ties = tiesX > 0 || tiesY > 0;
    if (Double.isNaN(tau)) {
      p = Double.NaN;
    } else if (!ties && (n <= EXACT_MAX_N || Math.min(concordant, discordant) <= 1)) {
      p = exactP(n, Math.min(concordant, discordant));
    } else {
      p = normalP(x, y, n, concordant - discordant);
    }
    ConfidenceInterval ci = null;
    if (n >= 5 && !Double.isNaN(tau)) {
      double z = Confidence.normalQuantile(1 - (1 - confidence) / 2);
      if (Math.abs(tau) >= 1) {
        ci = new ConfidenceInterval(tau, tau, confidence);
      } else {
        double at = 0.5 * Math.log((1 + tau) / (1 - tau));
        double se = Math.sqrt(0.437 / (n - 4));
        ci = new ConfidenceInterval(Math.tanh(at - z * se), Math.tanh(at + z * se), confidence);
      }
    }
    return new KendallTau(tau, p, ci, n);
  }

  /**
   * Two-sided exact p-value: {@code 2 P(C <= c)} for c the smaller of the concordant and
   * discordant counts, C distributed as the inversions of a uniform random permutation of n
   * (Mahonian numbers), capped at 1.
   */
  static double exactP(int n, long c) {
    long maxInv = (long) n * (n - 1) / 2;
    // Distribution of inversions, built one element at a time as probabilities (no overflow).
    double[] dist = {1};
    for (int k = 2; k <= n; k++) {
      double[] next = new double[dist.length + k - 1];
      // Adding element k contributes 0..k-1 new inversions with equal probability.
      double running = 0;
      for (int i = 0; i < next.length; i++) {
        if (i < dist.length) {
          running += dist[i];
        }
        if (i - k >= 0 && i - k < dist.length) {
          running -= dist[i - k];
        }
        next[i] = running / k;
      }
      dist = next;
    }
    double tail = 0;
    for (int i = 0; i <= c && i <= maxInv; i++) {
      tail += dist[i];
    }
    return Math.min(1, 2 * tail);
  }

  /** scipy's asymptotic p-value: S = C - D against a normal with the tie-corrected variance. */
  private static double normalP(double[] x, double[] y, int n, long s) {
    double[] tx = tieSums(x);
    double[] ty = tieSums(y);
    double m = (double) n * (n - 1);
    double var = (m * (2 * n + 5) - tx[0] - ty[0]) / 18
        + tx[1] * ty[1] / (2 * m)
        + tx[2] * ty[2] / (9 * m * (n - 2));
    double z = s / Math.sqrt(var);
    return Math.min(1, 2 * Confidence.normalCdf(-Math.abs(z)));
  }

  /** Over groups of tied values of size t: Σ t(t-1)(2t+5), Σ t(t-1), Σ t(t-1)(t-2). */
  private static double[] tieSums(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    double a = 0;
    double b = 0;
    double c = 0;
    int i = 0;
    while (i < s.length) {
      int j = i;
      while (j < s.length && s[j] == s[i]) {
        j++;
      }
      double t = j - i;
      a += t * (t - 1) * (2 * t + 5);
      b += t * (t - 1);
      c += t * (t - 1) * (t - 2);
      i = j;
    }
    return new double[] {a, b, c};
  }
}
