package dev.assay.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Example;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A streaming read of the commonest line of a stored dataset ({@link DatasetCodec#line}): {@code
 * {"id": TEXT, "input": TEXT, "reference": TEXT, "tags": {NAME: TEXT, ...}, "line": INT}} with
 * {@code reference} and {@code tags} optional, into the same {@link Example} the tree read gives.
 *
 * <p>Why: reading a stored dataset back (every report, comparison and card of a run) parsed each
 * line into a JSON tree first; at 100,000 examples that tree read was a large share of the
 * comparison's work and, compiled, one of the JIT's most expensive methods. A token stream builds
 * the example directly.
 *
 * <p>Invariant: for every line it accepts, {@link #read} returns an example equal to {@link
 * DatasetCodec#example(com.fasterxml.jackson.databind.JsonNode)} of the parsed line. Anything else
 * (an input or reference that is not text, {@code extra}, a tag value that is not text, another or
 * a repeated field, invalid JSON) gives null, and the caller falls back to the tree read, which also
 * gives the error messages.
 */
final class StoredExampleLine {
  private static final JsonFactory FACTORY = new JsonFactory();

  private StoredExampleLine() {}

  /**
   * The example of {@code line}, or null when it is not of the form above.
   *
   * @param tagValues tag values seen so far, so that equal values share one String
   */
  static Example read(String line, Map<String, String> tagValues) {
    try (JsonParser p = FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String id = null;
      TextNode input = null;
      TextNode reference = null;
      Map<String, String> tags = null;
      Integer number = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("id".equals(field) && id == null && value == JsonToken.VALUE_STRING) {
          id = p.getText();
        } else if ("input".equals(field) && input == null && value == JsonToken.VALUE_STRING) {
          input = TextNode.valueOf(p.getText());
        } else if ("reference".equals(field) && reference == null && value == JsonToken.VALUE_STRING) {
          reference = TextNode.valueOf(p.getText());
        } else if ("tags".equals(field) && tags == null && value == JsonToken.START_OBJECT) {
          tags = tags(p, tagValues);
          if (tags == null) {
            return null;
          }
        } else if ("line".equals(field) && number == null && value == JsonToken.VALUE_NUMBER_INT
            && p.getNumberType() == JsonParser.NumberType.INT) {
          number = p.getIntValue();
        } else {
          return null;
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null || id == null || id.isEmpty() || input == null) {
        return null;
      }
      return new Example(id, input, reference, tags == null ? Map.of() : tags, null, number == null ? 0 : number);
    } catch (IOException | RuntimeException e) {
      return null; // the tree read decides, and says what is wrong
    }
  }

  /** The tags object the parser is at the start of, or null when a value is not text or a name repeats. */
  private static Map<String, String> tags(JsonParser p, Map<String, String> tagValues) throws IOException {
    Map<String, String> out = new HashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      String value = p.getText();
      String shared = tagValues.putIfAbsent(value, value);
      if (out.put(name, shared == null ? value : shared) != null) {
        return null;
      }
    }
    return t == JsonToken.END_OBJECT ? out : null;
  }
}
