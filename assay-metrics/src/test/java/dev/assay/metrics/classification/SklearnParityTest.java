package dev.assay.metrics.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parity with scikit-learn 1.9.1 (numpy 2.4.6) on the {@link Fixtures} datasets.
 *
 * <p>Every literal below was printed by assay-metrics/src/test/python/classification_sklearn_reference.py,
 * which builds the same data with the same integer formulas and calls the scikit-learn function
 * named in the comment ({@code sw} = the {@link Fixtures#weights} as {@code sample_weight}). ECE
 * has no scikit-learn function: its reference is {@code sklearn.calibration.calibration_curve}'s
 * per-bin accuracy and confidence, combined with numpy bin counts (weights by {@code np.repeat}).
 */
class SklearnParityTest {
  private static final double TOL = 1e-9;

  private static final ClassificationData MC = ClassificationData.of(Fixtures.multiclass(300));
  private static final ClassificationData BIN = ClassificationData.of(Fixtures.binary(400));

  private static void check(ClassificationData data, double[] weights, Map<String, Double> expected) {
    ClassificationEvaluation eval = ClassificationEvaluation.of(List.copyOf(expected.keySet()));
    Map<String, Double> actual = weights == null ? eval.evaluate(data) : eval.evaluate(data, weights);
    expected.forEach((name, value) -> assertThat(actual.get(name)).as(name).isCloseTo(value, within(TOL)));
  }

  @Test
  void multiclassMatchesSklearn() {
    check(MC, null, Map.ofEntries(
        Map.entry("accuracy", 0.6033333333333334), // accuracy_score(y, pred)
        Map.entry("balanced_accuracy", 0.6048934108527132), // balanced_accuracy_score
        Map.entry("precision_micro", 0.6033333333333334), // precision_score(average="micro")
        Map.entry("recall_micro", 0.6033333333333334), // recall_score(average="micro")
        Map.entry("f1_micro", 0.6033333333333334), // f1_score(average="micro")
        Map.entry("precision_macro", 0.5988255872063969), // precision_score(average="macro")
        Map.entry("recall_macro", 0.6048934108527132), // recall_score(average="macro")
        Map.entry("f1_macro", 0.6009087001903358), // f1_score(average="macro")
        Map.entry("precision_weighted", 0.6067141429285358), // precision_score(average="weighted")
        Map.entry("recall_weighted", 0.6033333333333334), // recall_score(average="weighted")
        Map.entry("f1_weighted", 0.6039945969177872), // f1_score(average="weighted")
        Map.entry("mcc", 0.3989957494280454), // matthews_corrcoef
        Map.entry("cohen_kappa", 0.3982605177993527), // cohen_kappa_score
        Map.entry("cohen_kappa:weights=linear", 0.415392205229403), // cohen_kappa_score(weights="linear")
        Map.entry("cohen_kappa:weights=quadratic", 0.43170872664226545), // (weights="quadratic")
        Map.entry("roc_auc", 0.7836571986162428), // roc_auc_score(y, p, multi_class="ovr")
        Map.entry("roc_auc:average=weighted", 0.782073824530899), // (..., average="weighted")
        Map.entry("average_precision", 0.6633668995111625), // average_precision_score(y, p)
        Map.entry("average_precision:average=weighted", 0.6685340463172768), // (average="weighted")
        Map.entry("log_loss", 0.9280484761133511), // log_loss(y, p)
        Map.entry("brier", 0.5446898883512578), // brier_score_loss(y, p)
        Map.entry("ece", 0.14465789781441368), // calibration_curve(n_bins=15) + counts
        Map.entry("ece:bins=10:strategy=quantile", 0.16855981049443736))); // (strategy="quantile")
  }

  @Test
  void weightedMulticlassMatchesSklearnSampleWeight() {
    check(MC, Fixtures.weights(300), Map.ofEntries(
        Map.entry("accuracy", 0.62), // accuracy_score(sample_weight=sw)
        Map.entry("balanced_accuracy", 0.615883470691793),
        Map.entry("precision_micro", 0.62),
        Map.entry("f1_micro", 0.62),
        Map.entry("precision_macro", 0.6212505636095466),
        Map.entry("recall_macro", 0.615883470691793),
        Map.entry("f1_macro", 0.6175061367758734),
        Map.entry("precision_weighted", 0.6243044230294046),
        Map.entry("recall_weighted", 0.62),
        Map.entry("f1_weighted", 0.6212482498268966),
        Map.entry("mcc", 0.4178808045186372),
        Map.entry("cohen_kappa", 0.41734560983735647),
        Map.entry("cohen_kappa:weights=linear", 0.4388274373399247),
        Map.entry("cohen_kappa:weights=quadratic", 0.45966290897073403),
        Map.entry("roc_auc", 0.7909302970073804), // roc_auc_score(multi_class="ovr", sample_weight=sw)
        Map.entry("roc_auc:average=weighted", 0.7876011202297845),
        Map.entry("average_precision", 0.671882526685636),
        Map.entry("average_precision:average=weighted", 0.6763785703047673),
        Map.entry("log_loss", 0.9097212783941467), // log_loss(sample_weight=sw)
        Map.entry("brier", 0.5343205986698241), // brier_score_loss(sample_weight=sw)
        Map.entry("ece", 0.1434462907037638), // calibration_curve on np.repeat(conf, sw)
        Map.entry("ece:bins=10:strategy=quantile", 0.14316900510413938)));
  }

  @Test
  void binaryMatchesSklearn() {
    check(BIN, null, Map.ofEntries(
        Map.entry("accuracy", 0.615),
        Map.entry("balanced_accuracy", 0.615),
        Map.entry("precision_binary", 0.5905511811023622), // precision_score(pos_label="spam")
        Map.entry("recall_binary", 0.75), // recall_score(pos_label="spam")
        Map.entry("f1_binary", 0.6607929515418502), // f1_score(pos_label="spam")
        Map.entry("precision_binary:pos_label=ham", 0.6575342465753424), // precision_score(pos_label="ham")
        Map.entry("recall_binary:pos_label=ham", 0.48),
        Map.entry("f1_binary:pos_label=ham", 0.5549132947976878),
        Map.entry("f1_macro", 0.607853123169769),
        Map.entry("mcc", 0.2388716148182368),
        Map.entry("cohen_kappa", 0.22999999999999998),
        Map.entry("roc_auc", 0.694425), // roc_auc_score(y, s)
        Map.entry("average_precision", 0.6893389478987312), // average_precision_score(y, s, pos_label="spam")
        Map.entry("average_precision:pos_label=ham", 0.6899598813153196), // (y, 1 - s, pos_label="ham")
        Map.entry("log_loss", 1.6263219439545464), // log_loss(y, s): s = 0 and 1 occur, clipped at eps
        Map.entry("brier", 0.25026875), // brier_score_loss(y, s, pos_label="spam")
        Map.entry("ece", 0.15987500000000004),
        Map.entry("ece:bins=10:strategy=quantile", 0.1598749999999999)));
  }

  @Test
  void weightedBinaryMatchesSklearnSampleWeight() {
    check(BIN, Fixtures.weights(400), Map.ofEntries(
        Map.entry("accuracy", 0.57),
        Map.entry("balanced_accuracy", 0.615),
        Map.entry("precision_binary", 0.41899441340782123),
        Map.entry("recall_binary", 0.75),
        Map.entry("f1_binary", 0.5376344086021505),
        Map.entry("precision_binary:pos_label=ham", 0.7933884297520661),
        Map.entry("recall_binary:pos_label=ham", 0.48),
        Map.entry("f1_binary:pos_label=ham", 0.5981308411214953),
        Map.entry("f1_macro", 0.567882624861823),
        Map.entry("mcc", 0.22101595853416126),
        Map.entry("cohen_kappa", 0.1920668058455114),
        Map.entry("roc_auc", 0.6947500000000001),
        Map.entry("average_precision", 0.5403839873845848),
        Map.entry("average_precision:pos_label=ham", 0.8116250081923884),
        Map.entry("log_loss", 1.8468931510781623),
        Map.entry("brier", 0.2793625),
        Map.entry("ece", 0.20041666666666647),
        Map.entry("ece:bins=10:strategy=quantile", 0.20041666666666647)));
  }

  @Test
  void confusionMatrixAndPerClassMatchSklearn() {
    // confusion_matrix(y, pred) and precision_recall_fscore_support(y, pred), labels bird, cat, dog.
    ConfusionMatrix m = ClassificationEvaluation.confusionMatrix(MC);
    assertThat(m.labels()).containsExactly("bird", "cat", "dog");
    assertThat(m.counts()).isDeepEqualTo(new double[][] {{76, 29, 23}, {24, 49, 13}, {16, 14, 56}});
    List<ClassScores> perClass = ClassificationEvaluation.perClass(MC);
    assertThat(perClass.get(0).precision()).isCloseTo(76.0 / 116, within(TOL));
    assertThat(perClass.get(1).recall()).isCloseTo(0.56976744186, within(1e-10));
    assertThat(perClass.get(2).f1()).isCloseTo(2.0 * 56 / (86 + 92), within(TOL));
    assertThat(perClass).extracting(ClassScores::support).containsExactly(128.0, 86.0, 86.0);
  }

  @Test
  void reliabilityBinsMatchCalibrationCurve() {
    // calibration_curve(correct, conf, n_bins=15): per non-empty bin, accuracy and mean confidence.
    Reliability r = ClassificationEvaluation.reliability(MC, "ece");
    double[] counts = {0, 0, 0, 0, 15, 41, 57, 108, 45, 21, 13, 0, 0, 0, 0};
    double[] accuracy = {0.3333333333333333, 0.2682926829268293, 0.543859649122807, 0.6944444444444444,
        0.6888888888888889, 0.7142857142857143, 1.0};
    double[] confidence = {0.33333333333333326, 0.3902969247083778, 0.42855586600738965, 0.49895628476706894,
        0.5746894409937889, 0.6330227743271222, 0.7027183342972817};
    assertThat(r.bins()).extracting(ReliabilityBin::count).containsExactly(box(counts));
    List<ReliabilityBin> nonEmpty = r.bins().stream().filter(b -> b.count() > 0).toList();
    for (int b = 0; b < nonEmpty.size(); b++) {
      assertThat(nonEmpty.get(b).accuracy()).as("bin %d accuracy", b).isCloseTo(accuracy[b], within(TOL));
      assertThat(nonEmpty.get(b).meanConfidence()).as("bin %d confidence", b).isCloseTo(confidence[b], within(TOL));
    }
    assertThat(r.bins().get(0).lower()).isZero();
    assertThat(r.bins().get(14).upper()).isEqualTo(1.0);

    // calibration_curve(..., n_bins=10, strategy="quantile") bin counts: np.percentile edges.
    Reliability q = ClassificationEvaluation.reliability(MC, "ece:bins=10:strategy=quantile");
    assertThat(q.bins()).extracting(ReliabilityBin::count)
        .containsExactly(42.0, 24.0, 31.0, 43.0, 10.0, 36.0, 35.0, 23.0, 27.0, 29.0);
  }

  @Test
  void logLossOfRowsThatDoNotSumToOne() {
    List<ClassificationRecord> records = List.of(
        ClassificationRecord.withScores("1", "a", "b", Map.of("a", 0.2, "b", 0.3, "c", 0.1)),
        ClassificationRecord.withScores("2", "b", "b", Map.of("a", 0.0, "b", 0.5, "c", 0.25)),
        ClassificationRecord.withScores("3", "c", "c", Map.of("a", 0.1, "b", 0.1, "c", 0.6)),
        ClassificationRecord.withScores("4", "a", "a", Map.of("a", 1.0, "b", 0.0, "c", 0.0)));
    Map<String, Double> m = ClassificationEvaluation.evaluate(records,
        List.of("log_loss", "log_loss:renormalize=true", "log_loss:renormalize=true:eps=1e-15"));
    // log_loss(y, p) in scikit-learn 1.9.1: no renormalisation.
    assertThat(m.get("log_loss")).isCloseTo(0.7033526791900091, within(TOL));
    // The 1.2-1.4 rule (clip, then divide by the row sum), computed with numpy by the script.
    assertThat(m.get("log_loss:renormalize=true")).isCloseTo(0.4479398673070139, within(TOL));
    assertThat(m.get("log_loss:renormalize=true:eps=1e-15")).isCloseTo(0.4479398673070146, within(TOL));
  }

  private static Double[] box(double[] values) {
    Double[] out = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
