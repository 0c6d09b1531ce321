package dev.assay.metrics.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Realistic size and ties: the 16,281 rows of the UCI Adult test split, scored by a hand-made
 * rule {@code (education_num · 4 + hours_per_week) / 165} (not a model: only 132 distinct
 * values, so ROC and PR curves are full of ties). Expected values were printed by
 * classification_sklearn_reference.py (scikit-learn 1.9.1) with the call named in each comment.
 * Skipped when ../shared/data is absent.
 */
class AdultParityTest {
  private static final double TOL = 1e-9;

  @Test
  void adultTestSplitMatchesSklearn() throws IOException {
    Path file = sharedData().resolve("uci_adult/adult.test");
    Assumptions.assumeTrue(Files.isRegularFile(file), "shared data absent, skipping: " + file);
    List<ClassificationRecord> records = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] f = lines.get(i).split(", ");
      String label = f[14].startsWith(">50K") ? ">50K" : "<=50K";
      double score = (Integer.parseInt(f[4]) * 4 + Integer.parseInt(f[12])) / 165.0;
      records.add(new ClassificationRecord("r" + i, label, score >= 0.5 ? ">50K" : "<=50K", null, score, i + 1));
    }
    assertThat(records).hasSize(16281);
    Map<String, Double> m = ClassificationEvaluation.evaluate(records, List.of("accuracy", "f1_binary", "f1_macro",
        "mcc", "cohen_kappa", "roc_auc", "average_precision", "log_loss", "brier", "ece",
        "ece:strategy=quantile"));
    assertThat(m.get("accuracy")).isCloseTo(0.6863214790246299, within(TOL)); // accuracy_score
    assertThat(m.get("f1_binary")).isCloseTo(0.5142204889184819, within(TOL)); // f1_score(pos_label=">50K")
    assertThat(m.get("f1_macro")).isCloseTo(0.6413000036319926, within(TOL)); // f1_score(average="macro")
    assertThat(m.get("mcc")).isCloseTo(0.33172326439522754, within(TOL)); // matthews_corrcoef
    assertThat(m.get("cohen_kappa")).isCloseTo(0.30641181127172534, within(TOL)); // cohen_kappa_score
    assertThat(m.get("roc_auc")).isCloseTo(0.7530063454247057, within(TOL)); // roc_auc_score(y, s)
    assertThat(m.get("average_precision")).isCloseTo(0.44788878417974326, within(TOL)); // pos_label=">50K"
    assertThat(m.get("log_loss")).isCloseTo(0.6390241751635157, within(TOL)); // log_loss(y, s)
    assertThat(m.get("brier")).isCloseTo(0.22348962823425525, within(TOL)); // brier_score_loss
    assertThat(m.get("ece")).isCloseTo(0.1090298600525425, within(TOL)); // calibration_curve, 15 bins
    assertThat(m.get("ece:strategy=quantile")).isCloseTo(0.14222639142484975, within(TOL));
  }

  static Path sharedData() {
    String property = System.getProperty("assay.shared.data");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    // Surefire runs in the module directory; the project root is its parent.
    return Path.of("..", "..", "shared", "data").toAbsolutePath().normalize();
  }
}
