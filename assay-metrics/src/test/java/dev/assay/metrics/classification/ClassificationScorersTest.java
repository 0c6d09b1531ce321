package dev.assay.metrics.classification;

import dev.assay.testkit.Scoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.Score;
import dev.assay.core.Plugins;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import dev.assay.metrics.efficiency.EfficiencyScorers;
import dev.assay.metrics.retrieval.RetrievalScorers;
import dev.assay.metrics.text.TextScorers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Classification metrics in suites: the provider claims exactly the classification names, each
 * example stores what the run value needs, and the run value equals {@link
 * ClassificationEvaluation} (the code of {@code assay score classification}) on the same records.
 */
class ClassificationScorersTest {
  private static final ClassificationScorers PROVIDER = new ClassificationScorers();

  /** Every metric with probabilities given as {@code scores}, plus parameterised variants. */
  private static final List<String> MULTICLASS = List.of("accuracy", "balanced_accuracy", "precision_micro",
      "recall_micro", "f1_micro", "precision_macro", "recall_macro", "f1_macro", "precision_weighted",
      "recall_weighted", "f1_weighted", "mcc", "cohen_kappa", "cohen_kappa:weights=quadratic", "roc_auc",
      "roc_auc:average=weighted", "average_precision", "log_loss", "log_loss:renormalize=true", "brier", "ece",
      "ece:bins=10:strategy=quantile");

  private static final List<String> BINARY_ONLY = List.of("precision_binary", "recall_binary", "f1_binary",
      "f1_binary:pos_label=ham");

  @Test
  void providerIsRegisteredWithEveryClassificationName() {
    List<ScorerProvider> providers = new ArrayList<>();
    ServiceLoader.load(ScorerProvider.class).forEach(providers::add);
    assertThat(providers).anyMatch(p -> p instanceof ClassificationScorers);
    assertThat(PROVIDER.names()).containsExactlyElementsOf(ClassificationMetric.names());
  }

  @Test
  void otherFamiliesSpecsAreNotClaimedNorParsed() {
    for (String spec : List.of("f1", "exact_match", "precision", "recall", "bleu:tokenize=intl",
        "judge:base_url=http://127.0.0.1:8000/v1:model=m:rubric=r.txt", "latency_p95",
        "cost:input_per_million=0.15:output_per_million=0.60", "map", "P_5", "recall_10", "ndcg@10", "ap", "mrr")) {
      assertThat(Scoring.create(PROVIDER, spec)).as(spec).isEmpty();
    }
  }

  @Test
  void noClassificationNameIsClaimedByAnotherFamily() {
    for (ScorerProvider other : List.of(new TextScorers(), new RetrievalScorers(), new EfficiencyScorers())) {
      assertThat(other.names()).as(other.getClass().getSimpleName()).doesNotContainAnyElementsOf(PROVIDER.names());
      for (String name : ClassificationMetric.names()) {
        boolean claimed;
        try {
          claimed = other.metric(name).isPresent();
        } catch (InputException e) {
          // Retrieval reads recall_macro as recall at cutoff "macro" and rejects it: no working
          // metric of that family has the name, and classification is asked first (next test).
          claimed = false;
        }
        assertThat(claimed).as(other.getClass().getSimpleName() + " claims " + name).isFalse();
      }
    }
  }

  @Test
  void suitesResolveEveryClassificationNameToThisFamily() {
    Plugins plugins = Plugins.installed();
    for (String name : ClassificationMetric.names()) {
      assertThat(plugins.metric(name, "suite.yaml", 3)).as(name).isInstanceOf(SuiteMetric.class);
    }
    assertThat(plugins.metric("f1", "suite.yaml", 3)).isNotInstanceOf(SuiteMetric.class);
    assertThat(plugins.metric("recall_10", "suite.yaml", 3)).isNotInstanceOf(SuiteMetric.class);
  }

  @Test
  void badParametersOfOurMetricsAreInputErrors() {
    for (String spec : List.of("accuracy:foo=1", "ece:bins=0", "cohen_kappa:weights=cubic", "log_loss:eps", "roc_auc:x")) {
      assertThatThrownBy(() -> Scoring.create(PROVIDER, spec)).as(spec).isInstanceOf(InputException.class);
    }
  }

  @Test
  void directionFollowsTheMetric() {
    for (String name : ClassificationMetric.names()) {
      Scorer s = scorer(name);
      boolean lower = name.equals("log_loss") || name.equals("brier") || name.equals("ece");
      assertThat(s.metrics().get(0).direction().higherIsBetter()).as(name).isEqualTo(!lower);
    }
  }

  @Test
  void runValueEqualsEvaluationOnTheScikitLearnParityFixtures() {
    assertRunEqualsEvaluation(Fixtures.multiclass(301), MULTICLASS, "multiclass fixture");
    List<String> binary = new ArrayList<>(BINARY_ONLY);
    binary.addAll(MULTICLASS.stream().filter(s -> !s.startsWith("log_loss") && !s.startsWith("brier")).toList());
    assertRunEqualsEvaluation(Fixtures.binary(257), binary, "binary fixture (positive-class score)");
  }

  @Test
  void runValueEqualsEvaluationOnRandomData() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    for (int round = 0; round < 20; round++) {
      int k = 2 + rnd.nextInt(4);
      boolean numeric = rnd.nextBoolean();
      List<ClassificationRecord> records = randomRecords(rnd, 1 + rnd.nextInt(120), k, numeric);
      List<String> specs = new ArrayList<>(MULTICLASS);
      if (k == 2) {
        specs.addAll(BINARY_ONLY.subList(0, 3));
      }
      if (!hasTwoClasses(records)) {
        specs.removeIf(s -> s.startsWith("roc_auc") || s.startsWith("average_precision") || s.startsWith("log_loss")
            || s.startsWith("brier") || s.startsWith("ece"));
      }
      assertRunEqualsEvaluation(records, specs, "seed " + seed + " round " + round + " k " + k);
    }
  }

  @Test
  void perExampleValuesAreTheEvaluationsWhenScoresNameEveryClass() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    List<ClassificationRecord> records = randomRecords(rnd, 200, 3, false);
    List<String> specs = List.of("accuracy", "log_loss", "log_loss:renormalize=true", "brier");
    List<Map<String, Score>> scored = scoreAll(records, specs);
    List<Map<String, Double>> expected =
        ClassificationEvaluation.of(specs).perExample(ClassificationData.of(records));
    for (int i = 0; i < records.size(); i++) {
      for (String spec : specs) {
        assertThat(scored.get(i).get(spec).value()).as("seed " + seed + " example " + i + " " + spec)
            .isCloseTo(expected.get(i).get(spec), within(1e-15));
      }
    }
  }

  @Test
  void corpusMetricsHaveNoPerExampleValueOnlyTheirLabels() {
    Score s = Scoring.scores(scorer("f1_macro"), Example.of("a", "x", "cat"), Output.text("dog")).get("f1_macro");
    assertThat(s.hasValue()).isFalse();
    assertThat(s.labels()).containsExactly("cat", "dog");
    assertThat(s.statisticCount()).isZero();
    Score p = Scoring.scores(scorer("roc_auc"), Example.of("a", "x", "cat"),
        output("{\"label\":\"dog\",\"scores\":{\"cat\":0.25,\"dog\":0.75}}")).get("roc_auc");
    assertThat(p.labels()).containsExactly("cat", "dog", "cat", "dog");
    assertThat(p.statistics()).containsExactly(0.25, 0.75);
    assertThat(Scoring.values(scorer("accuracy"), Example.of("a", "x", "cat"), Output.text("cat")))
        .containsEntry("accuracy", 1.0);
  }

  @Test
  void examplesWithoutOurScoresAreSkippedAndNoneGivesNaN() {
    Scorer s = scorer("f1_macro");
    assertThat(Scoring.aggregate(s, List.of()).get("f1_macro")).isNaN();
    List<Map<String, Score>> per = new ArrayList<>();
    per.add(Map.of("bleu", Score.of(12.0)));
    per.add(Scoring.scores(s, Example.of("a", "x", "cat"), Output.text("cat")));
    per.add(Scoring.scores(s, Example.of("b", "x", "dog"), Output.text("cat")));
    assertThat(Scoring.aggregate(s, per).get("f1_macro")).isEqualTo(
        ClassificationEvaluation.evaluate(List.of(ClassificationRecord.of("1", "cat", "cat"),
            ClassificationRecord.of("2", "dog", "cat")), List.of("f1_macro")).get("f1_macro"));
  }

  @Test
  void labelsAreNormalisedAsThePredictionsReaderDoes() {
    Scorer s = scorer("accuracy");
    Example one = new Example("a", Json.MAPPER.getNodeFactory().textNode("x"),
        Json.MAPPER.getNodeFactory().numberNode(1), Map.of(), null, 3);
    assertThat(Scoring.values(s, one, output("1.0")).get("accuracy")).isEqualTo(1.0);
    assertThat(Scoring.values(s, one, output("{\"label\":1}")).get("accuracy")).isEqualTo(1.0);
    assertThat(Scoring.values(s, one, output("\"1\"")).get("accuracy")).isEqualTo(1.0);
    assertThat(Scoring.values(s, one, output("\"1 \"")).get("accuracy")).isEqualTo(0.0);
    assertThat(Scoring.values(s, Example.of("b", "x", "true"), output("true")).get("accuracy")).isEqualTo(1.0);
  }

  @Test
  void malformedOutputsThrowForTheEngineToRecord() {
    Example e = Example.of("a", "x", "cat");
    List<String> bad = List.of("null", "[\"cat\"]", "{\"scores\":{\"cat\":1}}", "{\"label\":[1]}",
        "{\"label\":\"cat\",\"scores\":[0.5]}", "{\"label\":\"cat\",\"scores\":{}}",
        "{\"label\":\"cat\",\"scores\":{\"cat\":1.5}}", "{\"label\":\"cat\",\"scores\":{\"cat\":\"0.5\"}}",
        "{\"label\":\"cat\",\"score\":-0.1}", "{\"label\":\"cat\",\"score\":0.5,\"scores\":{\"cat\":1}}");
    for (String name : List.of("accuracy", "f1_macro", "roc_auc")) {
      for (String out : bad) {
        assertThatThrownBy(() -> Scoring.values(scorer(name), e, output(out))).as(name + " " + out)
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected");
      }
    }
    assertThatThrownBy(() -> Scoring.values(scorer("accuracy"), e, new Output(null, null, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void probabilityMetricsRejectOutputsWithoutTheProbabilitiesTheyNeed() {
    Example e = Example.of("a", "x", "cat");
    for (String name : List.of("roc_auc", "average_precision", "log_loss", "brier", "ece")) {
      assertThatThrownBy(() -> Scoring.values(scorer(name), e, Output.text("cat"))).as(name)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs probabilities");
    }
    for (String name : List.of("log_loss", "brier")) {
      assertThatThrownBy(() -> Scoring.values(scorer(name), e, output("{\"label\":\"cat\",\"score\":0.9}"))).as(name)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per-label probabilities");
    }
    assertThat(Scoring.scores(scorer("roc_auc"), e, output("{\"label\":\"cat\",\"score\":0.9}")).get("roc_auc")
        .statistics()).containsExactly(0.9);
  }

  @Test
  void malformedReferencesAreInputErrors() {
    ObjectNode obj = Json.object().put("label", "cat");
    for (JsonNode ref : new JsonNode[] {null, Json.MAPPER.getNodeFactory().nullNode(), obj,
        Json.MAPPER.createArrayNode().add("cat")}) {
      Example e = new Example("a", Json.MAPPER.getNodeFactory().textNode("x"), ref, Map.of(), null, 7);
      assertThatThrownBy(() -> Scoring.values(scorer("accuracy"), e, Output.text("cat"))).as(String.valueOf(ref))
          .isInstanceOfSatisfying(InputException.class, x -> {
            assertThat(x.line()).isEqualTo(7);
            assertThat(x.field()).isEqualTo("reference");
          });
    }
  }

  @Test
  void aPerfectClassifierReachesEachMetricsBest() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    List<ClassificationRecord> records = new ArrayList<>();
    List<String> labels = List.of("neg", "neu", "pos");
    for (int i = 0; i < 60; i++) {
      String t = labels.get(i < 3 ? i : rnd.nextInt(3));
      Map<String, Double> oneHot = new LinkedHashMap<>();
      labels.forEach(l -> oneHot.put(l, l.equals(t) ? 1.0 : 0.0));
      records.add(ClassificationRecord.withScores("e" + i, t, t, oneHot));
    }
    List<Map<String, Score>> scored = scoreAll(records, MULTICLASS);
    for (String spec : MULTICLASS) {
      double value = Scoring.aggregate(scorer(spec), scored).get(spec);
      boolean lower = spec.startsWith("log_loss") || spec.startsWith("brier") || spec.startsWith("ece");
      // log loss clips p = 1 to 1 - eps, so its best is -ln(1 - eps), not 0.
      assertThat(value).as("seed " + seed + " " + spec).isCloseTo(lower ? 0 : 1, within(1e-15));
    }
    List<ClassificationRecord> binary = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String t = i < 2 ? List.of("ham", "spam").get(i) : rnd.nextBoolean() ? "spam" : "ham";
      binary.add(ClassificationRecord.of("b" + i, t, t));
    }
    List<Map<String, Score>> scoredBinary = scoreAll(binary, BINARY_ONLY);
    for (String spec : BINARY_ONLY) {
      assertThat(Scoring.aggregate(scorer(spec), scoredBinary).get(spec)).as("seed " + seed + " " + spec).isEqualTo(1.0);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static Scorer scorer(String spec) {
    return Scoring.create(PROVIDER, spec).orElseThrow();
  }

  private static Output output(String json) {
    try {
      return new Output(Json.MAPPER.readTree(json), null, null, null, null);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The examples and outputs a suite would hold for {@code records}, scored as the engine does. */
  private static List<Map<String, Score>> scoreAll(List<ClassificationRecord> records, List<String> specs) {
    List<Scorer> scorers = specs.stream().map(ClassificationScorersTest::scorer).toList();
    List<Map<String, Score>> out = new ArrayList<>();
    for (ClassificationRecord r : records) {
      Example e = new Example(r.id(), Json.MAPPER.getNodeFactory().textNode("x"), labelNode(r.label()), Map.of(),
          null, r.line());
      ObjectNode o = Json.object();
      o.set("label", labelNode(r.predicted()));
      if (r.score() != null) {
        o.put("score", r.score());
      } else if (r.scores() != null) {
        r.scores().forEach(o.putObject("scores")::put);
      }
      Output output = new Output(r.hasProbabilities() || r.id().hashCode() % 2 == 0 ? o : labelNode(r.predicted()),
          null, null, null, null);
      Map<String, Score> merged = new LinkedHashMap<>();
      merged.put("exact_match", Score.of(1.0)); // another family's score, as in a mixed suite
      scorers.forEach(s -> merged.putAll(Scoring.scores(s, e, output)));
      out.add(merged);
    }
    return out;
  }

  /** Numeric labels travel as JSON numbers, so the scorer's normalisation is exercised. */
  private static JsonNode labelNode(String label) {
    return label.matches("-?\\d+")
        ? Json.MAPPER.getNodeFactory().numberNode(Integer.parseInt(label))
        : Json.MAPPER.getNodeFactory().textNode(label);
  }

  private static void assertRunEqualsEvaluation(List<ClassificationRecord> records, List<String> specs, String what) {
    Map<String, Double> expected = ClassificationEvaluation.evaluate(records, specs);
    List<Map<String, Score>> scored = scoreAll(records, specs);
    for (String spec : specs) {
      Double run = Scoring.aggregate(scorer(spec), scored).get(spec);
      assertThat(run).as(what + ": " + spec).isEqualTo(expected.get(spec));
    }
  }

  /**
   * {@code n} records over {@code k} classes: full probability distributions (a random simplex
   * point, sometimes one-hot, some tied), truth drawn near the prediction.
   */
  private static List<ClassificationRecord> randomRecords(Random rnd, int n, int k, boolean numeric) {
    List<String> labels = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      labels.add(numeric ? Integer.toString(c * 7 - 3) : "class-" + (char) ('a' + c));
    }
    List<ClassificationRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] a = new double[k];
      double sum = 0;
      for (int c = 0; c < k; c++) {
        a[c] = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(8) + 1;
        sum += a[c];
      }
      if (sum == 0) {
        a[rnd.nextInt(k)] = 1;
        sum = 1;
      }
      Map<String, Double> scores = new LinkedHashMap<>();
      int argmax = 0;
      for (int c = 0; c < k; c++) {
        scores.put(labels.get(c), a[c] / sum);
        argmax = a[c] > a[argmax] ? c : argmax;
      }
      String truth = labels.get(rnd.nextInt(3) == 0 ? rnd.nextInt(k) : argmax);
      out.add(ClassificationRecord.withScores("r" + i, truth, labels.get(argmax), scores));
    }
    return out;
  }

  private static boolean hasTwoClasses(List<ClassificationRecord> records) {
    return records.stream().flatMap(r -> r.scores().keySet().stream()).collect(Collectors.toSet()).size() >= 2;
  }
}
