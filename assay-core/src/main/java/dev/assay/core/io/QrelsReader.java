package dev.assay.core.io;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Reads a TREC qrels file ({@code qid iter docid rel}) for a dataset that names one. The format
 * belongs to the retrieval metrics (assay-metrics reads it as trec_eval does, and registers its
 * reader with {@link ServiceLoader}); the dataset loader only joins the judgments to its examples.
 */
public interface QrelsReader {
  /**
   * The judgments of every topic: topic id to document id to grade (negative: pooled, not judged),
   * in the file's order of documents.
   *
   * @param name the file as the suite names it, for messages
   * @throws dev.assay.core.InputException naming the file, line and field of a bad line
   */
  Map<String, Map<String, Integer>> read(Path file, String name);

  /** The installed reader. */
  static QrelsReader installed() {
    return ServiceLoader.load(QrelsReader.class, QrelsReader.class.getClassLoader()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no qrels reader is installed (assay-metrics is missing)"));
  }
}
