package dev.assay.systems.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Example;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The values a template placeholder {@code {{name}}} can take from one call.
 *
 * <p>Lookup order: the reserved names {@code input}, {@code id}, {@code reference} (absent when
 * the example has none) and {@code seed} (the invocation seed); then a field of an object input;
 * then an extra field of the example's record; then a tag. The first match wins, so an input
 * field shadows an extra field of the same name. Subclasses may offer more names (the judge adds
 * {@code output}).
 */
public class ExampleFields {
  private final Example example;
  private final long seed;

  public ExampleFields(Example example, long seed) {
    this.example = example;
    this.seed = seed;
  }

  public Example example() {
    return example;
  }

  /** The value of {@code name}, or empty when this example has no such field. */
  public Optional<JsonNode> get(String name) {
    switch (name) {
      case "input":
        return Optional.of(example.input());
      case "id":
        return Optional.of(TextNode.valueOf(example.id()));
      case "reference":
        return Optional.ofNullable(example.reference());
      case "seed":
        return Optional.of(LongNode.valueOf(seed));
      default:
        break;
    }
    if (example.input().isObject() && example.input().has(name)) {
      return Optional.of(example.input().get(name));
    }
    if (example.extra().has(name)) {
      return Optional.of(example.extra().get(name));
    }
    String tag = example.tags().get(name);
    return tag == null ? Optional.empty() : Optional.of(TextNode.valueOf(tag));
  }

  /** The names this example offers, sorted, for messages about a missing field. */
  public String available() {
    TreeSet<String> names = new TreeSet<>();
    names.add("input");
    names.add("id");
    names.add("seed");
    if (example.reference() != null) {
      names.add("reference");
    }
    if (example.input().isObject()) {
      example.input().fieldNames().forEachRemaining(names::add);
    }
    example.extra().fieldNames().forEachRemaining(names::add);
    names.addAll(example.tags().keySet());
    return String.join(", ", names);
  }

  /** A value as prompt text: strings as they are, other JSON in canonical form. */
  static String text(JsonNode v) {
    return v.isTextual() ? v.textValue() : dev.assay.core.Json.canonical(v);
  }
}
