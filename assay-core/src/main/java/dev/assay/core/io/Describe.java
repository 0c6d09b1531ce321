package dev.assay.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Json;
import dev.assay.core.text.Excerpt;

/**
 * Short descriptions of values for error messages ("got a list", "got -1"). A value read from a
 * file is shown only as a short {@link Excerpt}, with secret-looking parts redacted.
 */
public final class Describe {
  private static final int MAX_TEXT = 40;

  private Describe() {}

  /** The value in suite (YAML) words: scalars are shown, containers named. */
  public static String node(JsonNode v) {
    return describe(v, "a mapping");
  }

  /** The value in JSON words: scalars are shown, containers named. */
  public static String json(JsonNode v) {
    return describe(v, "an object");
  }

  private static String describe(JsonNode v, String objectWord) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "null";
    }
    if (v.isObject()) {
      return objectWord;
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isTextual()) {
      return "the string " + Json.canonical(TextNode.valueOf(Excerpt.of(v.textValue())));
    }
    String s = Json.canonical(v);
    return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "..." : s;
  }
}
