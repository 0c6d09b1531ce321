package dev.assay.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * One example of a dataset.
 *
 * @param id unique within its dataset, never empty
 * @param input a string or an object
 * @param reference a string, list or object; null when the example has none
 * @param tags slice keys (string to string), never null
 * @param extra every other field of the source record, kept as read; never null
 * @param line the 1-based line of the source file the example came from (0 when built in code)
 */
public record Example(
    String id, JsonNode input, JsonNode reference, Map<String, String> tags, ObjectNode extra, int line) {
  public Example {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(input, "input");
    tags = Map.copyOf(tags == null ? Map.of() : tags);
    extra = extra == null ? Json.object() : extra;
  }

  /** An example built in code: a text input and an optional text reference. */
  public static Example of(String id, String input, String reference) {
    return new Example(
        id,
        Json.MAPPER.getNodeFactory().textNode(input),
        reference == null ? null : Json.MAPPER.getNodeFactory().textNode(reference),
        Map.of(),
        null,
        0);
  }

  /** The input as text: the string itself, or the canonical JSON of an object input. */
  public String inputText() {
    return input.isTextual() ? input.textValue() : Json.canonical(input);
  }

  /**
   * The canonical content of this example, the basis of the dataset hash and of derived ids:
   * an object of input, reference, tags and extra fields (not the id, not the line).
   */
  public ObjectNode canonicalContent() {
    ObjectNode node = Json.object();
    node.set("input", input);
    if (reference != null) {
      node.set("reference", reference);
    }
    ObjectNode t = node.putObject("tags");
    tags.forEach(t::put);
    node.set("extra", extra);
    return node;
  }

  /**
   * {@code Json.canonical(canonicalContent())}, written straight from the fields: the dataset hash
   * needs it for every example (again on every read of a stored dataset, to check it), and building
   * the tree first cost more than the hash.
   */
  public String canonicalContentJson() {
    StringBuilder sb = new StringBuilder(128);
    // Keys in canonical (sorted) order: extra, input, reference, tags.
    sb.append("{\"extra\":");
    Json.writeCanonical(extra, sb);
    sb.append(",\"input\":");
    Json.writeCanonical(input, sb);
    if (reference != null) {
      sb.append(",\"reference\":");
      Json.writeCanonical(reference, sb);
    }
    sb.append(",\"tags\":{");
    String[] keys = tags.keySet().toArray(new String[0]);
    java.util.Arrays.sort(keys);
    for (int i = 0; i < keys.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Json.quote(keys[i], sb);
      sb.append(':');
      Json.quote(tags.get(keys[i]), sb);
    }
    return sb.append("}}").toString();
  }
}
