package dev.assay.metrics.efficiency;

import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import java.util.List;

/**
 * An efficiency metric name, resolved: what it measures and in which direction it is better.
 *
 * <p>Names: {@code latency_p50}, {@code latency_p90}, {@code latency_p95}, {@code latency_p99}
 * (any {@code latency_pX} with X in [0, 100], e.g. {@code latency_p99.9}), {@code latency_mean},
 * {@code latency_max} (milliseconds); {@code tokens_in},
 * {@code tokens_out} (mean per example) and {@code tokens_in_total}, {@code tokens_out_total};
 * {@code cost} (mean per example), {@code cost_per_1k} (per 1,000 requests), {@code cost_total}.
 * All are lower-is-better. (There is no {@code throughput}: examples per second depend on the
 * run's concurrency and machine, not on the system alone, and have no per-example value to pair.)
 *
 * @param name the canonical name
 * @param kind what is aggregated
 * @param percentile the percentile in [0, 100] for {@link Kind#LATENCY_PERCENTILE}, else NaN
 */
public record EfficiencyMetric(String name, Kind kind, double percentile) {
  /** The aggregation behind a name. */
  public enum Kind {
    LATENCY_PERCENTILE, LATENCY_MEAN, LATENCY_MAX,
    TOKENS_IN, TOKENS_OUT, TOKENS_IN_TOTAL, TOKENS_OUT_TOTAL, COST, COST_PER_1K, COST_TOTAL
  }

  /** The documented names (percentiles other than these are accepted too). */
  public static final List<String> NAMES = List.of(
      "latency_p50", "latency_p90", "latency_p95", "latency_p99", "latency_mean", "latency_max",
      "tokens_in", "tokens_out", "tokens_in_total", "tokens_out_total",
      "cost", "cost_per_1k", "cost_total");

  private static final String PERCENTILE_PREFIX = "latency_p";

  /** Whether {@code name} is an efficiency metric. */
  public static boolean knows(String name) {
    return resolve(name) != null;
  }

  /** The metric called {@code name}; throws {@link InputException} with a suggestion when unknown. */
  public static EfficiencyMetric parse(String name) {
    if (name.contains(":")) {
      throw InputException.of("efficiency metric '" + name + "' takes no parameters", "one of " + NAMES);
    }
    EfficiencyMetric m = resolve(name);
    if (m == null) {
      throw InputException.of("unknown efficiency metric '" + name + "'", DidYouMean.expected(name, NAMES));
    }
    return m;
  }

  private static EfficiencyMetric resolve(String name) {
    Kind kind = switch (name) {
      case "latency_mean" -> Kind.LATENCY_MEAN;
      case "latency_max" -> Kind.LATENCY_MAX;
      case "tokens_in" -> Kind.TOKENS_IN;
      case "tokens_out" -> Kind.TOKENS_OUT;
      case "tokens_in_total" -> Kind.TOKENS_IN_TOTAL;
      case "tokens_out_total" -> Kind.TOKENS_OUT_TOTAL;
      case "cost" -> Kind.COST;
      case "cost_per_1k" -> Kind.COST_PER_1K;
      case "cost_total" -> Kind.COST_TOTAL;
      default -> null;
    };
    if (kind != null) {
      return new EfficiencyMetric(name, kind, Double.NaN);
    }
    if (name.startsWith(PERCENTILE_PREFIX)) {
      String digits = name.substring(PERCENTILE_PREFIX.length());
      if (digits.matches("\\d{1,3}(\\.\\d+)?")) {
        double p = Double.parseDouble(digits);
        if (p <= 100) {
          return new EfficiencyMetric(name, Kind.LATENCY_PERCENTILE, p);
        }
      }
    }
    return null;
  }
}
