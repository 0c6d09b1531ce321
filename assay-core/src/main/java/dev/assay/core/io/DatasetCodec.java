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
        sb.append(Json.MAPPER.writeValueAsString(o)).append('\n');
      } catch (JsonProcessingException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    return Deflate.compress(sb.toString().getBytes(StandardCharsets.UTF_8));
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
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      if (end > start) {
        examples.add(example(text.substring(start, end)));
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

  private static Example example(String line) {
    JsonNode o;
    try {
      o = Json.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored dataset is not valid JSON: the store is damaged", e);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    o.path("tags").properties().forEach(t -> tags.put(t.getKey(), t.getValue().asText()));
    JsonNode reference = o.get("reference");
    JsonNode extra = o.get("extra");
    return new Example(o.get("id").asText(), o.get("input"), reference, tags,
        extra instanceof ObjectNode x ? x : null, o.path("line").asInt());
  }
}
