package dev.assay.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.text.Secrets;
import java.util.Objects;

/**
 * A named system of a suite: which adapter and with what parameters.
 *
 * @param name the name the suite gives it, unique within the suite
 * @param type the adapter type, e.g. {@code predictions}, {@code command}
 * @param params adapter parameters, as written in the suite (never null)
 * @param line the suite line that declares the system, for messages (0 when unknown); not part of
 *     the hash nor of the JSON
 */
public record SystemSpec(String name, String type, ObjectNode params, int line) {
  public SystemSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    params = params == null ? Json.object() : params;
  }

  /** The spec as one JSON object: {@code {name, type, params}}. */
  @JsonValue
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("name", name);
    node.put("type", type);
    node.set("params", params);
    return node;
  }

  /** The spec of a run record's {@code system_spec} ({@link #toJson()} form); line 0. */
  @JsonCreator
  public static SystemSpec fromJson(ObjectNode json) {
    JsonNode params = json.get("params");
    return new SystemSpec(json.path("name").asText(), json.path("type").asText(),
        params instanceof ObjectNode o ? o : null, 0);
  }

  /** sha256 of the canonical spec: what changes a system's answers changes its hash. */
  public String hash() {
    ObjectNode node = Json.object();
    node.put("type", type);
    node.set("params", params);
    return Json.hash(node);
  }

  /**
   * This spec with the credentials of every URL in its parameters replaced ({@link
   * Secrets#stripUrlCredentials}): what a run record keeps. This same instance when there are none.
   */
  public SystemSpec withoutUrlCredentials() {
    JsonNode stripped = Secrets.stripUrlCredentials(params);
    return stripped == params ? this : new SystemSpec(name, type, (ObjectNode) stripped, line);
  }

  public String param(String key, String fallback) {
    JsonNode v = params.get(key);
    return v == null || v.isNull() ? fallback : v.asText();
  }
}
