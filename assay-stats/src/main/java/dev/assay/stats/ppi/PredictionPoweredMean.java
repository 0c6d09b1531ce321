package dev.assay.stats.ppi;

/**
 * Estimates of a mean E[Y] (a hallucination rate, a success rate, a mean difference) from n
 * labelled examples (human label y_i and judge score f_i) and N unlabelled ones (judge score f̃_j
 * only), drawn from the same population with the labelled ones a uniformly random subset.
 *
 * <ul>
 *   <li><b>human-only</b> (classical): ȳ, se² = s²(y)/n. Unbiased, but uses n examples.
 *   <li><b>judge-only</b>: the mean of the judge's scores on all n + N examples, se² = s²(f)/(n +
 *       N). Narrow, but centred on what the judge says, not on the truth: biased by the judge's
 *       errors. Shown for comparison, never for decisions.
 *   <li><b>PPI</b> (Angelopoulos et al., Science 2023): the judge's mean on the unlabelled
 *       examples corrected by the judge's mean error on the labelled ones, θ̂ = mean(f̃) -
 *       mean(f - y), se² = s²(f̃)/N + s²(f - y)/n.
 *   <li><b>PPI++</b> (Angelopoulos, Duchi and Zrnic 2023): θ̂_λ = λ·mean(f̃) + mean(y - λf), se² =
 *       λ²s²(f̃)/N + s²(y - λf)/n, with the variance-minimising λ̂ = Cov(y, f) / ((1 + n/N)
 *       Var(f)) (Cov on the labelled examples, Var on all n + N scores), clipped to [0, 1]. λ = 0
 *       is the human-only estimate and λ = 1 PPI, and the variance is convex in λ, so the tuned
 *       estimate is never less precise (asymptotically) than either; a useless judge gets λ near 0.
 * </ul>
 *
 * <p>Intervals are θ̂ ± z·se (the central limit theorem; s² has divisor n - 1). Paired differences
 * between two systems are means of per-example differences: pass y = y_B - y_A and f = f_B - f_A.
 */
public final class PredictionPoweredMean {
  private PredictionPoweredMean() {}

  /** The human-only estimate: ȳ with se s(y)/√n. */
  public static MeanEstimate humanOnly(double[] y) {
    return new MeanEstimate("human_only", mean(y), Math.sqrt(variance(y) / y.length), y.length, 0, 0);
  }

  /** The judge-only estimate over every scored example, labelled ({@code f}) and not ({@code fUnlabelled}). */
  public static MeanEstimate judgeOnly(double[] f, double[] fUnlabelled) {
    double[] all = new double[f.length + fUnlabelled.length];
    System.arraycopy(f, 0, all, 0, f.length);
    System.arraycopy(fUnlabelled, 0, all, f.length, fUnlabelled.length);
    return new MeanEstimate("judge_only", mean(all), Math.sqrt(variance(all) / all.length), f.length,
        fUnlabelled.length, Double.NaN);
  }

  /** PPI: λ = 1. */
  public static MeanEstimate ppi(double[] y, double[] f, double[] fUnlabelled) {
    return withLambda("ppi", y, f, fUnlabelled, 1);
  }

  /** PPI++: λ tuned by {@link #tunedLambda}. */
  public static MeanEstimate ppiPlusPlus(double[] y, double[] f, double[] fUnlabelled) {
    return withLambda("ppi++", y, f, fUnlabelled, tunedLambda(y, f, fUnlabelled));
  }

  /**
   * λ̂ = Cov(y, f) / ((1 + n/N) Var(f)) clipped to [0, 1]; 0 when the judge's scores do not vary
   * (they carry no information).
   */
  public static double tunedLambda(double[] y, double[] f, double[] fUnlabelled) {
    check(y, f, fUnlabelled);
    int n = y.length;
    int bigN = fUnlabelled.length;
    double[] all = new double[n + bigN];
    System.arraycopy(f, 0, all, 0, n);
    System.arraycopy(fUnlabelled, 0, all, n, bigN);
    double varF = variance(all);
    if (!(varF > 0) || n < 2) {
      return 0;
    }
    double lambda = covariance(y, f) / ((1 + (double) n / bigN) * varF);
    return Math.max(0, Math.min(1, lambda));
  }

  /** θ̂_λ = λ·mean(f̃) + mean(y - λf) with se² = λ²s²(f̃)/N + s²(y - λf)/n. */
  public static MeanEstimate withLambda(String method, double[] y, double[] f, double[] fUnlabelled, double lambda) {
    check(y, f, fUnlabelled);
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must lie in [0, 1], got " + lambda);
    }
    int n = y.length;
    double[] rectified = new double[n];
    for (int i = 0; i < n; i++) {
      rectified[i] = y[i] - lambda * f[i];
    }
    double estimate = lambda * mean(fUnlabelled) + mean(rectified);
    double variance = lambda * lambda * variance(fUnlabelled) / fUnlabelled.length + variance(rectified) / n;
    return new MeanEstimate(method, estimate, Math.sqrt(variance), n, fUnlabelled.length, lambda);
  }

  private static void check(double[] y, double[] f, double[] fUnlabelled) {
    if (y.length != f.length) {
      throw new IllegalArgumentException("labelled examples need a label and a judge score each: " + y.length
          + " labels, " + f.length + " scores");
    }
    if (y.length == 0 || fUnlabelled.length == 0) {
      throw new IllegalArgumentException("prediction-powered inference needs labelled and unlabelled examples ("
          + y.length + " labelled, " + fUnlabelled.length + " unlabelled)");
    }
    for (double[] a : new double[][] {y, f, fUnlabelled}) {
      for (double v : a) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("labels and scores must be finite, got " + v);
        }
      }
    }
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Sample variance (divisor n - 1), NaN when n < 2. */
  static double variance(double[] v) {
    if (v.length < 2) {
      return Double.NaN;
    }
    double m = mean(v);
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return ss / (v.length - 1);
  }

  static double covariance(double[] a, double[] b) {
    double ma = mean(a);
    double mb = mean(b);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - ma) * (b[i] - mb);
    }
    return s / (a.length - 1);
  }
}
