package dev.assay.monitor.stats;

/**
 * The Jensen-Shannon distance between two discrete distributions, base 2: {@code sqrt(JSD)} with
 * {@code JSD = ½ KL(p‖m) + ½ KL(q‖m)}, {@code m = (p + q)/2}. It equals {@code
 * scipy.spatial.distance.jensenshannon(p, q, base=2)}: inputs are normalised to sum 1, terms with
 * a zero share contribute 0. In base 2 the distance lies in [0, 1] (1 for disjoint supports),
 * which makes a threshold (default 0.1) readable without knowing the number of categories.
 */
public final class JensenShannon {
  private JensenShannon() {}

  /** The distance between the distributions proportional to {@code p} and {@code q}. */
  public static double distance(double[] p, double[] q) {
    if (p.length != q.length || p.length == 0) {
      throw new IllegalArgumentException("Jensen-Shannon needs two distributions over the same categories");
    }
    double sp = 0;
    double sq = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] < 0 || q[i] < 0) {
        throw new IllegalArgumentException("negative weight");
      }
      sp += p[i];
      sq += q[i];
    }
    if (sp <= 0 || sq <= 0) {
      throw new IllegalArgumentException("Jensen-Shannon of an empty distribution");
    }
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double a = p[i] / sp;
      double b = q[i] / sq;
      double m = (a + b) / 2;
      if (a > 0) {
        js += a * Math.log(a / m);
      }
      if (b > 0) {
        js += b * Math.log(b / m);
      }
    }
    js = Math.max(0, js / 2 / Math.log(2));
    return Math.sqrt(js);
  }

  /** As {@link #distance(double[], double[])} for counts. */
  public static double distance(long[] p, long[] q) {
    double[] a = new double[p.length];
    double[] b = new double[q.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = p[i];
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = q[i];
    }
    return distance(a, b);
  }
}
