package dev.assay.stats.interval;

import dev.assay.stats.ConfidenceInterval;

/**
 * Newcombe's square-and-add interval for a paired difference of proportions θ = p₁ - p₂
 * (candidate minus baseline), method 10 of Newcombe 1998 (Stat Med 17:2635-2650), with the
 * correction of φ.
 *
 * <p>With Wilson intervals (l₁, u₁) for p₁ and (l₂, u₂) for p₂:
 * {@code L = θ - √((p₁-l₁)² - 2φ(p₁-l₁)(u₂-p₂) + (u₂-p₂)²)},
 * {@code U = θ + √((p₂-l₂)² - 2φ(p₂-l₂)(u₁-p₁) + (u₁-p₁)²)}, where φ is the correlation of the
 * paired outcomes: with A = both·neither - candidateOnly·baselineOnly and D the product of the
 * four margins, φ = (A - n/2)/√D if A > n/2, 0 if 0 <= A <= n/2, A/√D if A < 0, and 0 when any
 * margin is empty. Bounds lie in [-1, 1].
 */
public final class NewcombePairedInterval {

  private NewcombePairedInterval() {}

  public static ConfidenceInterval of(PairedCounts counts, double confidence) {
    long n = counts.n();
    long candidateSuccesses = counts.both() + counts.candidateOnly();
    long baselineSuccesses = counts.both() + counts.baselineOnly();
    double p1 = (double) candidateSuccesses / n;
    double p2 = (double) baselineSuccesses / n;
    ConfidenceInterval w1 = WilsonInterval.of(candidateSuccesses, n, confidence);
    ConfidenceInterval w2 = WilsonInterval.of(baselineSuccesses, n, confidence);
    double phi = phi(counts);
    double theta = p1 - p2;
    double dl1 = p1 - w1.lower();
    double du1 = w1.upper() - p1;
    double dl2 = p2 - w2.lower();
    double du2 = w2.upper() - p2;
    double lower = theta - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
    double upper = theta + Math.sqrt(Math.max(0, dl2 * dl2 - 2 * phi * dl2 * du1 + du1 * du1));
    return new ConfidenceInterval(Math.max(-1, lower), Math.min(1, upper), confidence);
  }

  /** The corrected correlation φ* of the paired outcomes. */
  static double phi(PairedCounts c) {
    double row1 = c.both() + c.candidateOnly();
    double row2 = c.baselineOnly() + c.neither();
    double col1 = c.both() + c.baselineOnly();
    double col2 = c.candidateOnly() + c.neither();
    if (row1 == 0 || row2 == 0 || col1 == 0 || col2 == 0) {
      return 0;
    }
    double a = (double) c.both() * c.neither() - (double) c.candidateOnly() * c.baselineOnly();
    double halfN = c.n() / 2.0;
    double root = Math.sqrt(row1) * Math.sqrt(row2) * Math.sqrt(col1) * Math.sqrt(col2);
    if (a > halfN) {
      return (a - halfN) / root;
    }
    if (a >= 0) {
      return 0;
    }
    return a / root;
  }
}
