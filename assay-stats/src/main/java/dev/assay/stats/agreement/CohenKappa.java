package dev.assay.stats.agreement;

/**
 * Cohen's κ between two raters who each put the same items into one of k ordered categories, from
 * their k×k table of counts (rows: rater A, columns: rater B), unweighted (Cohen 1960) or weighted
 * (Cohen 1968).
 *
 * <p>With cell proportions p_ij, margins p_i· and p_·j and agreement weights w_ij = 1 - c_ij/c_max
 * (c the disagreement cost of {@link KappaWeights}), p_o = Σ w_ij p_ij, p_e = Σ w_ij p_i· p_·j and
 * κ = (p_o - p_e)/(1 - p_e). Its large-sample variance (Fleiss, Cohen and Everitt 1969, Psychol.
 * Bull. 72:323-327), with w̄_i· = Σ_j w_ij p_·j and w̄_·j = Σ_i w_ij p_i·, is
 *
 * <pre>
 *   var κ = [Σ_ij p_ij (w_ij - (w̄_i· + w̄_·j)(1 - κ))² - (κ - p_e(1 - κ))²] / (n (1 - p_e)²).
 * </pre>
 *
 * <p>Equal to {@code sklearn.metrics.cohen_kappa_score} for the same table with {@code weights}
 * None, "linear" or "quadratic" when the category values are the positions 0..k-1 (scikit-learn
 * weighs by position). Counts may be fractional (bootstrap weights).
 */
public final class CohenKappa {
  private CohenKappa() {}

  /** κ of {@code counts} with categories at positions 0, 1, ..., k-1. */
  public static Kappa of(double[][] counts, KappaWeights weights) {
    double[] positions = new double[counts.length];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = i;
    }
    return of(counts, positions, weights);
  }

  /**
   * κ of {@code counts} whose category i has numeric value {@code values[i]} (a 1-5 rubric with
   * an unused 3 still weighs 2 against 4 as two steps).
   *
   * @throws IllegalArgumentException when the table is not square, does not match {@code values},
   *     or holds a negative or non-finite count
   */
  public static Kappa of(double[][] counts, double[] values, KappaWeights weights) {
    int k = counts.length;
    if (values.length != k) {
      throw new IllegalArgumentException("a " + k + "x" + k + " table needs " + k + " category values");
    }
    double n = 0;
    for (double[] row : counts) {
      if (row.length != k) {
        throw new IllegalArgumentException("the table of counts is not square");
      }
      for (double c : row) {
        if (!(c >= 0) || Double.isInfinite(c)) {
          throw new IllegalArgumentException("a count must be finite and >= 0, got " + c);
        }
        n += c;
      }
    }
    if (n == 0) {
      return new Kappa(Double.NaN, Double.NaN, weights, 0);
    }
    double maxCost = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        maxCost = Math.max(maxCost, weights.disagreement(values[i], values[j]));
      }
    }
    if (maxCost == 0) {
      // One category: there is nothing to disagree about.
      return new Kappa(Double.NaN, Double.NaN, weights, n);
    }
    double[][] w = new double[k][k];
    double[][] p = new double[k][k];
    double[] row = new double[k];
    double[] col = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        w[i][j] = 1 - weights.disagreement(values[i], values[j]) / maxCost;
        p[i][j] = counts[i][j] / n;
        row[i] += p[i][j];
        col[j] += p[i][j];
      }
    }
    double po = 0;
    double pe = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        po += w[i][j] * p[i][j];
        pe += w[i][j] * row[i] * col[j];
      }
    }
    if (!(1 - pe > 1e-15)) {
      return new Kappa(Double.NaN, Double.NaN, weights, n);
    }
    double kappa = (po - pe) / (1 - pe);
    double[] wRow = new double[k];
    double[] wCol = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        wRow[i] += w[i][j] * col[j];
        wCol[j] += w[i][j] * row[i];
      }
    }
    double sum = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double d = w[i][j] - (wRow[i] + wCol[j]) * (1 - kappa);
        sum += p[i][j] * d * d;
      }
    }
    double tail = kappa - pe * (1 - kappa);
    double variance = (sum - tail * tail) / (n * (1 - pe) * (1 - pe));
    return new Kappa(kappa, Math.sqrt(Math.max(0, variance)), weights, n);
  }
}
