package dev.assay.metrics.classification;

/**
 * Compensated (Neumaier) summation: keeps long sums of per-example losses accurate to a few ulps,
 * so results agree with numpy's pairwise sums to well below 1e-9 whatever the order.
 */
final class Sums {
  private double sum;
  private double compensation;

  void add(double x) {
    double t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) {
      compensation += (sum - t) + x;
    } else {
      compensation += (x - t) + sum;
    }
    sum = t;
  }

  double value() {
    return sum + compensation;
  }
}
