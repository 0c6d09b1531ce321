package dev.assay.engine;

import dev.assay.core.Counts;
import dev.assay.core.Scorer;
import dev.assay.core.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives a run's counts and aggregate metrics from its stored per-example results.
 *
 * <p>Aggregates are computed from the store in dataset order, never from the order results
 * completed in, so an interrupted-and-resumed run and an uninterrupted one agree exactly.
 * Examples that ended in an error are counted, not scored: they do not enter any metric.
 */
final class Aggregates {
  private Aggregates() {}

  record Summary(Counts counts, Map<String, Double> metrics) {}

  static Summary of(Store store, String runId, List<Scorer> scorers) {
    List<Map<String, Double>> scored = new ArrayList<>();
    long[] counts = new long[2];
    store.forEachResult(runId, r -> {
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
