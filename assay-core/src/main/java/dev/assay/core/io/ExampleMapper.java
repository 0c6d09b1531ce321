package dev.assay.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.text.Excerpt;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns source records (a JSONL object, or a CSV row as an object of strings) into examples,
 * checking types, deriving absent ids, rejecting duplicate ids and feeding the dataset hash.
 *
 * <p>One mapper reads one file, in order; it remembers the line of every id it has seen.
 */
final class ExampleMapper {
  private static final String ID_TYPES = "a string or integer";
  /** Ids longer than this are cut in messages. */
  private static final int MAX_ID = 80;

  private final String file;
  private final FieldMapping mapping;
  private final boolean csv;
  private final Set<String> roleFields;
  private final Map<String, Integer> idLines = new HashMap<>();
  private final DatasetHasher hasher = new DatasetHasher();

  /**
   * @param file the dataset file as named in messages
   * @param csv whether records come from CSV (changes only the hints in messages)
   */
  ExampleMapper(String file, FieldMapping mapping, boolean csv) {
    this.file = file;
    this.mapping = mapping;
    this.csv = csv;
    this.roleFields = mapping.roleFields();
  }

  /** The example of the record that starts on {@code line}. */
  Example map(ObjectNode record, int line) {
    String id = id(record.get(mapping.id()), line);
    JsonNode input = input(record, line);
    JsonNode reference = reference(record.get(mapping.reference()), line);
    Map<String, String> tags = tags(record, line);
    ObjectNode extra = Json.object();
    Iterator<Map.Entry<String, JsonNode>> it = record.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!roleFields.contains(e.getKey())) {
        extra.set(e.getKey(), e.getValue());
      }
    }
    Example example = new Example(id == null ? "" : id, input, reference, tags, extra, line);
    String content = example.canonicalContentJson();
    boolean derived = id == null;
    if (derived) {
      id = Json.sha256(content).substring(0, 16);
      example = new Example(id, input, reference, tags, extra, line);
    }
    Integer first = idLines.putIfAbsent(id, line);
    if (first != null) {
      throw new InputException(file, line, mapping.id(),
          "duplicate id '" + Excerpt.cut(id, MAX_ID) + "' (first on line " + first + ")",
          derived
              ? "unique ids; records without an id get one derived from their content, so they must differ"
              : "unique ids");
    }
    hasher.add(id, content);
    return example;
  }

  /** The hash of the examples mapped so far (call once, at the end). */
  String hash() {
    return hasher.hex();
  }

  private String id(JsonNode v, int line) {
    if (v == null) {
      return null;
    }
    String id;
    if (v.isTextual()) {
      id = v.textValue();
    } else if (v.isIntegralNumber()) {
      id = v.bigIntegerValue().toString();
    } else {
      throw new InputException(file, line, mapping.id(), "got " + Describe.json(v), ID_TYPES);
    }
    if (id.isEmpty()) {
      throw new InputException(file, line, mapping.id(), "empty id", ID_TYPES + ", not empty");
    }
    return id;
  }

  private JsonNode input(ObjectNode record, int line) {
    if (mapping.inputIsObject()) {
      ObjectNode o = Json.object();
      for (String name : mapping.input()) {
        JsonNode v = record.get(name);
        if (v == null) {
          throw new InputException(file, line, name, "missing",
              "every field listed in dataset.fields.input, in every record");
        }
        o.set(name, v);
      }
      return o;
    }
    String name = mapping.input().get(0);
    JsonNode v = record.get(name);
    if (v == null || v.isNull()) {
      throw new InputException(file, line, name, v == null ? "missing" : "got null",
          "the input in every record (a string or an object); map another field with dataset.fields.input");
    }
    if (!v.isTextual() && !v.isObject()) {
      throw new InputException(file, line, name, "got " + Describe.json(v), "a string or an object");
    }
    return v;
  }

  private JsonNode reference(JsonNode v, int line) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() && !v.isArray() && !v.isObject()) {
      throw new InputException(file, line, mapping.reference(), "got " + Describe.json(v),
          "a string, a list or an object (write numbers and booleans as strings)");
    }
    return v;
  }

  private Map<String, String> tags(ObjectNode record, int line) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (mapping.tagsAreFields()) {
      for (String name : mapping.tags()) {
        putTag(tags, name, record.get(name), line, name);
      }
      return tags;
    }
    String name = mapping.tags().get(0);
    JsonNode v = record.get(name);
    if (v == null || v.isNull()) {
      return tags;
    }
    if (!v.isObject()) {
      throw new InputException(file, line, name, "got " + Describe.json(v),
          csv ? "an object of tag values, which CSV cannot hold: list the tag columns instead, "
                  + "e.g. dataset.fields.tags: [" + name + "]"
              : "an object of tag values, e.g. {\"lang\": \"en\"}");
    }
    Iterator<Map.Entry<String, JsonNode>> it = v.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      putTag(tags, e.getKey(), e.getValue(), line, name + "." + e.getKey());
    }
    return tags;
  }

  private void putTag(Map<String, String> tags, String key, JsonNode v, int line, String field) {
    if (v == null || v.isNull()) {
      return;
    }
    if (v.isContainerNode()) {
      throw new InputException(file, line, field, "got " + Describe.json(v), "a string, number or boolean tag value");
    }
    // Numbers in canonical form, so 1.0 and 1 give the same slice.
    tags.put(key, v.isTextual() ? v.textValue() : Json.canonical(v));
  }
}
