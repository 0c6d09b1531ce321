package dev.assay.metrics.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** ROC AUC and average precision against slow, obviously correct oracles. */
class BinaryRankingTest {

  /** AUC as P(score⁺ > score⁻) + ½ P(tie), by looking at every positive/negative pair. */
  static double pairwiseAuc(boolean[] y, double[] s, double[] w) {
    double concordant = 0;
    double pairs = 0;
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y.length; j++) {
        if (y[i] && !y[j]) {
          double pw = w[i] * w[j];
          pairs += pw;
          concordant += s[i] > s[j] ? pw : s[i] == s[j] ? pw / 2 : 0;
        }
      }
    }
    return concordant / pairs;
  }

  /** AP from its definition: at each distinct threshold t, precision and recall of {score ≥ t}. */
  static double definitionAp(boolean[] y, double[] s, double[] w) {
    TreeSet<Double> thresholds = new TreeSet<>();
    double positives = 0;
    for (int i = 0; i < y.length; i++) {
      thresholds.add(s[i]);
      positives += y[i] ? w[i] : 0;
    }
    double ap = 0;
    double previousRecall = 0;
    for (double t : thresholds.descendingSet()) {
      double tp = 0;
      double selected = 0;
      for (int i = 0; i < y.length; i++) {
        if (s[i] >= t) {
          selected += w[i];
          tp += y[i] ? w[i] : 0;
        }
      }
      double recall = tp / positives;
      ap += (recall - previousRecall) * tp / selected;
      previousRecall = recall;
    }
    return ap;
  }

  @Property(tries = 200)
  void aucAndApEqualTheirOracles(@ForAll long seed, @ForAll @IntRange(min = 2, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 12) int levels) {
    Random random = new Random(seed);
    boolean[] y = new boolean[n];
    double[] s = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i == 0 || (i > 1 && random.nextBoolean()); // example 0 positive, 1 negative
      s[i] = random.nextInt(levels) / (double) levels; // few levels: many ties
      w[i] = 1 + random.nextInt(3);
    }
    assertThat(BinaryRanking.rocAuc(y, s, w)).as("seed %d", seed).isCloseTo(pairwiseAuc(y, s, w), within(1e-12));
    assertThat(BinaryRanking.averagePrecision(y, s, w)).as("seed %d", seed)
        .isCloseTo(definitionAp(y, s, w), within(1e-12));
  }

  @Test
  void handWorkedExample() {
    // Positives at 0.8 and 0.4, negatives at 0.4 and 0.1: pairs (0.8>0.4) (0.8>0.1) (0.4=0.4 ½) (0.4>0.1) → 3.5/4.
    boolean[] y = {true, true, false, false};
    double[] s = {0.8, 0.4, 0.4, 0.1};
    double[] w = {1, 1, 1, 1};
    assertThat(BinaryRanking.rocAuc(y, s, w)).isEqualTo(0.875);
    // Thresholds 0.8: P=1, R=½; 0.4: P=2/3, R=1; 0.1: R unchanged. AP = ½·1 + ½·⅔ = 5/6.
    assertThat(BinaryRanking.averagePrecision(y, s, w)).isCloseTo(5.0 / 6, within(1e-15));
  }

  @Test
  void undefinedCasesFollowSklearn() {
    boolean[] allNegative = {false, false, false};
    double[] s = {0.1, 0.2, 0.3};
    double[] w = {1, 1, 1};
    // roc_auc_score([0,0,0], s) -> nan (with a warning); average_precision_score -> 0.0 (1.9.1).
    assertThat(BinaryRanking.rocAuc(allNegative, s, w)).isNaN();
    assertThat(BinaryRanking.averagePrecision(allNegative, s, w)).isZero();
  }

  @Test
  void zeroWeightsAreIgnoredLikeAbsentExamples() {
    boolean[] y = {true, false, true, false, true};
    double[] s = {0.9, 0.7, 0.7, 0.2, 0.95};
    double[] w = {1, 1, 1, 1, 0};
    boolean[] y4 = {true, false, true, false};
    double[] s4 = {0.9, 0.7, 0.7, 0.2};
    double[] w4 = {1, 1, 1, 1};
    assertThat(BinaryRanking.rocAuc(y, s, w)).isEqualTo(BinaryRanking.rocAuc(y4, s4, w4));
    assertThat(BinaryRanking.averagePrecision(y, s, w)).isEqualTo(BinaryRanking.averagePrecision(y4, s4, w4));
  }
}
