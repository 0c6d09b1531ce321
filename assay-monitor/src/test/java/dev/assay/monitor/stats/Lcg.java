package dev.assay.monitor.stats;

/**
 * The data generator shared with the scipy script that produced the expected values: an LCG whose
 * values are dyadic rationals, so Java and numpy see bit-identical samples.
 *
 * <pre>
 * s = (1103515245 s + 12345) mod 2^31;  u = s / 2^31
 * value = loc + scale (u1 + u2 + u3 + u4 - 2), optionally rounded to a grid
 * </pre>
 */
final class Lcg {
  private long s;

  Lcg(long seed) {
    this.s = seed;
  }

  double u() {
    s = (1103515245L * s + 12345L) % (1L << 31);
    return s / (double) (1L << 31);
  }

  double[] sample(int n, double loc, double scale, double grid) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double v = loc + scale * (u() + u() + u() + u() - 2);
      if (grid > 0) {
        // Python's round() rounds half to even, as Math.rint does.
        v = Math.rint(v / grid) * grid;
      }
      out[i] = v;
    }
    return out;
  }
}
