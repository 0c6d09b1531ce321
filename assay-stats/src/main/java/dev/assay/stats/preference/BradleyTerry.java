package dev.assay.stats.preference;

import dev.assay.stats.Confidence;
import dev.assay.stats.ConfidenceInterval;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The Bradley-Terry model (Bradley and Terry 1952, Biometrika 39:324-345): system i beats system j
 * with probability π_i / (π_i + π_j), π_i = exp(β_i). Fitted by maximum likelihood with the
 * minorization-maximization iteration of Hunter (2004, Ann. Stat. 32:384-406), π_i ← W_i / Σ_j
 * N_ij / (π_i + π_j) (W_i the wins of i, N_ij the comparisons of i and j), which increases the
 * likelihood at every step and converges to the maximum when it exists.
 *
 * <p>Ties count as half a win for each side. The strengths are identified up to a common factor;
 * they are reported with Σ β_i = 0. The covariance of β̂ is the Moore-Penrose inverse of the
 * Fisher information I (I_ii = Σ_j N_ij p_ij p_ji, I_ij = -N_ij p_ij p_ji), which treats every
 * comparison as independent; the variance of a difference β_i - β_j does not depend on the
 * normalisation.
 *
 * <p>The maximum exists exactly when, for every split of the systems into two groups, some system
 * of each group has a win (or a tie) against the other group (Ford 1957); otherwise {@link #fit}
 * refuses, naming a system that never loses or never wins.
 */
public final class BradleyTerry {
  private static final int MAX_ITERATIONS = 100_000;
  private static final double TOLERANCE = 1e-12;

  private BradleyTerry() {}

  /**
   * A fitted model.
   *
   * @param strengths β_i, summing to 0
   * @param covariance the estimated covariance of β̂
   * @param iterations MM steps taken
   */
  public record Fit(double[] strengths, double[][] covariance, int iterations) {
    /** Estimated P(i beats j) = 1 / (1 + exp(β_j - β_i)). */
    public double probability(int i, int j) {
      return 1 / (1 + Math.exp(strengths[j] - strengths[i]));
    }

    /** Standard error of β_i - β_j. */
    public double differenceStandardError(int i, int j) {
      double v = covariance[i][i] + covariance[j][j] - 2 * covariance[i][j];
      return Math.sqrt(Math.max(0, v));
    }

    /**
     * Wald interval of β_i - β_j mapped through the logistic function: an interval for P(i beats j)
     * that stays inside (0, 1).
     */
    public ConfidenceInterval probabilityInterval(int i, int j, double confidence) {
      double z = Confidence.normalQuantile(1 - (1 - Confidence.check(confidence)) / 2);
      double d = strengths[i] - strengths[j];
      double se = differenceStandardError(i, j);
      return new ConfidenceInterval(logistic(d - z * se), logistic(d + z * se), confidence);
    }

    private static double logistic(double x) {
      return 1 / (1 + Math.exp(-x));
    }
  }

  /**
   * Fits the model to {@code wins[i][j]}, the (possibly fractional: ties count ½) wins of system
   * i over system j.
   *
   * @throws IllegalArgumentException when the table is not square, has fewer than two systems, a
   *     negative or non-finite entry, a system with no comparisons, or no finite maximum
   *     (a group of systems that never loses to the rest)
   */
  public static Fit fit(double[][] wins) {
    int k = wins.length;
    if (k < 2) {
      throw new IllegalArgumentException("Bradley-Terry needs at least two systems");
    }
    double[][] n = new double[k][k];
    double[] w = new double[k];
    for (int i = 0; i < k; i++) {
      if (wins[i].length != k) {
        throw new IllegalArgumentException("the table of wins is not square");
      }
      for (int j = 0; j < k; j++) {
        double v = wins[i][j];
        if (!(v >= 0) || Double.isInfinite(v) || (i == j && v != 0)) {
          throw new IllegalArgumentException("wins must be finite, >= 0 and 0 on the diagonal, got " + v);
        }
        w[i] += v;
        n[i][j] += v;
        n[j][i] += v;
      }
    }
    requireFiniteMaximum(wins);
    double[] pi = new double[k];
    java.util.Arrays.fill(pi, 1.0);
    int iterations = 0;
    while (iterations < MAX_ITERATIONS) {
      iterations++;
      double[] next = new double[k];
      for (int i = 0; i < k; i++) {
        double denominator = 0;
        for (int j = 0; j < k; j++) {
          if (j != i && n[i][j] > 0) {
            denominator += n[i][j] / (pi[i] + pi[j]);
          }
        }
        next[i] = w[i] / denominator;
      }
      normalise(next);
      double change = 0;
      for (int i = 0; i < k; i++) {
        change = Math.max(change, Math.abs(Math.log(next[i]) - Math.log(pi[i])));
      }
      pi = next;
      if (change < TOLERANCE) {
        break;
      }
    }
    double[] beta = new double[k];
    for (int i = 0; i < k; i++) {
      beta[i] = Math.log(pi[i]);
    }
    return new Fit(beta, covariance(beta, n), iterations);
  }

  /** Scales π to geometric mean 1, so that Σ β = 0. */
  private static void normalise(double[] pi) {
    double logSum = 0;
    for (double p : pi) {
      logSum += Math.log(p);
    }
    double factor = Math.exp(-logSum / pi.length);
    for (int i = 0; i < pi.length; i++) {
      pi[i] *= factor;
    }
  }

  /** pinv(I) = (I + J/k)⁻¹ - J/k for a connected comparison graph (I's null space is the ones vector). */
  private static double[][] covariance(double[] beta, double[][] n) {
    int k = beta.length;
    double[][] info = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (i != j && n[i][j] > 0) {
          double p = 1 / (1 + Math.exp(beta[j] - beta[i]));
          double v = n[i][j] * p * (1 - p);
          info[i][j] = -v;
          info[i][i] += v;
        }
      }
    }
    RealMatrix shifted = MatrixUtils.createRealMatrix(info);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        shifted.addToEntry(i, j, 1.0 / k);
      }
    }
    RealMatrix inverse = new LUDecomposition(shifted).getSolver().getInverse();
    double[][] out = inverse.getData();
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        out[i][j] -= 1.0 / k;
      }
    }
    return out;
  }

  /**
   * Ford's condition: the directed graph "i has a win (or tie) against j" is strongly connected,
   * i.e. system 0 reaches every system and every system reaches system 0.
   */
  private static void requireFiniteMaximum(double[][] wins) {
    boolean[] beaten = reach(wins, 0, true);
    boolean[] beating = reach(wins, 0, false);
    for (int j = 0; j < wins.length; j++) {
      if (!beaten[j] || !beating[j]) {
        throw new IllegalArgumentException("no finite Bradley-Terry fit: a group of systems (with system " + j
            + (beaten[j] ? ") never beats" : ") is never beaten by") + " the rest, so its strength would be "
            + (beaten[j] ? "-" : "+") + "infinite");
      }
    }
  }

  /** Systems {@code from} beats directly or transitively ({@code forward}), or that beat it. */
  private static boolean[] reach(double[][] wins, int from, boolean forward) {
    int k = wins.length;
    boolean[] seen = new boolean[k];
    java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
    seen[from] = true;
    queue.add(from);
    while (!queue.isEmpty()) {
      int a = queue.poll();
      for (int b = 0; b < k; b++) {
        double edge = forward ? wins[a][b] : wins[b][a];
        if (!seen[b] && edge > 0) {
          seen[b] = true;
          queue.add(b);
        }
      }
    }
    return seen;
  }
}
