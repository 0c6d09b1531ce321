package dev.assay.systems.retrieval;

import java.util.List;
import java.util.Map;

/**
 * Fuses a lexical and a dense retriever over the same corpus: each is asked for its top {@code
 * depth} documents (at least {@code k}), the two rankings are combined by a {@link Fusion}, and
 * the best {@code k} fused documents are returned, ties by docid descending.
 *
 * <p>Thread-safe when both parts are. Closing closes both parts.
 */
public final class HybridRetriever implements Retriever {
  private final Retriever lexical;
  private final Retriever dense;
  private final Fusion fusion;
  private final int depth;

  /** @param depth how many documents each part contributes, positive */
  public HybridRetriever(Retriever lexical, Retriever dense, Fusion fusion, int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be positive: " + depth);
    }
    this.lexical = lexical;
    this.dense = dense;
    this.fusion = fusion;
    this.depth = depth;
  }

  @Override
  public List<Hit> search(String query, int k) throws InterruptedException {
    int d = Math.max(depth, k);
    Map<String, Double> fused = fusion.fuse(lexical.search(query, d), dense.search(query, d));
    String[] ids = new String[fused.size()];
    double[] scores = new double[fused.size()];
    int i = 0;
    for (Map.Entry<String, Double> e : fused.entrySet()) {
      ids[i] = e.getKey();
      scores[i++] = e.getValue();
    }
    return Hits.top(ids, scores, k);
  }

  @Override
  public void close() {
    try {
      lexical.close();
    } finally {
      dense.close();
    }
  }
}
