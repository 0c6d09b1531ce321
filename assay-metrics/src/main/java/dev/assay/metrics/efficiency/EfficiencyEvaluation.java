package dev.assay.metrics.efficiency;

import dev.assay.core.InputException;
import dev.assay.stats.Percentiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency, token and cost metrics over a run's examples.
 *
 * <p>Definitions (docs/metrics-classification.md, "Efficiency"):
 *
 * <ul>
 *   <li>latency percentiles use {@link Percentiles#percentile} (type 7, numpy's default) on the
 *       per-example latencies in milliseconds; mean and max likewise.
 *   <li>an example's cost is the cost its system reported, else {@code ModelPrice.cost(tokens in,
 *       tokens out)} from the price table; {@code cost} is the mean per example and {@code
 *       cost_per_1k} is 1,000 times it.
 * </ul>
 *
 * A metric whose input is missing for any example (no latency, no tokens, no price for the model)
 * throws {@link InputException} naming the metric and the first such example: an average over the
 * examples that happen to have a measurement would be silently biased.
 */
public final class EfficiencyEvaluation {
  private final List<EfficiencyMetric> metrics;
  private final PriceTable prices;

  private EfficiencyEvaluation(List<EfficiencyMetric> metrics, PriceTable prices) {
    this.metrics = List.copyOf(metrics);
    this.prices = prices;
  }

  /** Parses {@code names}; throws {@link InputException} for an unknown one. */
  public static EfficiencyEvaluation of(List<String> names, PriceTable prices) {
    List<EfficiencyMetric> metrics = new ArrayList<>();
    for (String n : names) {
      metrics.add(EfficiencyMetric.parse(n));
    }
    return new EfficiencyEvaluation(metrics, prices);
  }

  /** The metrics over {@code records}. */
  public Map<String, Double> evaluate(List<EfficiencyRecord> records) {
    if (records.isEmpty()) {
      throw InputException.of("no examples to measure", "at least one example");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    double[] sortedLatency = null;
    for (EfficiencyMetric m : metrics) {
      double v;
      switch (m.kind()) {
        case LATENCY_PERCENTILE, LATENCY_MEAN, LATENCY_MAX -> {
          if (sortedLatency == null) {
            sortedLatency = latencies(records, m.name());
            Arrays.sort(sortedLatency);
          }
          v = switch (m.kind()) {
            case LATENCY_PERCENTILE -> Percentiles.percentile(sortedLatency, m.percentile());
            case LATENCY_MEAN -> mean(sortedLatency);
            default -> sortedLatency[sortedLatency.length - 1];
          };
        }
        case TOKENS_IN -> v = mean(tokens(records, true, m.name()));
        case TOKENS_OUT -> v = mean(tokens(records, false, m.name()));
        case TOKENS_IN_TOTAL -> v = sum(tokens(records, true, m.name()));
        case TOKENS_OUT_TOTAL -> v = sum(tokens(records, false, m.name()));
        case COST -> v = mean(costs(records, m.name()));
        case COST_PER_1K -> v = 1000 * mean(costs(records, m.name()));
        case COST_TOTAL -> v = sum(costs(records, m.name()));
        default -> throw new IllegalStateException("unhandled " + m.kind());
      }
      out.put(m.name(), v);
    }
    return out;
  }

  /**
   * Per-example values of the metrics that have one: latency for {@code latency_*}, the count for
   * {@code tokens_*}, the cost for {@code cost*} ({@code cost_per_1k}: 1,000 × cost). The corpus value of a percentile is the percentile of these values.
   */
  public List<Map<String, Double>> perExample(List<EfficiencyRecord> records) {
    List<Map<String, Double>> out = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      out.add(new LinkedHashMap<>());
    }
    for (EfficiencyMetric m : metrics) {
      double[] values = switch (m.kind()) {
        case LATENCY_PERCENTILE, LATENCY_MEAN, LATENCY_MAX -> latencies(records, m.name());
        case TOKENS_IN, TOKENS_IN_TOTAL -> tokens(records, true, m.name());
        case TOKENS_OUT, TOKENS_OUT_TOTAL -> tokens(records, false, m.name());
        case COST, COST_TOTAL -> costs(records, m.name());
        case COST_PER_1K -> Arrays.stream(costs(records, m.name())).map(c -> 1000 * c).toArray();
      };
      for (int i = 0; i < values.length; i++) {
        out.get(i).put(m.name(), values[i]);
      }
    }
    return out;
  }

  /** The cost of one example: reported, else priced from tokens; null when neither is possible. */
  public Double cost(EfficiencyRecord r) {
    if (r.cost() != null) {
      return r.cost();
    }
    if (r.tokensIn() == null || r.tokensOut() == null) {
      return null;
    }
    return prices.price(r.model()).map(p -> p.cost(r.tokensIn(), r.tokensOut())).orElse(null);
  }

  private double[] costs(List<EfficiencyRecord> records, String metric) {
    double[] out = new double[records.size()];
    for (int i = 0; i < out.length; i++) {
      EfficiencyRecord r = records.get(i);
      Double c = cost(r);
      if (c == null) {
        String why = r.tokensIn() == null || r.tokensOut() == null
            ? "has neither a reported cost nor token counts"
            : "has no reported cost and model '" + r.model() + "' has no price";
        throw InputException.of("metric '" + metric + "': example '" + r.id() + "' " + why,
            "a cost per example, or tokens_in/tokens_out and a price per million tokens for the model");
      }
      out[i] = c;
    }
    return out;
  }

  private static double[] latencies(List<EfficiencyRecord> records, String metric) {
    double[] out = new double[records.size()];
    for (int i = 0; i < out.length; i++) {
      Double l = records.get(i).latencyMs();
      if (l == null) {
        throw InputException.of("metric '" + metric + "': example '" + records.get(i).id() + "' has no latency",
            "a latency in milliseconds for every example");
      }
      out[i] = l;
    }
    return out;
  }

  private static double[] tokens(List<EfficiencyRecord> records, boolean input, String metric) {
    double[] out = new double[records.size()];
    for (int i = 0; i < out.length; i++) {
      Long t = input ? records.get(i).tokensIn() : records.get(i).tokensOut();
      if (t == null) {
        throw InputException.of("metric '" + metric + "': example '" + records.get(i).id() + "' has no "
            + (input ? "tokens_in" : "tokens_out"), "token counts for every example");
      }
      out[i] = t;
    }
    return out;
  }

  private static double sum(double[] values) {
    // Neumaier summation: exact enough that a sum of a million latencies is order-independent.
    double s = 0;
    double c = 0;
    for (double x : values) {
      double t = s + x;
      c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
      s = t;
    }
    return s + c;
  }

  private static double mean(double[] values) {
    return sum(values) / values.length;
  }
}
