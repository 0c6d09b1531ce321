package dev.assay.core;

import java.util.List;
import java.util.Map;

/**
 * Turns (example, output) into per-example scores; aggregates them into run metrics.
 *
 * <p>Scorers are stateless and thread-safe. {@link #score} returns, per name in {@link #names()},
 * its per-example value where the metric has one; a corpus-level metric (BLEU, f1_macro, ROC AUC)
 * may instead, or also, return internal sufficient statistics under keys containing {@code #},
 * which consumers other than its own {@link #aggregate} skip. Values are finite. The default
 * aggregate is the mean over examples that were scored; corpus-level metrics override {@link
 * #aggregate}.
 */
public interface Scorer {
  /** The metric names this scorer produces, e.g. {@code [exact_match]}. */
  List<String> names();

  Map<String, Double> score(Example example, Output output);

  /**
   * The scores of {@link #score} plus notes that explain them. The engine calls this one and
   * stores the notes in the per-example record ({@link ExampleResult#notes}); a scorer with
   * something to say per example (a judge's rationale) overrides it, and then its {@link #score}
   * must return the same values.
   */
  default Scores scoreWithNotes(Example example, Output output) {
    return Scores.of(score(example, output));
  }

  /**
   * This scorer with its model calls answered from, and stored into, {@code cache}. A scorer that
   * calls a model (an LLM judge) returns a copy whose calls go through the cache under a {@link
   * CacheKey} of its own model settings, so re-scoring a run is free and reproducible like the
   * system's own calls; every other scorer returns itself. The engine applies the run's cache
   * (none under {@code --no-cache}).
   */
  default Scorer withResponseCache(ResponseCache cache) {
    return this;
  }

  /** Whether larger values are better for {@code name}. */
  default boolean higherIsBetter(String name) {
    return true;
  }

  /**
   * The run-level value of each metric from the per-example scores of the examples that did not
   * error (in dataset order). Returns NaN for a metric with no scored example.
   */
  default Map<String, Double> aggregate(List<Map<String, Double>> perExample) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (String name : names()) {
      double sum = 0;
      int n = 0;
      for (Map<String, Double> s : perExample) {
        Double v = s.get(name);
        if (v != null) {
          sum += v;
          n++;
        }
      }
      out.put(name, n == 0 ? Double.NaN : sum / n);
    }
    return out;
  }
}
