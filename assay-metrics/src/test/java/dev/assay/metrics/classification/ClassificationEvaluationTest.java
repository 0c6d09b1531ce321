package dev.assay.metrics.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.InputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ClassificationEvaluationTest {
  private static final List<String> ALL = ClassificationMetric.names();
  private static final List<String> LOWER = List.of("log_loss", "brier", "ece");

  /** Random multiclass records with probabilities; the seed is in every assertion message. */
  private static List<ClassificationRecord> random(long seed, int n, int k) {
    Random r = new Random(seed);
    List<ClassificationRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] a = new double[k];
      double sum = 0;
      for (int c = 0; c < k; c++) {
        a[c] = 1 + r.nextInt(9);
        sum += a[c];
      }
      Map<String, Double> scores = new LinkedHashMap<>();
      int best = 0;
      for (int c = 0; c < k; c++) {
        scores.put("c" + c, a[c] / sum);
        best = a[c] > a[best] ? c : best;
      }
      // Every class occurs as a true label, so every metric is defined.
      String label = "c" + (i < k ? i : r.nextInt(k));
      out.add(ClassificationRecord.withScores("e" + i, label, "c" + best, scores));
    }
    return out;
  }

  private static List<String> applicable(int k) {
    return ALL.stream().filter(m -> k == 2 || !m.endsWith("_binary")).toList();
  }

  @Property(tries = 40)
  void permutingExamplesChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int k) {
    List<ClassificationRecord> records = random(seed, 60, k);
    List<ClassificationRecord> shuffled = new ArrayList<>(records);
    Collections.shuffle(shuffled, new Random(seed + 1));
    Map<String, Double> a = ClassificationEvaluation.evaluate(records, applicable(k));
    Map<String, Double> b = ClassificationEvaluation.evaluate(shuffled, applicable(k));
    a.forEach((name, v) -> assertThat(b.get(name)).as("seed %d %s", seed, name).isCloseTo(v, within(1e-12)));
  }

  @Property(tries = 40)
  void duplicatingTheDatasetChangesNoMetric(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int k) {
    List<ClassificationRecord> records = random(seed, 50, k);
    List<ClassificationRecord> twice = new ArrayList<>(records);
    for (ClassificationRecord r : records) {
      twice.add(new ClassificationRecord(r.id() + "'", r.label(), r.predicted(), r.scores(), r.score(), 0));
    }
    Map<String, Double> a = ClassificationEvaluation.evaluate(records, applicable(k));
    Map<String, Double> b = ClassificationEvaluation.evaluate(twice, applicable(k));
    a.forEach((name, v) -> assertThat(b.get(name)).as("seed %d %s", seed, name).isCloseTo(v, within(1e-12)));
  }

  @Property(tries = 40)
  void weightsEqualRepeatedExamples(@ForAll long seed) {
    List<ClassificationRecord> records = random(seed, 40, 3);
    Random r = new Random(seed);
    double[] w = new double[records.size()];
    List<ClassificationRecord> repeated = new ArrayList<>();
    for (int i = 0; i < w.length; i++) {
      w[i] = i < 3 ? 1 : r.nextInt(3); // keep each class present
      for (int j = 0; j < w[i]; j++) {
        ClassificationRecord x = records.get(i);
        repeated.add(new ClassificationRecord(x.id() + "#" + j, x.label(), x.predicted(), x.scores(), x.score(), 0));
      }
    }
    List<String> metrics = applicable(3);
    Map<String, Double> a = ClassificationEvaluation.of(metrics).evaluate(ClassificationData.of(records), w);
    Map<String, Double> b = ClassificationEvaluation.evaluate(repeated, metrics);
    a.forEach((name, v) -> assertThat(b.get(name)).as("seed %d %s", seed, name).isCloseTo(v, within(1e-12)));
  }

  @Property(tries = 40)
  void everyScoreStaysInItsRange(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int k) {
    Map<String, Double> m = ClassificationEvaluation.evaluate(random(seed, 30, k), applicable(k));
    m.forEach((name, v) -> {
      double low = name.equals("mcc") || name.equals("cohen_kappa") ? -1 : 0;
      double high = name.equals("log_loss") ? 37 : name.equals("brier") && k > 2 ? 2 : 1;
      assertThat(v).as("seed %d %s", seed, name).isBetween(low, high);
    });
  }

  @Test
  void perfectPredictionsReachTheBestValue() {
    List<ClassificationRecord> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String label = "c" + (i % 3);
      Map<String, Double> scores = new LinkedHashMap<>(Map.of("c0", 0.0, "c1", 0.0, "c2", 0.0));
      scores.put(label, 1.0);
      records.add(ClassificationRecord.withScores("e" + i, label, label, scores));
    }
    Map<String, Double> m = ClassificationEvaluation.evaluate(records, applicable(3));
    m.forEach((name, v) -> {
      if (name.equals("log_loss")) {
        // −ln(1 − ε): the clipped perfect probability.
        assertThat(v).as(name).isCloseTo(-Math.log1p(-ProbabilisticLoss.DOUBLE_EPS), within(1e-20));
      } else if (LOWER.contains(name)) {
        assertThat(v).as(name).isZero();
      } else {
        assertThat(v).as(name).isCloseTo(1.0, within(1e-15));
      }
    });
  }

  @Test
  void directionIsKnownForEveryMetric() {
    for (String name : ALL) {
      assertThat(ClassificationEvaluation.higherIsBetter(name)).as(name).isEqualTo(!LOWER.contains(name));
    }
    assertThat(ClassificationEvaluation.higherIsBetter("ece:bins=10")).isFalse();
    assertThat(ClassificationEvaluation.knows("f1")).as("f1 is the text family's SQuAD F1").isFalse();
  }

  @Test
  void resultsAreKeyedBySpecInRequestOrder() {
    Map<String, Double> m = ClassificationEvaluation.evaluate(Fixtures.binary(50), List.of("ece:bins=5", "accuracy", "ece"));
    assertThat(m.keySet()).containsExactly("ece:bins=5", "accuracy", "ece");
  }

  @Test
  void perExampleValuesAverageToTheMetric() {
    ClassificationData data = ClassificationData.of(Fixtures.multiclass(90));
    ClassificationEvaluation eval = ClassificationEvaluation.of(List.of("accuracy", "log_loss", "brier", "f1_macro"));
    List<Map<String, Double>> per = eval.perExample(data);
    Map<String, Double> corpus = eval.evaluate(data);
    for (String name : List.of("accuracy", "log_loss", "brier")) {
      double mean = per.stream().mapToDouble(p -> p.get(name)).average().orElseThrow();
      assertThat(mean).as(name).isCloseTo(corpus.get(name), within(1e-12));
    }
    assertThat(per.get(0)).doesNotContainKey("f1_macro");
  }

  @Test
  void inapplicableMetricsAreInputErrorsNamingThem() {
    List<ClassificationRecord> noProbabilities = List.of(
        new ClassificationRecord("a", "x", "y", null, null, 4), new ClassificationRecord("b", "y", "y", null, null, 5));
    InputException e = catchThrowableOfType(InputException.class,
        () -> ClassificationEvaluation.of(List.of("roc_auc")).evaluate(ClassificationData.of(noProbabilities, "p.jsonl")));
    assertThat(e.render()).startsWith("p.jsonl:4: field 'scores': metric 'roc_auc' needs probabilities");

    assertThatThrownBy(() -> ClassificationEvaluation.evaluate(Fixtures.multiclass(20), List.of("f1_binary")))
        .isInstanceOf(InputException.class).hasMessageContaining("f1_binary").hasMessageContaining("two classes");

    List<ClassificationRecord> threeClassesWithScore = List.of(
        ClassificationRecord.withScore("a", "x", "y", 0.3), ClassificationRecord.withScore("b", "z", "y", 0.4));
    assertThatThrownBy(() -> ClassificationEvaluation.evaluate(threeClassesWithScore, List.of("accuracy")))
        .isInstanceOf(InputException.class).hasMessageContaining("two-class task");
  }

  @Test
  void unknownNamesAndParametersFailFastWithSuggestions() {
    InputException e = catchThrowableOfType(InputException.class, () -> ClassificationEvaluation.of(List.of("f1_marco")));
    assertThat(e.render()).contains("unknown classification metric 'f1_marco'").contains("did you mean 'f1_macro'");
    assertThatThrownBy(() -> ClassificationEvaluation.of(List.of("ece:bins=0")))
        .isInstanceOf(InputException.class).hasMessageContaining("bins=0");
    assertThatThrownBy(() -> ClassificationEvaluation.of(List.of("ece:bin=10")))
        .isInstanceOf(InputException.class).hasMessageContaining("unknown parameter 'bin'");
    assertThat(catchThrowableOfType(InputException.class, () -> ClassificationEvaluation.of(List.of("accuracy:pos_label=1")))
        .render()).contains("unknown parameter 'pos_label'").contains("takes no parameters");
    assertThatThrownBy(() -> ClassificationEvaluation.of(List.of("cohen_kappa:weights=cubic")))
        .isInstanceOf(InputException.class).hasMessageContaining("weights=cubic");
    assertThatThrownBy(() -> ClassificationEvaluation.evaluate(Fixtures.binary(10), List.of("roc_auc:pos_label=eggs")))
        .isInstanceOf(InputException.class).hasMessageContaining("pos_label 'eggs'");
  }

  @Test
  void absentClassMakesOneVsRestAucUndefinedAsInSklearn() {
    // roc_auc_score(y, p, multi_class="ovr", labels=[0, 1, 2]) with class 2 never true -> nan.
    List<ClassificationRecord> r = List.of(
        ClassificationRecord.withScores("1", "0", "0", Map.of("0", .5, "1", .3, "2", .2)),
        ClassificationRecord.withScores("2", "1", "1", Map.of("0", .2, "1", .5, "2", .3)),
        ClassificationRecord.withScores("3", "1", "2", Map.of("0", .3, "1", .3, "2", .4)),
        ClassificationRecord.withScores("4", "0", "0", Map.of("0", .6, "1", .2, "2", .2)));
    assertThat(ClassificationEvaluation.evaluate(r, List.of("roc_auc")).get("roc_auc")).isNaN();
  }
}
