package dev.assay.metrics.efficiency;

import dev.assay.testkit.Scoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Output;
import dev.assay.core.Score;
import dev.assay.core.Plugins;
import dev.assay.core.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EfficiencyScorersTest {
  private final EfficiencyScorers provider = new EfficiencyScorers();

  private static Output output(Double latency, Long in, Long out, Double cost) {
    return new Output(TextNode.valueOf("x"), latency, in, out, cost);
  }

  private static List<Map<String, Score>> scoreAll(Scorer s, List<Output> outputs) {
    List<Map<String, Score>> per = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      per.add(Scoring.scores(s, Example.of("e" + i, "in", null), outputs.get(i)));
    }
    return per;
  }

  @Test
  void latencyPercentilesAggregateAsPercentilesNotMeans() {
    List<Output> outs = List.of(output(100.0, null, null, null), output(400.0, null, null, null),
        output(200.0, null, null, null), output(300.0, null, null, null));
    Scorer p50 = Scoring.create(provider, "latency_p50").orElseThrow();
    Scorer p95 = Scoring.create(provider, "latency_p95").orElseThrow();
    Scorer max = Scoring.create(provider, "latency_max").orElseThrow();
    List<Map<String, Score>> per50 = scoreAll(p50, outs);
    assertThat(Scoring.values(per50.get(1))).containsExactlyEntriesOf(Map.of("latency_p50", 400.0));
    // Sorted 100, 200, 300, 400: p50 at h = 1.5 -> 250; p95 at h = 2.85 -> 385.
    assertThat(Scoring.aggregate(p50, per50)).containsEntry("latency_p50", 250.0);
    assertThat(Scoring.aggregate(p95, scoreAll(p95, outs)).get("latency_p95")).isCloseTo(385.0, within(1e-12));
    assertThat(Scoring.aggregate(max, scoreAll(max, outs))).containsEntry("latency_max", 400.0);
    assertThat(p50.metrics().get(0).direction().higherIsBetter()).isFalse();
    assertThat(p50.metrics().get(0).kind()).isEqualTo(dev.assay.core.MetricKind.QUANTILE);
  }

  @Test
  void aggregatesEqualTheEvaluationOnRandomLatencies() {
    long seed = 20240607L;
    Random rnd = new Random(seed);
    List<Output> outs = new ArrayList<>();
    List<EfficiencyRecord> records = new ArrayList<>();
    for (int i = 0; i < 257; i++) {
      double latency = Math.floor(rnd.nextDouble() * 1e5) / 100;
      long in = rnd.nextInt(5000);
      long out = rnd.nextInt(800);
      outs.add(output(latency, in, out, null));
      records.add(new EfficiencyRecord("e" + i, latency, in, out, null, "m"));
    }
    List<String> names = List.of("latency_p50", "latency_p90", "latency_p99", "latency_mean", "latency_max",
        "tokens_in", "tokens_out_total", "cost", "cost_per_1k", "cost_total");
    Map<String, Double> expected = EfficiencyEvaluation.of(names,
        new PriceTable(Map.of("m", new ModelPrice(0.15, 0.6)))).evaluate(records);
    for (String name : names) {
      String spec = name.startsWith("cost") ? name + ":input_per_million=0.15:output_per_million=0.6" : name;
      Scorer s = Scoring.create(provider, spec).orElseThrow();
      double got = Scoring.aggregate(s, scoreAll(s, outs)).get(spec);
      assertThat(got).as("%s, seed %d", name, seed).isCloseTo(expected.get(name), within(1e-9 * expected.get(name)));
    }
  }

  @Test
  void reportedCostWinsOverPrices() {
    Scorer cost = Scoring.create(provider, "cost_per_1k:input_per_million=1:output_per_million=2").orElseThrow();
    List<Map<String, Score>> per = scoreAll(cost,
        List.of(output(1.0, 1000L, 500L, 0.5), output(1.0, 1_000_000L, 1_000_000L, null)));
    assertThat(Scoring.values(per.get(0))).containsEntry("cost_per_1k:input_per_million=1:output_per_million=2", 500.0);
    assertThat(Scoring.values(per.get(1))).containsEntry("cost_per_1k:input_per_million=1:output_per_million=2", 3000.0);
    assertThat(Scoring.aggregate(cost, per)).containsEntry("cost_per_1k:input_per_million=1:output_per_million=2", 1750.0);
  }

  @Test
  void aMissingMeasurementFailsTheExampleByName() {
    Scorer tokens = Scoring.create(provider, "tokens_out").orElseThrow();
    assertThatThrownBy(() -> Scoring.values(tokens, Example.of("q7", "in", null), output(5.0, 3L, null, null)))
        .hasMessageContaining("tokens_out").hasMessageContaining("'q7'");
    Scorer cost = Scoring.create(provider, "cost").orElseThrow();
    assertThatThrownBy(() -> Scoring.values(cost, Example.of("q8", "in", null), output(5.0, 3L, 4L, null)))
        .hasMessageContaining("no cost").hasMessageContaining("input_per_million");
  }

  @Test
  void noScoredExampleIsNaN() {
    Scorer s = Scoring.create(provider, "latency_p99").orElseThrow();
    assertThat(Scoring.aggregate(s, List.of()).get("latency_p99")).isNaN();
  }

  @Test
  void namesAndBadSpecs() {
    assertThat(provider.names()).contains("latency_p50", "latency_p90", "latency_p95", "latency_p99",
        "latency_mean", "latency_max", "tokens_in", "tokens_out", "cost").doesNotContain("throughput");
    assertThat(Scoring.create(provider, "bleu")).isEmpty();
    assertThat(Scoring.create(provider, "latency_p99.9")).isPresent();
    assertThat(Scoring.create(provider, "throughput")).isEmpty();
    assertThatThrownBy(() -> Scoring.create(provider, "latency_p50:x=1")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> Scoring.create(provider, "cost:input_per_million=1")).isInstanceOf(InputException.class)
        .hasMessageContaining("only one");
    assertThatThrownBy(() -> Scoring.create(provider, "cost:input_per_million=-1:output_per_million=1"))
        .isInstanceOf(InputException.class);
  }

  @Test
  void foundByServiceLoader() {
    assertThat(Plugins.installed().metric("latency_p95", "suite.yaml", 3).name()).isEqualTo("latency_p95");
  }
}
