package dev.assay.gate;

import dev.assay.core.Plugins;
import dev.assay.core.Score;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds sides from arrays and maps (example i has id "e" + i), and compares and gates them the way
 * the comparison service does: metrics resolved from their names, each compared once.
 */
final class Tables {
  private Tables() {}

  static RunScores of(String source, String metric, double[] values) {
    Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      rows.put("e" + i, Map.of(metric, values[i]));
    }
    return table(source, rows);
  }

  /** A side of per-example values. */
  static RunScores table(String source, Map<String, Map<String, Double>> rows) {
    Map<String, List<Map<String, Score>>> typed = new LinkedHashMap<>();
    rows.forEach((id, values) -> {
      Map<String, Score> scores = new LinkedHashMap<>();
      values.forEach((k, v) -> scores.put(k, Score.of(v)));
      typed.put(id, List.of(scores));
    });
    return new RunScores(source, null, typed);
  }

  /** A side of typed scores. */
  static RunScores typed(String source, Map<String, Map<String, Score>> rows) {
    Map<String, List<Map<String, Score>>> typed = new LinkedHashMap<>();
    rows.forEach((id, scores) -> typed.put(id, List.of(scores)));
    return new RunScores(source, null, typed);
  }

  static Pairing pair(String metric, double[] baseline, double[] candidate) {
    return Pairing.of(of("base", metric, baseline), of("cand", metric, candidate), false);
  }

  /** 0/1 outcomes: the first {@code ones} of n are 1. */
  static double[] outcomes(int n, int ones) {
    double[] v = new double[n];
    for (int i = 0; i < ones; i++) {
      v[i] = 1;
    }
    return v;
  }

  static MetricResolver resolver(CompareOptions o) {
    return new MetricResolver(Plugins.installed(), o.lowerIsBetter());
  }

  /** Compares one metric of a pairing, the metric resolved from its name. */
  static Comparison compare(CompareOptions o, Pairing p, String metric) {
    return new MetricComparer(o).compare(p, resolver(o).resolve(metric, p.baseline(), p.candidate()));
  }

  /** Compares the requested metrics (every common one when none is requested). */
  static ComparisonReport report(Pairing p, CompareOptions o) {
    List<String> names = o.metrics().isEmpty() ? p.commonMetrics() : o.metrics();
    List<Comparison> out = new ArrayList<>();
    for (String m : names) {
      p.requireMetric(m);
      out.add(compare(o, p, m));
    }
    return ComparisonReport.of(p, out);
  }

  /** A gate evaluator as the service uses it. */
  static Evaluator evaluator(CompareOptions o) {
    return new Evaluator(o);
  }

  static final class Evaluator {
    private final CompareOptions options;

    Evaluator(CompareOptions options) {
      this.options = options;
    }

    GateResult evaluate(Gate gate, Pairing p, Function<String, Map<String, String>> tags, String datasetHash) {
      MetricResolver resolver = resolver(options);
      return new GateEvaluator(options).evaluate(gate, p, name -> resolver.resolve(name, p.baseline(), p.candidate()),
          new HashMap<>(), tags, datasetHash);
    }
  }
}
