package dev.assay.stats.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Bradley-Terry fit against closed forms (two systems), against its defining score equations
 * (Zermelo 1929: at the maximum each system's expected wins equal its observed wins), against a
 * slow reference maximiser (Newton's method on the log-likelihood, written independently), and its
 * standard errors against the numerically differentiated log-likelihood.
 */
class BradleyTerryTest {
  @Test
  void twoSystemsHaveTheClosedForm() {
    // 30 wins to 10: P(0 beats 1) = 3/4, β₀ - β₁ = ln 3, var = 1/(n p (1 - p)) = 1/(40·3/16).
    BradleyTerry.Fit fit = BradleyTerry.fit(new double[][] {{0, 30}, {10, 0}});
    assertThat(fit.probability(0, 1)).isCloseTo(0.75, within(1e-10));
    assertThat(fit.strengths()[0] - fit.strengths()[1]).isCloseTo(Math.log(3), within(1e-10));
    assertThat(fit.strengths()[0] + fit.strengths()[1]).isCloseTo(0, within(1e-12));
    assertThat(fit.differenceStandardError(0, 1)).isCloseTo(Math.sqrt(16.0 / 120), within(1e-9));
    var ci = fit.probabilityInterval(0, 1, 0.95);
    double z = 1.959963984540054;
    double se = Math.sqrt(16.0 / 120);
    assertThat(ci.lower()).isCloseTo(1 / (1 + Math.exp(-(Math.log(3) - z * se))), within(1e-9));
    assertThat(ci.upper()).isCloseTo(1 / (1 + Math.exp(-(Math.log(3) + z * se))), within(1e-9));
  }

  @Test
  void fitSolvesTheScoreEquationsAndMatchesNewton() {
    long seed = 1952L;
    System.out.println("BradleyTerryTest seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    for (int trial = 0; trial < 30; trial++) {
      int k = 3 + r.nextInt(4);
      double[] truth = new double[k];
      for (int i = 0; i < k; i++) {
        truth[i] = r.nextGaussian();
      }
      double[][] wins = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = i + 1; j < k; j++) {
          int games = 5 + r.nextInt(30);
          double p = 1 / (1 + Math.exp(truth[j] - truth[i]));
          for (int g = 0; g < games; g++) {
            double u = r.nextDouble();
            if (u < 0.1) { // a tie: half a win each
              wins[i][j] += 0.5;
              wins[j][i] += 0.5;
            } else if (r.nextDouble() < p) {
              wins[i][j]++;
            } else {
              wins[j][i]++;
            }
          }
        }
      }
      BradleyTerry.Fit fit = BradleyTerry.fit(wins);
      for (int i = 0; i < k; i++) {
        double observed = 0;
        double expected = 0;
        for (int j = 0; j < k; j++) {
          observed += wins[i][j];
          expected += (wins[i][j] + wins[j][i]) * fit.probability(i, j);
        }
        assertThat(expected).as("trial %d, system %d", trial, i).isCloseTo(observed, within(1e-8));
      }
      double[] newton = newton(wins);
      for (int i = 0; i < k; i++) {
        assertThat(fit.strengths()[i]).isCloseTo(newton[i], within(1e-8));
      }
      double[][] hessian = numericalHessian(wins, newton);
      // Var(β_0 - β_i) from the inverse observed information with β_0 fixed at 0.
      double[][] inverse = invertWithoutFirst(hessian);
      for (int i = 1; i < k; i++) {
        assertThat(fit.differenceStandardError(0, i)).isCloseTo(Math.sqrt(inverse[i - 1][i - 1]), within(1e-5));
      }
    }
  }

  /** Newton's method on β with β_0 = 0, then centred. */
  private static double[] newton(double[][] wins) {
    int k = wins.length;
    double[] beta = new double[k];
    for (int step = 0; step < 200; step++) {
      double[] grad = new double[k];
      double[][] h = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          if (i == j) {
            continue;
          }
          double n = wins[i][j] + wins[j][i];
          double p = 1 / (1 + Math.exp(beta[j] - beta[i]));
          grad[i] += wins[i][j] - n * p;
          h[i][i] += n * p * (1 - p);
          h[i][j] -= n * p * (1 - p);
        }
      }
      double[][] reduced = new double[k - 1][k - 1];
      double[] g = new double[k - 1];
      for (int i = 1; i < k; i++) {
        g[i - 1] = grad[i];
        for (int j = 1; j < k; j++) {
          reduced[i - 1][j - 1] = h[i][j];
        }
      }
      double[] delta = solve(reduced, g);
      for (int i = 1; i < k; i++) {
        beta[i] += delta[i - 1];
      }
    }
    double mean = java.util.Arrays.stream(beta).average().orElse(0);
    for (int i = 0; i < k; i++) {
      beta[i] -= mean;
    }
    return beta;
  }

  private static double logLikelihood(double[][] wins, double[] beta) {
    double l = 0;
    for (int i = 0; i < wins.length; i++) {
      for (int j = 0; j < wins.length; j++) {
        if (i != j && wins[i][j] > 0) {
          l -= wins[i][j] * Math.log1p(Math.exp(beta[j] - beta[i]));
        }
      }
    }
    return l;
  }

  /** The negative Hessian of the log-likelihood by central differences. */
  private static double[][] numericalHessian(double[][] wins, double[] beta) {
    int k = beta.length;
    double h = 1e-4;
    double[][] out = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double[] pp = beta.clone();
        double[] pm = beta.clone();
        double[] mp = beta.clone();
        double[] mm = beta.clone();
        pp[i] += h;
        pp[j] += h;
        pm[i] += h;
        pm[j] -= h;
        mp[i] -= h;
        mp[j] += h;
        mm[i] -= h;
        mm[j] -= h;
        out[i][j] = -(logLikelihood(wins, pp) - logLikelihood(wins, pm) - logLikelihood(wins, mp)
            + logLikelihood(wins, mm)) / (4 * h * h);
      }
    }
    return out;
  }

  private static double[][] invertWithoutFirst(double[][] m) {
    int k = m.length - 1;
    double[][] out = new double[k][k];
    for (int c = 0; c < k; c++) {
      double[] e = new double[k];
      e[c] = 1;
      double[][] reduced = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          reduced[i][j] = m[i + 1][j + 1];
        }
      }
      double[] col = solve(reduced, e);
      for (int i = 0; i < k; i++) {
        out[i][c] = col[i];
      }
    }
    return out;
  }

  /** Gaussian elimination with partial pivoting. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = m[r][c] / m[c][c];
          for (int j = c; j <= n; j++) {
            m[r][j] -= f * m[c][j];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = m[i][n] / m[i][i];
    }
    return x;
  }

  @Test
  void aSystemThatNeverLosesHasNoFiniteStrength() {
    assertThatThrownBy(() -> BradleyTerry.fit(new double[][] {{0, 5, 3}, {0, 0, 2}, {0, 1, 0}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no finite Bradley-Terry fit").hasMessageContaining("never beats");
    assertThatThrownBy(() -> BradleyTerry.fit(new double[][] {{0}})).hasMessageContaining("two systems");
  }

  @Test
  void tiesAloneGiveEqualStrengths() {
    BradleyTerry.Fit fit = BradleyTerry.fit(new double[][] {{0, 2}, {2, 0}});
    assertThat(fit.probability(0, 1)).isCloseTo(0.5, within(1e-12));
  }
}
