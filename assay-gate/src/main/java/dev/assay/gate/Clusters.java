package dev.assay.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import java.util.HashMap;
import java.util.Map;

/**
 * The cluster of each example: the value of one example field (e.g. {@code document_id}) that
 * groups correlated examples. Comparisons over clusters resample, jackknife and permute whole
 * clusters (docs/design/clustered-comparisons.md).
 *
 * <p>Invariants: {@code field} is not empty; every key is a non-null string. Run records do not
 * hold the examples' fields, so the keys come from the dataset.
 *
 * @param field the example field naming the cluster
 * @param keyById cluster key by example id
 */
public record Clusters(String field, Map<String, String> keyById) {
  public Clusters {
    if (field == null || field.isEmpty()) {
      throw new IllegalArgumentException("cluster field is empty");
    }
    keyById = Map.copyOf(keyById);
  }

  /**
   * The clusters of a dataset's examples: the example's tag {@code field} if it has one, else its
   * other record field {@code field} (a string, number or boolean, as text).
   *
   * @throws InputException naming the dataset file and the example's line when an example has no
   *     value of {@code field} (or an object, list or null)
   */
  public static Clusters fromDataset(Dataset data, String field) {
    Map<String, String> keys = new HashMap<>();
    for (Example e : data.examples()) {
      String key = e.tags().get(field);
      if (key == null) {
        JsonNode v = e.extra().get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
          throw new InputException(data.source(), e.line(), field, "example '" + e.id() + "' has "
              + (v == null || v.isNull() ? "no value of" : "an object or list in") + " the cluster field '"
              + field + "'", "every example with a string or number '" + field + "' (a field or a tag), "
              + "or another cluster field");
        }
        key = v.asText();
      }
      keys.put(e.id(), key);
    }
    return new Clusters(field, keys);
  }

  /** The resampling unit as reports name it: {@code cluster:FIELD}. */
  public String unit() {
    return "cluster:" + field;
  }

  /** The cluster key of an example, or null when the example is unknown. */
  public String key(String id) {
    return keyById.get(id);
  }
}
