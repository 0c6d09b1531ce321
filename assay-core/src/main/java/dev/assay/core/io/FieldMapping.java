package dev.assay.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Which source fields of a dataset record become the parts of an {@link dev.assay.core.Example}
 * (the {@code dataset.fields} section of a suite).
 *
 * @param id the field holding the id (default {@code id})
 * @param input the field holding the input, or, when {@code inputIsObject}, the fields that
 *     together form an object input; never empty
 * @param inputIsObject whether {@code input} was given as a list
 * @param reference the field holding the reference (default {@code reference})
 * @param tags the field holding an object of tags, or, when {@code tagsAreFields}, the fields
 *     whose values become tags (named after the field)
 * @param tagsAreFields whether {@code tags} was given as a list
 * @param explicit the keys set in the suite (the others are defaults); a CSV header must contain
 *     the columns named explicitly
 */
record FieldMapping(
    String id,
    List<String> input,
    boolean inputIsObject,
    String reference,
    List<String> tags,
    boolean tagsAreFields,
    Set<String> explicit) {
  static final List<String> KEYS = List.of("id", "input", "reference", "tags");

  static final FieldMapping DEFAULT =
      new FieldMapping("id", List.of("input"), false, "reference", List.of("tags"), false, Set.of());

  FieldMapping {
    input = List.copyOf(input);
    tags = List.copyOf(tags);
    explicit = Set.copyOf(explicit);
  }

  /** Every source field that has a role; the others are kept as extra fields. */
  Set<String> roleFields() {
    Set<String> s = new HashSet<>(input);
    s.add(id);
    s.add(reference);
    s.addAll(tags);
    return s;
  }

  /**
   * Reads a {@code fields} mapping.
   *
   * @param fields the mapping as written (may be null or empty for the defaults)
   * @param file the file to name in errors (the suite), may be null
   * @param lineOfKey the line of a key of the mapping, for errors (0 when unknown)
   * @throws InputException on an unknown key or a value that is not a field name (or, for {@code
   *     input} and {@code tags}, a list of field names)
   */
  static FieldMapping parse(ObjectNode fields, String file, ToIntFunction<String> lineOfKey) {
    if (fields == null || fields.isEmpty()) {
      return DEFAULT;
    }
    Iterator<String> names = fields.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!KEYS.contains(key)) {
        throw new InputException(file, lineOfKey.applyAsInt(key), "dataset.fields." + key, "unknown key",
            DidYouMean.expected(key, KEYS));
      }
    }
    String id = single(fields, "id", file, lineOfKey);
    String reference = single(fields, "reference", file, lineOfKey);
    JsonNode in = fields.get("input");
    boolean inputIsObject = in != null && in.isArray();
    List<String> input = inputIsObject ? list(fields, "input", file, lineOfKey) : List.of(single(fields, "input", file, lineOfKey));
    JsonNode tg = fields.get("tags");
    boolean tagsAreFields = tg != null && tg.isArray();
    List<String> tags = tagsAreFields ? list(fields, "tags", file, lineOfKey) : List.of(single(fields, "tags", file, lineOfKey));
    Set<String> explicit = new HashSet<>();
    fields.fieldNames().forEachRemaining(explicit::add);
    return new FieldMapping(id, input, inputIsObject, reference, tags, tagsAreFields, explicit);
  }

  private static String single(ObjectNode fields, String key, String file, ToIntFunction<String> lineOfKey) {
    JsonNode v = fields.get(key);
    if (v == null) {
      return key;
    }
    String expected = key.equals("input") || key.equals("tags")
        ? "a field name or a list of field names" : "a field name";
    if (!v.isTextual()) {
      throw new InputException(file, lineOfKey.applyAsInt(key), "dataset.fields." + key,
          "got " + Describe.node(v), expected);
    }
    if (v.textValue().isEmpty()) {
      throw new InputException(file, lineOfKey.applyAsInt(key), "dataset.fields." + key, "empty field name", expected);
    }
    return v.textValue();
  }

  private static List<String> list(ObjectNode fields, String key, String file, ToIntFunction<String> lineOfKey) {
    JsonNode v = fields.get(key);
    String expected = "a non-empty list of distinct field names";
    if (v.isEmpty() && key.equals("input")) {
      throw new InputException(file, lineOfKey.applyAsInt(key), "dataset.fields." + key, "empty list", expected);
    }
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode e : v) {
      if (!e.isTextual() || e.textValue().isEmpty()) {
        throw new InputException(file, lineOfKey.applyAsInt(key), "dataset.fields." + key,
            "list holds " + Describe.node(e), expected);
      }
      if (!names.add(e.textValue())) {
        throw new InputException(file, lineOfKey.applyAsInt(key), "dataset.fields." + key,
            "field '" + e.textValue() + "' listed twice", expected);
      }
    }
    return new ArrayList<>(names);
  }
}
