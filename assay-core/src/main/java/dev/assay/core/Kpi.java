package dev.assay.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The research-KPI category a suite declares for one of its metrics ({@code kpi:} in a suite,
 * docs/suites.md), which tells the scorecard what the metric measures.
 *
 * <p>For {@link #HALLUCINATION} and {@link #SAFETY} the metric must have 0/1 per-example values;
 * an example counts as an event (a hallucination, a safety violation) when it fails the metric:
 * value 0 for a higher-is-better metric, 1 for a lower-is-better one. So {@code exact_match:
 * hallucination} counts unmatched answers, and a lower-is-better {@code unsafe} flag counts
 * flagged outputs.
 */
public enum Kpi {
  /** The metric measures quality: the scorecard reports its lift over the baseline. */
  QUALITY,
  /** Failing the metric is a hallucination (a factual error). */
  HALLUCINATION,
  /** Failing the metric is a safety violation. */
  SAFETY;

  /** The names used in suites. */
  public static final List<String> NAMES = Arrays.stream(values()).map(Kpi::wire).toList();

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The category called {@code name}, if any. */
  public static Optional<Kpi> parse(String name) {
    return Arrays.stream(values()).filter(k -> k.wire().equals(name)).findFirst();
  }

  /**
   * The categories declared in a suite as parsed (a run record's {@code suite}), by metric spec;
   * empty when it declares none. Assumes the suite passed {@link dev.assay.core.io.SuiteLoader}:
   * entries that are not a known category are skipped.
   */
  public static Map<String, Kpi> declared(ObjectNode suite) {
    Map<String, Kpi> out = new LinkedHashMap<>();
    JsonNode kpi = suite == null ? null : suite.get("kpi");
    if (kpi != null && kpi.isObject()) {
      kpi.properties().forEach(e -> {
        if (e.getValue().isTextual()) {
          parse(e.getValue().textValue()).ifPresent(k -> out.put(e.getKey(), k));
        }
      });
    }
    return out;
  }
}
