package dev.assay.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes a store keeps for a dataset: its examples as JSON Lines ({@code {"id", "input",
 * "reference", "tags", "extra", "line"}}), raw-deflated.
 *
 * <p>Invariant: {@link #decode} of {@link #encode} gives back examples equal to the originals and
 * checks the dataset hash again, so a corrupt or edited stored copy is refused rather than
 * reported on. Stores keep the bytes; only this class knows their layout.
 */
public final class DatasetCodec {
  private DatasetCodec() {}

  /** The stored form of {@code dataset}. */
  public static byte[] encode(Dataset dataset) {
    StringBuilder sb = new StringBuilder(dataset.size() * 128);
    for (Example e : dataset.examples()) {
      sb.append(line(e)).append('\n');
    }
    return Deflate.compress(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One example as a JSON line (without the newline): the form a store keeps and a client pushes
   * to a server ({@link #example(JsonNode)} reads it back).
   */
  public static String line(Example e) {
    ObjectNode o = Json.object();
    o.put("id", e.id());
    o.set("input", e.input());
    if (e.reference() != null) {
      o.set("reference", e.reference());
    }
    if (!e.tags().isEmpty()) {
      ObjectNode tags = o.putObject("tags");
      new java.util.TreeMap<>(e.tags()).forEach(tags::put);
    }
    if (!e.extra().isEmpty()) {
      o.set("extra", e.extra());
    }
    o.put("line", e.line());
    try {
      return Json.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /**
   * The dataset in {@code bytes}, checked against {@code hash}.
   *
   * @param source the name the dataset's messages give (the file the suite named)
   * @throws IllegalStateException when the bytes are corrupt or do not hash to {@code hash}
   */
  public static Dataset decode(byte[] bytes, String source, String hash) {
    String text = new String(Deflate.decompress(bytes, "a stored dataset"), StandardCharsets.UTF_8);
    List<Example> examples = new ArrayList<>();
    // Tag values repeat across examples (a handful of types, languages, topics): one String each.
    Map<String, String> tagValues = new HashMap<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      if (end > start) {
        examples.add(example(text.substring(start, end), tagValues));
      }
      start = end + 1;
    }
    String actual = DatasetHasher.hash(examples);
    if (!actual.equals(hash)) {
      throw new IllegalStateException("the stored copy of dataset " + hash + " hashes to " + actual
          + ": the store is damaged");
    }
    return new Dataset(source, examples, hash);
  }

  private static Example example(String line, Map<String, String> tagValues) {
    Example streamed = StoredExampleLine.read(line, tagValues);
    if (streamed != null) {
      return streamed;
    }
    JsonNode o;
    try {
      o = Json.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored dataset is not valid JSON: the store is damaged", e);
    }
    return example(o, tagValues);
  }

  /**
   * The example of one line written by {@link #line}.
   *
   * @throws IllegalArgumentException when it is not an object with a non-empty text {@code id}, an
   *     {@code input}, and (if present) an object of text {@code tags} and an object {@code extra}
   */
  public static Example example(JsonNode o) {
    return example(o, new HashMap<>());
  }

  /** As {@link #example(JsonNode)}, taking each tag value from (or adding it to) {@code tagValues}. */
  private static Example example(JsonNode o, Map<String, String> tagValues) {
    if (o == null || !o.isObject() || !o.path("id").isTextual() || o.get("id").asText().isEmpty()
        || o.get("input") == null || o.get("input").isNull()) {
      throw new IllegalArgumentException("an example needs a text id and an input");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    JsonNode t = o.get("tags");
    if (t != null && !t.isObject()) {
      throw new IllegalArgumentException("tags must be an object of text values");
    }
    if (t != null) {
      t.properties().forEach(e -> {
        if (!e.getValue().isValueNode() || e.getValue().isNull()) {
          throw new IllegalArgumentException("tag '" + e.getKey() + "' must be a text value");
        }
        String value = e.getValue().asText();
        String shared = tagValues.putIfAbsent(value, value);
        tags.put(e.getKey(), shared == null ? value : shared);
      });
    }
    JsonNode reference = o.get("reference");
    JsonNode extra = o.get("extra");
    if (extra != null && !extra.isObject()) {
      throw new IllegalArgumentException("extra must be an object");
    }
    return new Example(o.get("id").asText(), o.get("input"), reference, tags,
        extra instanceof ObjectNode x ? x : null, o.path("line").asInt());
  }
}
