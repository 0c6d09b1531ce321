package dev.assay.metrics.rag;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Context precision and recall of one retrieval against the ids of the relevant contexts, with no
 * model involved. A retrieved id repeated counts once, at its first rank.
 *
 * <ul>
 *   <li>{@link #recall}: |retrieved ∩ relevant| / |relevant|.
 *   <li>{@link #precision}, rank-aware (the "context precision" of RAG evaluation): the mean of
 *       precision@k over the ranks k that hold a relevant context, Σ_k P@k·rel_k / Σ_k rel_k; 0 when
 *       no relevant context was retrieved (nothing retrieved included).
 * </ul>
 */
final class ContextRelevance {
  private ContextRelevance() {}

  /**
   * @param relevant not empty (recall over nothing relevant is undefined; the caller refuses it)
   */
  static double recall(List<String> retrieved, Set<String> relevant) {
    if (relevant.isEmpty()) {
      throw new IllegalArgumentException("no relevant contexts");
    }
    long found = new LinkedHashSet<>(retrieved).stream().filter(relevant::contains).count();
    return (double) found / relevant.size();
  }

  static double precision(List<String> retrieved, Set<String> relevant) {
    int k = 0;
    int hits = 0;
    double sum = 0;
    for (String id : new LinkedHashSet<>(retrieved)) {
      k++;
      if (relevant.contains(id)) {
        hits++;
        sum += (double) hits / k;
      }
    }
    return hits == 0 ? 0 : sum / hits;
  }
}
