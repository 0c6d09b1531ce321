package dev.assay.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small validator of JSON values against the subset of JSON Schema that openapi.json uses:
 * {@code $ref}, {@code type} (a name or a list, "null" included), {@code properties}, {@code
 * required}, {@code items}, {@code enum}, {@code allOf}, {@code additionalProperties} (a schema),
 * {@code maxItems}. An unknown keyword fails, so the document cannot silently use more than is checked.
 */
final class SchemaCheck {
  private static final java.util.Set<String> KNOWN = java.util.Set.of("$ref", "type", "properties", "required",
      "items", "enum", "allOf", "additionalProperties", "maxItems", "description", "format", "pattern");

  private final JsonNode document;

  SchemaCheck(JsonNode document) {
    this.document = document;
  }

  /** Every mismatch of {@code value} against {@code schema}, as "path: problem"; empty when it conforms. */
  List<String> check(JsonNode schema, JsonNode value) {
    List<String> out = new ArrayList<>();
    check(schema, value, "$", out);
    return out;
  }

  private void check(JsonNode schema, JsonNode value, String path, List<String> out) {
    for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KNOWN.contains(k)) {
        out.add(path + ": schema keyword '" + k + "' is not checked by this validator");
      }
    }
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      JsonNode target = document.at(ref.substring(1));
      if (target.isMissingNode()) {
        out.add(path + ": dangling $ref " + ref);
        return;
      }
      check(target, value, path, out);
      return;
    }
    if (schema.has("allOf")) {
      schema.get("allOf").forEach(s -> check(s, value, path, out));
    }
    if (schema.has("type")) {
      List<String> types = new ArrayList<>();
      if (schema.get("type").isArray()) {
        schema.get("type").forEach(t -> types.add(t.asText()));
      } else {
        types.add(schema.get("type").asText());
      }
      if (types.stream().noneMatch(t -> is(t, value))) {
        out.add(path + ": expected " + types + " but got " + value.getNodeType());
        return;
      }
    }
    if (schema.has("enum") && !value.isNull()) {
      boolean found = false;
      for (JsonNode e : schema.get("enum")) {
        found |= e.equals(value);
      }
      if (!found) {
        out.add(path + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
    if (value.isObject()) {
      if (schema.has("required")) {
        for (JsonNode r : schema.get("required")) {
          if (!value.has(r.asText())) {
            out.add(path + ": missing required '" + r.asText() + "'");
          }
        }
      }
      JsonNode props = schema.path("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (props.has(e.getKey())) {
          check(props.get(e.getKey()), e.getValue(), path + "." + e.getKey(), out);
        } else if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
          check(schema.get("additionalProperties"), e.getValue(), path + "." + e.getKey(), out);
        }
      }
    }
    if (value.isArray()) {
      if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
        out.add(path + ": more than " + schema.get("maxItems") + " items");
      }
      if (schema.has("items")) {
        for (int i = 0; i < value.size(); i++) {
          check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
        }
      }
    }
  }

  private static boolean is(String type, JsonNode v) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      default -> false;
    };
  }
}
