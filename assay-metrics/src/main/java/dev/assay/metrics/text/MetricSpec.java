package dev.assay.metrics.text;

import dev.assay.core.InputException;
import dev.assay.core.MetricName;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed metric name {@code NAME[:key=value]...}, with typed accessors for its parameters.
 *
 * <p>Invariant: {@link #text()} is the spec exactly as written and is the metric name under
 * which the scorer reports, so two differently parameterised metrics never collide. Keys are
 * unique; a malformed, duplicated, unknown or ill-typed parameter is an {@link InputException}
 * naming the metric.
 */
public final class MetricSpec {
  private final String text;
  private final String base;
  private final Map<String, String> params;

  private MetricSpec(String text, String base, Map<String, String> params) {
    this.text = text;
    this.base = base;
    this.params = params;
  }

  /** Parses {@code spec} ({@link MetricName#parse}: the grammar every family shares). */
  public static MetricSpec parse(String spec) {
    MetricName name = MetricName.parse(spec);
    return new MetricSpec(name.text(), name.base(), new LinkedHashMap<>(name.params()));
  }

  /** The spec as written, used as the metric's reported name. */
  public String text() {
    return text;
  }

  /** The name before the first {@code :}. */
  public String base() {
    return base;
  }

  /** Throws unless every given key is in {@code known}. */
  public void allowOnly(Collection<String> known) {
    for (String key : params.keySet()) {
      if (!known.contains(key)) {
        String expected = known.isEmpty()
            ? "metric '" + base + "' takes no parameters"
            : "known: " + String.join(", ", new TreeSet<>(known));
        throw error("unknown parameter '" + key + "' for metric '" + base + "'", expected);
      }
    }
  }

  /** Whether {@code key} was given. */
  public boolean has(String key) {
    return params.containsKey(key);
  }

  /** A string parameter that must be one of {@code allowed}. */
  public String choice(String key, String fallback, Set<String> allowed) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    if (!allowed.contains(v)) {
      throw error("parameter '" + key + "' of metric '" + base + "' is '" + v + "'",
          "one of " + String.join(", ", new TreeSet<>(allowed)));
    }
    return v;
  }

  /** A boolean parameter: {@code true} or {@code false}. */
  public boolean bool(String key, boolean fallback) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error("parameter '" + key + "' of metric '" + base + "' is '" + v + "'", "true or false");
    };
  }

  /** An integer parameter within [min, max]. */
  public int integer(String key, int fallback, int min, int max) {
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
      // reported below with the accepted range
    }
    throw error("parameter '" + key + "' of metric '" + base + "' is '" + v + "'",
        "an integer from " + min + " to " + max);
  }

  /** A finite number parameter strictly above {@code exclusiveMin}; NaN fallback means "absent". */
  public double number(String key, double fallback, double exclusiveMin) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      double x = Double.parseDouble(v);
      if (Double.isFinite(x) && x > exclusiveMin) {
        return x;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error("parameter '" + key + "' of metric '" + base + "' is '" + v + "'",
        "a finite number greater than " + exclusiveMin);
  }

  static InputException error(String problem, String expected) {
    return new InputException((String) null, 0, "metrics", problem, expected);
  }
}
