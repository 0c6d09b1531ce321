package dev.assay.metrics.efficiency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EfficiencyEvaluationTest {
  private static final PriceTable PRICES = new PriceTable(Map.of(
      "small", new ModelPrice(0.15, 0.60), "big", new ModelPrice(2.50, 10.00)));

  private static List<EfficiencyRecord> records() {
    return List.of(
        new EfficiencyRecord("a", 100.0, 1000L, 200L, null, "small"),
        new EfficiencyRecord("b", 300.0, 2000L, 100L, null, "big"),
        new EfficiencyRecord("c", 200.0, 500L, 50L, 0.01, "big"), // reported cost wins
        new EfficiencyRecord("d", 400.0, 0L, 0L, null, "small"));
  }

  @Test
  void definitionsOnAHandWorkedRun() {
    Map<String, Double> m = EfficiencyEvaluation.of(List.of("latency_p50", "latency_p95", "latency_mean",
        "latency_max", "tokens_in", "tokens_out", "tokens_in_total", "cost", "cost_per_1k",
        "cost_total"), PRICES).evaluate(records());
    // Sorted latencies 100, 200, 300, 400: p50 at h = 1.5 -> 250; p95 at h = 2.85 -> 385.
    assertThat(m.get("latency_p50")).isEqualTo(250.0);
    assertThat(m.get("latency_p95")).isCloseTo(385.0, within(1e-12));
    assertThat(m.get("latency_mean")).isEqualTo(250.0);
    assertThat(m.get("latency_max")).isEqualTo(400.0);
    assertThat(m.get("tokens_in")).isEqualTo(875.0);
    assertThat(m.get("tokens_out")).isEqualTo(87.5);
    assertThat(m.get("tokens_in_total")).isEqualTo(3500.0);
    // a: (1000·0.15 + 200·0.60)/1e6 = 2.7e-4; b: (2000·2.5 + 100·10)/1e6 = 6e-3; c: 0.01; d: 0.
    double total = 2.7e-4 + 6e-3 + 0.01;
    assertThat(m.get("cost_total")).isCloseTo(total, within(1e-15));
    assertThat(m.get("cost")).isCloseTo(total / 4, within(1e-15));
    assertThat(m.get("cost_per_1k")).isCloseTo(1000 * total / 4, within(1e-12));
  }

  @Test
  void perExampleValuesAggregateToTheMetric() {
    EfficiencyEvaluation eval = EfficiencyEvaluation.of(List.of("latency_p90", "cost_per_1k"), PRICES);
    List<Map<String, Double>> per = eval.perExample(records());
    assertThat(per.get(1)).containsEntry("latency_p90", 300.0);
    double mean = per.stream().mapToDouble(p -> p.get("cost_per_1k")).average().orElseThrow();
    assertThat(mean).isCloseTo(eval.evaluate(records()).get("cost_per_1k"), within(1e-12));
  }

  @Test
  void missingInputsAreInputErrorsNamingTheExample() {
    List<EfficiencyRecord> r = new ArrayList<>(records());
    r.add(new EfficiencyRecord("e", null, 10L, 10L, null, "unpriced"));
    InputException e = catchThrowableOfType(InputException.class,
        () -> EfficiencyEvaluation.of(List.of("latency_p99"), PRICES).evaluate(r));
    assertThat(e.getMessage()).contains("latency_p99").contains("'e'");
    assertThatThrownBy(() -> EfficiencyEvaluation.of(List.of("cost"), PRICES).evaluate(r))
        .isInstanceOf(InputException.class).hasMessageContaining("model 'unpriced' has no price");
  }

  @Test
  void namesDirectionsAndSuggestions() {
    assertThat(EfficiencyMetric.parse("latency_p99.9").percentile()).isEqualTo(99.9);
    assertThat(EfficiencyMetric.knows("throughput")).isFalse();
    assertThat(EfficiencyMetric.knows("latency_p101")).isFalse();
    InputException e = catchThrowableOfType(InputException.class, () -> EfficiencyMetric.parse("latency_mena"));
    assertThat(e.render()).contains("did you mean 'latency_mean'");
    for (String name : EfficiencyMetric.NAMES) {
      assertThat(EfficiencyMetric.knows(name)).as(name).isTrue();
    }
  }

  @Test
  void priceTableReadsTheSuiteSectionAndRejectsTypos() throws Exception {
    JsonNode node = Json.MAPPER.readTree("{\"m\": {\"input_per_million\": 0.5, \"output_per_million\": 1.5}}");
    PriceTable t = PriceTable.fromJson(node, "suite.yaml", 12);
    assertThat(t.price("m")).contains(new ModelPrice(0.5, 1.5));
    assertThat(t.price("m").orElseThrow().cost(2_000_000, 1_000_000)).isEqualTo(2.5);
    assertThat(PriceTable.fromJson(null, "suite.yaml", 0).prices()).isEmpty();

    JsonNode typo = Json.MAPPER.readTree("{\"m\": {\"input_per_milion\": 0.5, \"output_per_million\": 1.5}}");
    InputException e = catchThrowableOfType(InputException.class, () -> PriceTable.fromJson(typo, "suite.yaml", 12));
    assertThat(e.render()).startsWith("suite.yaml:12: field 'prices.m.input_per_milion': unknown key");
    JsonNode negative = Json.MAPPER.readTree("{\"m\": {\"input_per_million\": -1, \"output_per_million\": 1}}");
    assertThatThrownBy(() -> PriceTable.fromJson(negative, "suite.yaml", 3)).isInstanceOf(InputException.class);
  }
}
