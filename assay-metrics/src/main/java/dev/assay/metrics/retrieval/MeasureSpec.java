package dev.assay.metrics.retrieval;

import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.MetricName;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A measure as written in a suite or on the command line: {@code NAME[:key=value]...}.
 *
 * <p>Invariant: keys are unique and each maps to a non-empty value; {@link #suffix()} renders the
 * parameters in key order, so equal parameter sets give equal measure names. Immutable.
 */
final class MeasureSpec {
  private final String text;
  private final String base;
  private final TreeMap<String, String> params;

  private MeasureSpec(String text, String base, TreeMap<String, String> params) {
    this.text = text;
    this.base = base;
    this.params = params;
  }

  /** Parses {@code spec} ({@link MetricName#parse}: the grammar every family shares). */
  static MeasureSpec parse(String spec) {
    MetricName name = MetricName.parse(spec);
    return new MeasureSpec(name.text(), name.base(), new TreeMap<>(name.params()));
  }

  String text() {
    return text;
  }

  String base() {
    return base;
  }

  Map<String, String> params() {
    return params;
  }

  /** {@code :k=v...} in key order, empty without parameters. */
  String suffix() {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> sb.append(':').append(k).append('=').append(v));
    return sb.toString();
  }

  void allowOnly(Collection<String> known, String measure) {
    for (String key : params.keySet()) {
      if (!known.contains(key)) {
        String expected = known.isEmpty()
            ? "'" + measure + "' takes no parameters"
            : DidYouMean.expected(key, new TreeSet<>(known));
        throw InputException.of("unknown parameter '" + key + "' for metric '" + measure + "'", expected);
      }
    }
  }

  int integer(String key, int fallback, int min) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int x = Integer.parseInt(v);
      if (x >= min) {
        return x;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw InputException.of("parameter '" + key + "' of metric '" + text + "' is '" + v + "'",
        "an integer >= " + min);
  }

  double real(String key, double fallback, double lo, double hi, boolean openLo) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      double x = Double.parseDouble(v);
      if (Double.isFinite(x) && (openLo ? x > lo : x >= lo) && x <= hi) {
        return x;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    String range = Double.isInfinite(hi) ? (openLo ? "> " : ">= ") + lo : "in " + (openLo ? "(" : "[") + lo + ", " + hi + "]";
    throw InputException.of("parameter '" + key + "' of metric '" + text + "' is '" + v + "'", "a number " + range);
  }

  String string(String key) {
    return params.get(key);
  }
}
