package dev.assay.systems.retrieval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines two rankings of the same corpus into one score per document.
 *
 * <p>Both methods are symmetric in how they treat a document missing from one ranking: it gets
 * nothing from that ranking (RRF adds no term; weighted fusion adds 0, the normalised score of
 * the worst retrieved document).
 */
public sealed interface Fusion {
  /** Fused scores of every document in either ranking (lexical first, dense second). */
  Map<String, Double> fuse(List<Hit> lexical, List<Hit> dense);

  /**
   * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): {@code sum 1 / (k + rank)}
   * over the rankings that hold the document, ranks 1-based. Ignores score scales entirely.
   *
   * @param k the smoothing constant, positive; 60 in the paper
   */
  record Rrf(double k) implements Fusion {
    public Rrf {
      if (!(k > 0) || Double.isInfinite(k)) {
        throw new IllegalArgumentException("RRF k must be positive and finite: " + k);
      }
    }

    @Override
    public Map<String, Double> fuse(List<Hit> lexical, List<Hit> dense) {
      Map<String, Double> out = new HashMap<>();
      for (List<Hit> ranking : List.of(lexical, dense)) {
        for (int i = 0; i < ranking.size(); i++) {
          out.merge(ranking.get(i).docid(), 1 / (k + i + 1), Double::sum);
        }
      }
      return out;
    }
  }

  /**
   * Weighted score fusion: each ranking's scores min-max normalised to [0, 1] over the documents
   * it retrieved (all 1 when they are equal), then {@code weight * dense + (1 - weight) *
   * lexical}.
   *
   * @param weight the dense ranking's weight, in [0, 1]
   */
  record Weighted(double weight) implements Fusion {
    public Weighted {
      if (!(weight >= 0 && weight <= 1)) {
        throw new IllegalArgumentException("fusion weight must be in [0, 1]: " + weight);
      }
    }

    @Override
    public Map<String, Double> fuse(List<Hit> lexical, List<Hit> dense) {
      Map<String, Double> out = new HashMap<>();
      add(out, lexical, 1 - weight);
      add(out, dense, weight);
      return out;
    }

    private static void add(Map<String, Double> out, List<Hit> ranking, double w) {
      if (ranking.isEmpty()) {
        return;
      }
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (Hit h : ranking) {
        min = Math.min(min, h.score());
        max = Math.max(max, h.score());
      }
      double range = max - min;
      for (Hit h : ranking) {
        double norm = range > 0 ? (h.score() - min) / range : 1;
        out.merge(h.docid(), w * norm, Double::sum);
      }
    }
  }
}
