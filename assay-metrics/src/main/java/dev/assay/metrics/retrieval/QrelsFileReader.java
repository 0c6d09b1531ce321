package dev.assay.metrics.retrieval;

import dev.assay.core.io.QrelsReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The qrels reader datasets use ({@code dataset: {path: queries.jsonl, qrels: qrels.txt}}): the
 * same {@link Qrels#read} as {@code assay score retrieval}, so a suite and trec_eval read a file
 * alike. Registered with {@link java.util.ServiceLoader}.
 */
public final class QrelsFileReader implements QrelsReader {
  @Override
  public Map<String, Map<String, Integer>> read(Path file, String name) {
    Qrels qrels = Qrels.read(file, name);
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (String topic : qrels.topics()) {
      // Sorted, so the references (and the dataset hash) do not depend on hash-table order.
      Map<String, Integer> grades = new TreeMap<>();
      qrels.topic(topic).forEach(grades::put);
      out.put(topic, grades);
    }
    return out;
  }
}
