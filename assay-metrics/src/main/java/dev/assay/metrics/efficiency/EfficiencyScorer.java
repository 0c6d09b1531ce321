package dev.assay.metrics.efficiency;

import dev.assay.core.Direction;
import dev.assay.core.Example;
import dev.assay.core.MeanMetric;
import dev.assay.core.Metric;
import dev.assay.core.Output;
import dev.assay.core.QuantileMetric;
import dev.assay.core.Scale;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.core.ValueSumsMetric;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.assay.core.SystemUnderTest;

/**
 * One efficiency metric as a {@link Scorer}: the per-example value is the example's own
 * measurement; the run value is the metric over those measurements as {@link
 * EfficiencyEvaluation} defines it: {@code latency_p95} is the type-7 95th percentile of the
 * examples' latencies ({@link QuantileMetric}), not a mean; {@code *_total} are sums; the rest
 * are means.
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
 * A missing measurement fails the metric for that example with a message naming the example and
 * what is missing, rather than leaving the example out silently. Stateless and thread-safe.
 */
final class EfficiencyScorer implements Scorer {
  private final String name;
  private final EfficiencyMetric metric;
  private final ModelPrice price;
  private final Metric aggregate;

  /**
   * @param name the reported name: the spec as written
   * @param price prices for outputs without a reported cost, or null
   */
  EfficiencyScorer(String name, EfficiencyMetric metric, ModelPrice price) {
    this.name = name;
    this.metric = metric;
    this.price = price;
    this.aggregate = aggregate(name, metric);
  }

  /** How the metric's per-example values make its run value. */
  static Metric aggregate(String name, EfficiencyMetric metric) {
    Direction lower = Direction.LOWER_IS_BETTER;
    Scale ms = Scale.nonNegative("ms");
    Scale tokens = Scale.nonNegative("tokens");
    return switch (metric.kind()) {
      case LATENCY_PERCENTILE -> new QuantileMetric(name, lower, ms, metric.percentile() / 100);
      case LATENCY_MAX -> new QuantileMetric(name, lower, ms, 1);
      case LATENCY_MEAN -> new MeanMetric(name, lower, ms);
      case TOKENS_IN, TOKENS_OUT -> new MeanMetric(name, lower, tokens);
      case TOKENS_IN_TOTAL, TOKENS_OUT_TOTAL -> ValueSumsMetric.total(name, lower, tokens);
      case COST, COST_PER_1K -> new MeanMetric(name, lower, Scale.NON_NEGATIVE);
      case COST_TOTAL -> ValueSumsMetric.total(name, lower, Scale.NON_NEGATIVE);
    };
  }

  @Override
  public List<Metric> metrics() {
    return List.of(aggregate);
  }

  /** A cost metric without prices has nothing to go on for a system that never reports a cost. */
  @Override
  public Optional<String> cannotScore(SystemUnderTest system) {
    if (EfficiencyScorers.isCost(metric.kind()) && price == null && system.neverReportsCost()) {
      return Optional.of("the system reports no cost and the metric has no prices; give the system prices "
          + "(price_in_per_million, price_out_per_million), each prediction a cost, or the metric prices ("
          + metric.name() + ":input_per_million=N:output_per_million=N)");
    }
    return Optional.empty();
  }

  @Override
  public Map<String, Score> score(Example example, Output output) {
    double value = switch (metric.kind()) {
      case LATENCY_PERCENTILE, LATENCY_MEAN, LATENCY_MAX -> require(output.latencyMs(), example, "latency");
      case TOKENS_IN, TOKENS_IN_TOTAL -> require(output.tokensIn(), example, "tokens_in");
      case TOKENS_OUT, TOKENS_OUT_TOTAL -> require(output.tokensOut(), example, "tokens_out");
      case COST, COST_TOTAL -> cost(example, output);
      case COST_PER_1K -> 1000 * cost(example, output);
    };
    return Map.of(name, Score.of(value));
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
