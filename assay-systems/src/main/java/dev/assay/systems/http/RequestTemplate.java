package dev.assay.systems.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON request body with {@code {{field}}} placeholders in its string values (keys are taken
 * literally).
 *
 * <p>A string that is exactly one placeholder is replaced by the field's JSON value, so an object
 * input stays an object and a seed stays a number; any other string is filled as text ({@link
 * PromptTemplate}). The template itself is never modified: each render builds a new tree.
 */
public final class RequestTemplate {
  private final JsonNode template;
  /** The parsed template of every string value, keyed by the node itself. */
  private final Map<JsonNode, PromptTemplate> strings = new IdentityHashMap<>();

  /**
   * @throws IllegalArgumentException when a string value is not a valid {@link PromptTemplate}
   */
  public RequestTemplate(JsonNode template) {
    this.template = template.deepCopy();
    index(this.template);
  }

  private void index(JsonNode node) {
    if (node.isTextual()) {
      strings.put(node, PromptTemplate.parse(node.textValue()));
    } else if (node.isContainerNode()) {
      node.forEach(this::index);
    }
  }

  /** Every field name used, in document order. */
  public List<String> fields() {
    List<String> names = new ArrayList<>();
    collect(template, names);
    return names;
  }

  private void collect(JsonNode node, List<String> names) {
    if (node.isTextual()) {
      names.addAll(strings.get(node).fields());
    } else if (node.isContainerNode()) {
      node.forEach(child -> collect(child, names));
    }
  }

  /** The request body for one call. */
  public JsonNode render(ExampleFields fields) throws MissingFieldException {
    return fill(template, fields);
  }

  private JsonNode fill(JsonNode node, ExampleFields fields) throws MissingFieldException {
    if (node.isTextual()) {
      PromptTemplate t = strings.get(node);
      String sole = t.soleField();
      if (sole != null) {
        JsonNode v = fields.get(sole).orElseThrow(() -> new MissingFieldException(sole, fields));
        return v.deepCopy();
      }
      return t.fields().isEmpty() ? node : TextNode.valueOf(t.render(fields));
    }
    if (node.isObject()) {
      ObjectNode out = dev.assay.core.Json.object();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.set(e.getKey(), fill(e.getValue(), fields));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = dev.assay.core.Json.MAPPER.createArrayNode();
      for (JsonNode child : node) {
        out.add(fill(child, fields));
      }
      return out;
    }
    return node;
  }
}
