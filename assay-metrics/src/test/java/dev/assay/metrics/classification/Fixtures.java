package dev.assay.metrics.classification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic datasets built from integer formulas, so that a Python script can build exactly
 * the same doubles and hand them to scikit-learn (see SklearnParityTest for the script). The
 * formulas give many tied scores, zero and one probabilities, and unequal class supports.
 */
final class Fixtures {
  static final List<String> ANIMALS = List.of("bird", "cat", "dog");
  private static final int[] SKEW = {0, 0, 0, 1, 1, 2, 2};

  private Fixtures() {}

  /** Three classes, probabilities a_c / Σa with a_c in 1..15, prediction = arg-max (first wins). */
  static List<ClassificationRecord> multiclass(int n) {
    List<ClassificationRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int t = SKEW[(i * 37 + 11) % 7];
      long[] a = new long[3];
      long sum = 0;
      for (int c = 0; c < 3; c++) {
        a[c] = ((long) i * (c + 3) * 7919 + c * 104729L) % 10 + 1;
        if (c == t && i % 3 != 0) {
          a[c] += 5;
        }
        sum += a[c];
      }
      Map<String, Double> scores = new LinkedHashMap<>();
      int argmax = 0;
      for (int c = 0; c < 3; c++) {
        scores.put(ANIMALS.get(c), (double) a[c] / sum);
        if (a[c] > a[argmax]) {
          argmax = c;
        }
      }
      out.add(new ClassificationRecord("m" + i, ANIMALS.get(t), ANIMALS.get(argmax), scores, null, i + 1));
    }
    return out;
  }

  /** Two classes ham/spam, positive-class score k/20 (k in 0..20), predicted spam when ≥ 0.5. */
  static List<ClassificationRecord> binary(int n) {
    List<ClassificationRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int t = (i * 37 + 11) % 2;
      int k = (int) (((long) i * 7919) % 21);
      if (t == 1 && i % 5 != 0) {
        k = Math.min(20, k + 6);
      }
      double s = k / 20.0;
      out.add(new ClassificationRecord("b" + i, t == 1 ? "spam" : "ham", s >= 0.5 ? "spam" : "ham", null, s, i + 1));
    }
    return out;
  }

  /** Bootstrap-like multiplicities 0..3: {@code (i·7) mod 4}. */
  static double[] weights(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = (i * 7) % 4;
    }
    return w;
  }
}
