package dev.assay.metrics.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Label metrics on small cases, with scikit-learn 1.9.1's value for each in a comment. */
class ConfusionMatrixTest {
  private static List<ClassificationRecord> pairs(String... truthThenPrediction) {
    List<ClassificationRecord> out = new ArrayList<>();
    for (int i = 0; i < truthThenPrediction.length; i += 2) {
      out.add(ClassificationRecord.of("e" + i, truthThenPrediction[i], truthThenPrediction[i + 1]));
    }
    return out;
  }

  private static Map<String, Double> eval(List<ClassificationRecord> r, String... metrics) {
    return ClassificationEvaluation.evaluate(r, List.of(metrics));
  }

  @Test
  void degenerateAgreementFollowsSklearn() {
    // cohen_kappa_score([1,1,1],[1,1,1]) -> nan; matthews_corrcoef([1,1,1],[1,1,1]) -> 0.0
    Map<String, Double> m = eval(pairs("1", "1", "1", "1", "1", "1"), "cohen_kappa", "mcc", "accuracy");
    assertThat(m.get("cohen_kappa")).isNaN();
    assertThat(m.get("mcc")).isZero();
    assertThat(m.get("accuracy")).isEqualTo(1.0);
    // matthews_corrcoef([1,0,1],[1,1,1]) -> 0.0 (constant prediction)
    assertThat(eval(pairs("1", "1", "0", "1", "1", "1"), "mcc").get("mcc")).isZero();
  }

  @Test
  void predictedOnlyClassesFollowSklearn() {
    // balanced_accuracy_score([0,0,1,1],[0,2,1,1]) -> 0.75 (class 2 never true: left out)
    assertThat(eval(pairs("0", "0", "0", "2", "1", "1", "1", "1"), "balanced_accuracy").get("balanced_accuracy"))
        .isCloseTo(0.75, within(1e-15));
    // precision_score([0,0,1],[0,2,1], average="macro") -> 0.6666666666666666 (class 2: 0/1)
    assertThat(eval(pairs("0", "0", "0", "2", "1", "1"), "precision_macro").get("precision_macro"))
        .isCloseTo(0.6666666666666666, within(1e-15));
    // f1_score([0,0,1],[0,0,0], average="macro") -> 0.4 (class 1 never predicted: zero_division 0)
    assertThat(eval(pairs("0", "0", "0", "0", "1", "0"), "f1_macro").get("f1_macro")).isCloseTo(0.4, within(1e-15));
  }

  @Test
  void handComputedMccAndKappa() {
    // TP=3 FN=1 FP=2 TN=4 (positive "y"): MCC = (3·4 − 2·1)/√(5·5·4·6) = 10/√600.
    List<ClassificationRecord> r = pairs("y", "y", "y", "y", "y", "y", "y", "n", "n", "y", "n", "y",
        "n", "n", "n", "n", "n", "n", "n", "n");
    Map<String, Double> m = eval(r, "mcc", "cohen_kappa", "f1_binary", "precision_binary", "recall_binary");
    assertThat(m.get("mcc")).isCloseTo(10 / Math.sqrt(600), within(1e-15));
    // p_o = 0.7; p_e = (4·5 + 6·5)/100 = 0.5; κ = 0.2/0.5 = 0.4.
    assertThat(m.get("cohen_kappa")).isCloseTo(0.4, within(1e-15));
    assertThat(m.get("precision_binary")).isCloseTo(0.6, within(1e-15));
    assertThat(m.get("recall_binary")).isCloseTo(0.75, within(1e-15));
    assertThat(m.get("f1_binary")).isCloseTo(6.0 / 9, within(1e-15));
  }

  @Test
  void matrixRowsAreTruthColumnsArePredictions() {
    ConfusionMatrix m = ConfusionMatrix.of(ClassificationData.of(pairs("b", "a", "b", "b", "a", "a")));
    assertThat(m.labels()).containsExactly("a", "b");
    assertThat(m.counts()).isDeepEqualTo(new double[][] {{1, 0}, {1, 1}});
  }

  @Test
  void numericLabelsSortNumerically() {
    ConfusionMatrix m = ConfusionMatrix.of(ClassificationData.of(pairs("10", "9", "9", "10", "-1", "2")));
    assertThat(m.labels()).containsExactly("-1", "2", "9", "10");
  }
}
