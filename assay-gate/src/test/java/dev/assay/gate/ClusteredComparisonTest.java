package dev.assay.gate;

import dev.assay.core.Verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.stats.hypothesis.PairedPermutationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Comparisons over clusters resample, jackknife and permute whole clusters. */
class ClusteredComparisonTest {
  private static final CompareOptions OPTIONS = CompareOptions.defaults().withReplicates(999);

  /** Examples "e0".. in clusters "doc0".. of {@code size}; the difference has a cluster effect. */
  private static Pairing clustered(long seed, int clusters, int size, double shift, double clusterSd, double noise) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<String, Map<String, Double>> b = new LinkedHashMap<>();
    Map<String, Map<String, Double>> c = new LinkedHashMap<>();
    Map<String, String> keys = new HashMap<>();
    int i = 0;
    for (int k = 0; k < clusters; k++) {
      double effect = gaussian(rnd) * clusterSd;
      for (int j = 0; j < size; j++, i++) {
        double base = rnd.nextDouble();
        b.put("e" + i, Map.of("score", base));
        c.put("e" + i, Map.of("score", base + shift + effect + gaussian(rnd) * noise));
        keys.put("e" + i, "doc" + k);
      }
    }
    return Pairing.of(Tables.table("b", b), Tables.table("c", c), false).withClusters(new Clusters("doc", keys));
  }

  private static double gaussian(SplittableRandom rnd) {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  private static Pairing unclustered(Pairing p) {
    return Pairing.of(p.baseline(), p.candidate(), false);
  }

  @Test
  void clustersWidenTheIntervalAndAreReported() {
    long seed = 31;
    Pairing p = clustered(seed, 30, 6, 0.05, 0.3, 0.05);
    Comparison byCluster = Tables.compare(OPTIONS, p, "score");
    Comparison byExample = Tables.compare(OPTIONS, unclustered(p), "score");
    assertThat(byCluster.difference()).isEqualTo(byExample.difference());
    double wide = byCluster.ci().upper() - byCluster.ci().lower();
    double narrow = byExample.ci().upper() - byExample.ci().lower();
    // Six examples share each cluster's effect: the honest interval is about √6 ≈ 2.4 times wider.
    assertThat(wide / narrow).as("width ratio, seed %d", seed).isGreaterThan(1.8);
    assertThat(byCluster.resampling()).isEqualTo("cluster:doc");
    assertThat(byCluster.units()).isEqualTo(30);
    assertThat(byCluster.test()).isEqualTo("paired-permutation-monte-carlo (clusters)");
    assertThat(byCluster.sdDifference()).as("planning sd carries the design effect")
        .isGreaterThan(2 * byExample.sdDifference());
    JsonNode json = Tables.report(p, OPTIONS.withMetrics(List.of("score"))).toJson();
    assertThat(json.get("resampling").asText()).isEqualTo("cluster:doc");
    assertThat(json.get("clusters").asInt()).isEqualTo(30);
    assertThat(json.at("/comparisons/0/units").asInt()).isEqualTo(30);
    JsonNode plain = Tables.report(unclustered(p), OPTIONS.withMetrics(List.of("score"))).toJson();
    assertThat(plain.get("resampling").asText()).isEqualTo("example");
    assertThat(plain.has("clusters")).isFalse();
    assertThat(Tables.report(p, OPTIONS.withMetrics(List.of("score"))).toText())
        .contains("resampling: 30 clusters (cluster:doc)");
  }

  @Test
  void thePermutationTestFlipsWholeClusters() {
    long seed = 32;
    Pairing p = clustered(seed, 12, 4, 0.1, 0.2, 0.1);
    Comparison c = Tables.compare(OPTIONS, p, "score");
    Map<String, Double> sums = new TreeMap<>();
    for (String id : p.ids()) {
      sums.merge(p.clusters().key(id), p.candidate().value(id, "score") - p.baseline().value(id, "score"),
          Double::sum);
    }
    double expected = PairedPermutationTest.defaults().test(new ArrayList<>(sums.keySet()),
        sums.values().stream().mapToDouble(Double::doubleValue).toArray()).pValue();
    assertThat(c.test()).isEqualTo("paired-permutation-exact (clusters)");
    assertThat(c.pValue()).as("seed %d", seed).isCloseTo(expected, within(1e-12));
    assertThat(Tables.compare(OPTIONS.withTest(TestChoice.T), p, "score")
        .test()).isEqualTo("paired-t (clusters)");
  }

  @Test
  void binaryMetricsOverClustersUseThePermutationTestAndRefuseMcNemarAndT() {
    Map<String, Map<String, Double>> b = new LinkedHashMap<>();
    Map<String, Map<String, Double>> c = new LinkedHashMap<>();
    Map<String, String> keys = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      b.put("e" + i, Map.of("exact_match", i % 3 == 0 ? 1.0 : 0.0));
      c.put("e" + i, Map.of("exact_match", i % 2 == 0 ? 1.0 : 0.0));
      keys.put("e" + i, "doc" + i / 4);
    }
    Pairing p = Pairing.of(Tables.table("b", b), Tables.table("c", c), false)
        .withClusters(new Clusters("doc", keys));
    assertThat(Tables.compare(OPTIONS, p, "exact_match").test())
        .startsWith("paired-permutation").endsWith("(clusters)");
    assertThatThrownBy(() -> Tables.compare(OPTIONS.withTest(TestChoice.MCNEMAR), p, "exact_match"))
        .isInstanceOf(InputException.class).hasMessageContaining("McNemar's test treats examples as independent");
    assertThatThrownBy(() -> Tables.compare(OPTIONS.withInterval(IntervalChoice.T), p, "exact_match"))
        .isInstanceOf(InputException.class).hasMessageContaining("t interval treats examples as independent");
  }

  @Test
  void clusterKeysComeFromATagOrAFieldOfTheDataset() {
    ObjectNode withField = Json.object().put("doc", 7);
    List<Example> examples = List.of(
        new Example("a", TextNode.valueOf("q"), null, Map.of("doc", "d1"), null, 1),
        new Example("b", TextNode.valueOf("q"), null, Map.of(), withField, 2),
        new Example("c", TextNode.valueOf("q"), null, Map.of(), null, 3));
    assertThatThrownBy(() -> Clusters.fromDataset(new Dataset("data/qa.jsonl", examples, "h"), "doc"))
        .isInstanceOfSatisfying(InputException.class, x -> assertThat(x.render())
            .startsWith("data/qa.jsonl:3: field 'doc': example 'c' has no value of the cluster field 'doc'"));
    Clusters clusters = Clusters.fromDataset(new Dataset("data/qa.jsonl", examples.subList(0, 2), "h"), "doc");
    assertThat(clusters.key("a")).isEqualTo("d1");
    assertThat(clusters.key("b")).isEqualTo("7");
    assertThat(clusters.unit()).isEqualTo("cluster:doc");
    Pairing p = Tables.pair("m", new double[] {1, 2, 3}, new double[] {1, 2, 4});
    assertThatThrownBy(() -> p.withClusters(clusters)).isInstanceOf(InputException.class)
        .hasMessageContaining("3 paired example(s) have no value of the cluster field 'doc'");
  }

  @Test
  void atMostOverClustersWithNoEventsUsesWilsonOverClusters() {
    Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
    Map<String, String> keys = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      rows.put("e" + i, Map.of("safety_error", 0.0));
      keys.put("e" + i, "doc" + i / 10);
    }
    Pairing p = Pairing.of(Tables.table("b", rows), Tables.table("c", rows), false)
        .withClusters(new Clusters("doc", keys));
    GateResult r = Tables.evaluator(OPTIONS).evaluate(Gate.of(0.95, Multiplicity.NONE,
        List.of(Rule.atMost("safety_error", 0.05))), p, null, null);
    // 0 of 20 clusters: Wilson's upper bound 3.84/(20 + 3.84) = 0.16 > 0.05, so not a PASS on
    // 200 correlated examples that may be worth only 20 independent ones.
    assertThat(((RuleOutcome.IntervalOutcome) r.rules().get(0)).ci().upper()).isCloseTo(3.8415 / 23.8415, within(1e-3));
    assertThat(r.rules().get(0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(r.resampling()).isEqualTo("cluster:doc");
    assertThat(r.units()).isEqualTo(20);
    assertThat(r.toJson().get("clusters").asInt()).isEqualTo(20);
  }

  @Test
  void corpusMetricsOverClusters() {
    BleuRuns runs = new BleuRuns(40, 16);
    Map<String, String> keys = new HashMap<>();
    int i = 0;
    for (String id : runs.baseline.keySet()) {
      keys.put(id, "doc" + i++ % 14);
    }
    Pairing p = Pairing.of(runs.baselineTable(), runs.candidateTable(), false).withClusters(new Clusters("doc", keys));
    Comparison c = Tables.compare(OPTIONS, p, "bleu");
    assertThat(c.statistic()).isEqualTo("corpus");
    assertThat(c.baseline()).isEqualTo(BleuRuns.corpus(runs.baseline));
    assertThat(c.units()).isEqualTo(14);
    assertThat(c.test()).isEqualTo("paired-randomization-exact (clusters)");
    assertThat(c.ci().contains(c.difference())).isTrue();
  }

  /**
   * Seeded simulation under H₀ (no true difference) with strongly correlated clusters: a gate that
   * resamples examples passes "superiority" far too often; resampling clusters keeps the false-PASS
   * rate near α/2.
   */
  @Test
  void clusteringKeepsTheGatesFalsePassRate() {
    long seed = 2024;
    int datasets = 200;
    int byCluster = 0;
    int byExample = 0;
    Gate gate = Gate.of(0.95, Multiplicity.NONE, List.of(Rule.superiority("score", Margin.ZERO)));
    Tables.Evaluator e = Tables.evaluator(OPTIONS.withReplicates(499).withInterval(IntervalChoice.PERCENTILE));
    for (int s = 0; s < datasets; s++) {
      Pairing p = clustered(seed + s, 40, 4, 0, 0.3, 0.05);
      if (e.evaluate(gate, p, null, null).verdict() == Verdict.PASS) {
        byCluster++;
      }
      if (e.evaluate(gate, unclustered(p), null, null).verdict() == Verdict.PASS) {
        byExample++;
      }
    }
    double limit = 0.025 + 3 * Math.sqrt(0.025 * 0.975 / datasets);
    assertThat((double) byCluster / datasets).as("clustered false PASS rate, seed %d", seed).isLessThanOrEqualTo(limit);
    assertThat((double) byExample / datasets).as("example-level false PASS rate, seed %d", seed)
        .isGreaterThan(limit);
  }
}
