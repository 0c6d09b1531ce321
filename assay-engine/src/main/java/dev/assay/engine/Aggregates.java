package dev.assay.engine;

import dev.assay.core.Counts;
import dev.assay.core.ExampleResult;
import dev.assay.core.Scorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Derives a run's counts and aggregate metrics from its per-example results.
 *
 * <p>Results are visited in dataset order (index, then repeat), never in the order they
 * completed, so an interrupted-and-resumed run and an uninterrupted one agree exactly. Examples
 * that ended in an error are counted, not scored: they enter no metric.
 */
final class Aggregates {
  private Aggregates() {}

  record Summary(Counts counts, Map<String, Double> metrics) {}

  /**
   * @param results calls its argument once per result, in dataset order
   */
  static Summary of(Consumer<Consumer<ExampleResult>> results, List<Scorer> scorers) {
    List<Map<String, Double>> scored = new ArrayList<>();
    long[] counts = new long[2];
    results.accept(r -> {
      if (r.ok()) {
        counts[0]++;
        scored.add(r.scores());
      } else {
        counts[1]++;
      }
    });
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Scorer s : scorers) {
      metrics.putAll(s.aggregate(scored));
    }
    return new Summary(new Counts(counts[0], counts[1]), metrics);
  }
}
