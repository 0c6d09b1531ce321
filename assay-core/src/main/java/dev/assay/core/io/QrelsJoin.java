package dev.assay.core.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
import dev.assay.core.DatasetSpec;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.text.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gives the queries of a retrieval dataset their judgments from the suite's qrels file: each
 * example's reference becomes {@code {docid: grade}} of the qrels topic with the example's id.
 *
 * <p>A query the qrels do not judge is left out, as trec_eval leaves out run topics missing from
 * the qrels, and counted in {@link Dataset#leftOut()}; with {@code all_topics} it stays, with no
 * relevant document (every measure 0 for it, so it lowers the means). The joined examples are what
 * is hashed, stored and run: the judgments are part of the dataset's content.
 */
final class QrelsJoin {
  private QrelsJoin() {}

  static Dataset join(Dataset dataset, DatasetSpec spec) {
    Map<String, Map<String, Integer>> judgments = QrelsReader.installed().read(spec.qrelsResolved(), spec.qrels());
    List<Example> kept = new ArrayList<>();
    int leftOut = 0;
    for (Example e : dataset.examples()) {
      if (e.reference() != null) {
        throw new InputException(spec.path(), e.line(), "reference", "example '" + Excerpt.cut(e.id(), 80)
            + "' has its own reference, and the suite's dataset names the qrels file " + spec.qrels(),
            "judgments in one place: the qrels file, or each query's reference");
      }
      Map<String, Integer> topic = judgments.get(e.id());
      if (topic == null && !spec.allTopics()) {
        leftOut++;
        continue;
      }
      ObjectNode reference = Json.object();
      if (topic != null) {
        topic.forEach(reference::put);
      }
      kept.add(new Example(e.id(), e.input(), reference, e.tags(), e.extra(), e.line()));
    }
    if (kept.isEmpty()) {
      throw new InputException(spec.path(), 0, null, "no query is judged in " + spec.qrels() + " (" + leftOut
          + " queries, none of their ids is a topic of the qrels)",
          "query ids equal to qrels topic ids, or dataset.all_topics: true");
    }
    return new Dataset(dataset.source(), kept, DatasetHasher.hash(kept), leftOut);
  }
}
