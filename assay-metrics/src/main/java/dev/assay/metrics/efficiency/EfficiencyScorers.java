package dev.assay.metrics.efficiency;

import dev.assay.core.InputException;
import dev.assay.core.Metric;
import dev.assay.core.MetricFamily;
import dev.assay.core.MetricName;
import dev.assay.core.PluginContext;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The efficiency family for suites ({@code metrics: [latency_p95, tokens_out, cost]}), found by
 * {@link java.util.ServiceLoader}.
 *
 * <p>Names are those of {@link EfficiencyMetric}. The cost metrics take
 * optional prices per million tokens for systems that report tokens but no cost: {@code
 * cost:input_per_million=0.15:output_per_million=0.60} (both or neither). Every efficiency
 * metric is lower-is-better. See {@link EfficiencyScorer} for what is read from each output.
 */
public final class EfficiencyScorers implements ScorerProvider {
  private static final Set<String> LISTED = Collections.unmodifiableSet(new LinkedHashSet<>(EfficiencyMetric.NAMES));

  private static final Set<String> PRICE_KEYS = Set.of("input_per_million", "output_per_million");

  @Override
  public MetricFamily family() {
    return MetricFamily.EFFICIENCY;
  }

  @Override
  public Set<String> names() {
    return LISTED;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InputException for parameters on a metric other than cost, and for unknown, missing or malformed price parameters
   */
  @Override
  public Optional<Metric> metric(String spec) {
    return build(spec).map(s -> s.metrics().get(0));
  }

  /** Efficiency scorers hold no resources: the scorer is built again from the metric's name. */
  @Override
  public Scorer scorer(Metric metric, PluginContext context) {
    return build(metric.name()).orElseThrow(() ->
        new IllegalArgumentException("not an efficiency metric: " + metric.name()));
  }

  private static Optional<Scorer> build(String spec) {
    String base = MetricName.baseOf(spec);
    if (!EfficiencyMetric.knows(base)) {
      return Optional.empty();
    }
    MetricName name = MetricName.parse(spec);
    String text = name.text();
    EfficiencyMetric metric = EfficiencyMetric.parse(base);
    Map<String, Double> params = params(name.params(), base);
    if (!params.isEmpty() && !isCost(metric.kind())) {
      throw InputException.of("metric '" + base + "' takes no parameters", "the metric name alone");
    }
    ModelPrice price = null;
    if (!params.isEmpty()) {
      if (params.size() != PRICE_KEYS.size()) {
        throw InputException.of("metric '" + text + "' gives only one of input_per_million, output_per_million",
            "both prices, e.g. cost:input_per_million=0.15:output_per_million=0.60");
      }
      price = new ModelPrice(params.get("input_per_million"), params.get("output_per_million"));
    }
    return Optional.of(new EfficiencyScorer(text, metric, price));
  }

  static boolean isCost(EfficiencyMetric.Kind kind) {
    return kind == EfficiencyMetric.Kind.COST || kind == EfficiencyMetric.Kind.COST_PER_1K
        || kind == EfficiencyMetric.Kind.COST_TOTAL;
  }

  private static Map<String, Double> params(Map<String, String> given, String base) {
    Map<String, Double> out = new LinkedHashMap<>();
    given.forEach((key, text) -> {
      if (!PRICE_KEYS.contains(key)) {
        throw InputException.of("unknown parameter '" + key + "' for metric '" + base + "'",
            "input_per_million=N and output_per_million=N (cost metrics only)");
      }
      double value;
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        value = Double.NaN;
      }
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw InputException.of("parameter '" + key + "' of metric '" + base + "' is '" + text + "'",
            "a non-negative price per million tokens");
      }
      out.put(key, value);
    });
    return out;
  }
}
