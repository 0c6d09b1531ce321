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
 */
public record DatasetSpec(String path, Path resolved, String format, ObjectNode fields, int line) {
  public DatasetSpec {
    fields = fields == null ? Json.object() : fields;
  }
}
