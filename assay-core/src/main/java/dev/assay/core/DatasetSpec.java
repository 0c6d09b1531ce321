package dev.assay.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * Where a suite's dataset is and how its fields map to an {@link Example}.
 *
 * @param path the path as written in the suite
 * @param resolved the path resolved against the suite's folder
 * @param format {@code jsonl} or {@code csv}
 * @param fields the field mapping as written in the suite ({@code id}, {@code input}, {@code
 *     reference}, {@code tags}); empty means the default names
 * @param line the suite line of the dataset section, for messages
 * @param qrels a TREC qrels file whose judgments become the examples' references (topic id =
 *     example id), as written in the suite; null when the examples carry their own references
 * @param qrelsResolved {@code qrels} resolved against the suite's folder; null without qrels
 * @param allTopics with qrels: keep the examples the qrels do not judge (as topics with no
 *     relevant document, trec_eval {@code -c}) instead of leaving them out
 */
public record DatasetSpec(String path, Path resolved, String format, ObjectNode fields, int line, String qrels,
    Path qrelsResolved, boolean allTopics) {
  public DatasetSpec {
    fields = fields == null ? Json.object() : fields;
    if ((qrels == null) != (qrelsResolved == null)) {
      throw new IllegalArgumentException("qrels and qrelsResolved go together");
    }
  }

  /** A dataset whose examples carry their own references. */
  public DatasetSpec(String path, Path resolved, String format, ObjectNode fields, int line) {
    this(path, resolved, format, fields, line, null, null, false);
  }
}
