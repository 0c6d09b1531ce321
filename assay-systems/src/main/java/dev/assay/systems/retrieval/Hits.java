package dev.assay.systems.retrieval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.assay.core.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Ordering, top-k selection and the JSON output shape of {@link Hit} lists. */
public final class Hits {
  /** Score descending, ties by docid descending: trec_eval's order. */
  public static final Comparator<Hit> TREC_ORDER =
      Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::docid, Comparator.reverseOrder());

  private Hits() {}

  /**
   * The output value of a retrieval system: {@code [{"docid": ..., "score": ...}, ...]} in rank
   * order, the shape the retrieval scorers read.
   */
  public static ArrayNode toJson(List<Hit> hits) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Hit h : hits) {
      out.addObject().put("docid", h.docid()).put("score", h.score());
    }
    return out;
  }

  /**
   * The {@code k} best of {@code scores} (indexed like {@code docids}) in {@link #TREC_ORDER};
   * entries with a NaN score are skipped.
   */
  public static List<Hit> top(String[] docids, double[] scores, int k) {
    PriorityQueue<Hit> heap = new PriorityQueue<>(Math.max(1, k) + 1, TREC_ORDER.reversed());
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) {
        continue;
      }
      Hit h = new Hit(docids[i], scores[i]);
      if (heap.size() < k) {
        heap.add(h);
      } else if (k > 0 && TREC_ORDER.compare(h, heap.peek()) < 0) {
        heap.poll();
        heap.add(h);
      }
    }
    List<Hit> out = new ArrayList<>(heap);
    out.sort(TREC_ORDER);
    return out;
  }
}
