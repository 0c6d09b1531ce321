package dev.assay.metrics.classification;

import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.MetricName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed metric spec {@code NAME[:key=value]...} (DESIGN.md, "Metric parameters ride on the
 * metric name"), e.g. {@code ece:bins=10:strategy=quantile}.
 *
 * @param text the spec as written; results are keyed by it
 * @param name the base name
 * @param params parameters in order of appearance, keys unique
 */
public record MetricSpec(String text, String name, Map<String, String> params) {
  public MetricSpec {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Parses {@code text} ({@link MetricName#parse}: the grammar every family shares). */
  public static MetricSpec parse(String text) {
    MetricName name = MetricName.parse(text);
    return new MetricSpec(name.text(), name.base(), name.params());
  }

  /** Throws {@link InputException} when a parameter is not in {@code allowed}. */
  public void requireOnly(Set<String> allowed) {
    for (String key : params.keySet()) {
      if (!allowed.contains(key)) {
        String expected = allowed.isEmpty()
            ? "metric '" + name + "' takes no parameters"
            : DidYouMean.expected(key, allowed);
        throw InputException.of("unknown parameter '" + key + "' for metric '" + name + "'", expected);
      }
    }
  }

  public String param(String key, String fallback) {
    return params.getOrDefault(key, fallback);
  }

  /** An integer parameter in [min, max]. */
  public int intParam(String key, int fallback, int min, int max) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int x = Integer.parseInt(v);
      if (x >= min && x <= max) {
        return x;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw InputException.of("parameter " + key + "=" + v + " of metric '" + name + "' is invalid",
        "an integer in [" + min + ", " + max + "]");
  }

  /** A positive finite double parameter below 1. */
  public double fractionParam(String key, double fallback) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      double x = Double.parseDouble(v);
      if (x > 0 && x < 0.5) {
        return x;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw InputException.of("parameter " + key + "=" + v + " of metric '" + name + "' is invalid",
        "a number in (0, 0.5)");
  }

  /** One of {@code choices} (case-insensitive), returned in lower case. */
  public String choiceParam(String key, String fallback, Set<String> choices) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    String lower = v.toLowerCase(java.util.Locale.ROOT);
    if (!choices.contains(lower)) {
      throw InputException.of("parameter " + key + "=" + v + " of metric '" + name + "' is invalid",
          "one of " + String.join(", ", new java.util.TreeSet<>(choices)));
    }
    return lower;
  }
}
