package dev.assay.metrics.efficiency;

import dev.assay.core.Example;
import dev.assay.core.Output;
import dev.assay.core.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One efficiency metric as a {@link Scorer}: the per-example value is the example's own
 * measurement, the aggregate is the metric over those measurements as {@link
 * EfficiencyEvaluation} defines it (so {@code latency_p95} of a run is the type-7 95th percentile of
 * its examples' latencies, not a mean).
 *
 * <p>Per-example values, read from the {@link Output} the engine scores:
 *
 * <ul>
 *   <li>{@code latency_*}: {@link Output#latencyMs()}, which the engine fills in before scoring
 *       (the system's own latency when it reports one, e.g. a predictions file, else the measured
 *       wall time of the call; a cached response keeps the latency of the original call);
 *   <li>{@code tokens_in*}, {@code tokens_out*}: the token counts the system reported;
 *   <li>{@code cost}, {@code cost_total}: the cost the system reported, else the tokens priced with
 *       the metric's {@code input_per_million} / {@code output_per_million}; {@code cost_per_1k}:
 *       1,000 times that, so its mean is the run value.
 * </ul>
 *
 * A missing measurement fails the example's scoring with a message naming the example and what is
 * missing, rather than leaving the example out: an average over the examples that happen to be
 * measured would be silently biased. Stateless and thread-safe.
 */
final class EfficiencyScorer implements Scorer {
  private final String name;
  private final EfficiencyMetric metric;
  private final ModelPrice price;
  private final EfficiencyEvaluation aggregation;

  /**
   * @param name the reported name: the spec as written
   * @param price prices for outputs without a reported cost, or null
   */
  EfficiencyScorer(String name, EfficiencyMetric metric, ModelPrice price) {
    this.name = name;
    this.metric = metric;
    this.price = price;
    // The aggregate re-reads per-example values as measurements; cost_per_1k values are already
    // multiplied by 1,000, so their run value is the plain mean ("cost") of them.
    String over = metric.kind() == EfficiencyMetric.Kind.COST_PER_1K ? "cost" : metric.name();
    this.aggregation = EfficiencyEvaluation.of(List.of(over), PriceTable.EMPTY);
  }

  @Override
  public List<String> names() {
    return List.of(name);
  }

  @Override
  public boolean higherIsBetter(String metricName) {
    return false;
  }

  @Override
  public Map<String, Double> score(Example example, Output output) {
    double value = switch (metric.kind()) {
      case LATENCY_PERCENTILE, LATENCY_MEAN, LATENCY_MAX -> require(output.latencyMs(), example, "latency");
      case TOKENS_IN, TOKENS_IN_TOTAL -> require(output.tokensIn(), example, "tokens_in");
      case TOKENS_OUT, TOKENS_OUT_TOTAL -> require(output.tokensOut(), example, "tokens_out");
      case COST, COST_TOTAL -> cost(example, output);
      case COST_PER_1K -> 1000 * cost(example, output);
      case THROUGHPUT -> throw new IllegalStateException("throughput has no per-example value");
    };
    return Map.of(name, value);
  }

  /** The metric over the scored examples' values; NaN when none was scored. */
  @Override
  public Map<String, Double> aggregate(List<Map<String, Double>> perExample) {
    List<EfficiencyRecord> records = new ArrayList<>(perExample.size());
    for (Map<String, Double> scores : perExample) {
      Double v = scores.get(name);
      if (v != null) {
        // One value fills every field: the aggregation reads only the one its metric measures.
        // Token values came from longs, so rounding them back is exact.
        records.add(new EfficiencyRecord("", v, Math.round(v), Math.round(v), v, null));
      }
    }
    if (records.isEmpty()) {
      return Map.of(name, Double.NaN);
    }
    return Map.of(name, aggregation.evaluate(records, null).values().iterator().next());
  }

  private double cost(Example example, Output output) {
    if (output.cost() != null) {
      return output.cost();
    }
    if (price == null) {
      throw new IllegalArgumentException("metric '" + name + "': the system reported no cost for example '"
          + example.id() + "' (give prices: " + metric.name() + ":input_per_million=N:output_per_million=N)");
    }
    long in = (long) require(output.tokensIn(), example, "tokens_in");
    long out = (long) require(output.tokensOut(), example, "tokens_out");
    return price.cost(in, out);
  }

  private double require(Number value, Example example, String what) {
    if (value == null) {
      throw new IllegalArgumentException("metric '" + name + "': the system reported no " + what
          + " for example '" + example.id() + "'");
    }
    return value.doubleValue();
  }
}
