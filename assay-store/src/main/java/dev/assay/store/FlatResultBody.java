package dev.assay.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.CompactMap;
import dev.assay.core.Score;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * A streaming read of the commonest stored result body, {@code {"output": TEXT, "scores": {NAME:
 * NUMBER, ...}}} (either field may be missing), into the same {@link RecordCodec.ResultBody} the
 * general data-binding read gives, at a fraction of its cost: a 100,000-example comparison reads
 * 200,000 such bodies.
 *
 * <p>Invariant: for every body it accepts, {@link #read} returns a body equal to the general read's
 * (numbers go through {@link java.math.BigDecimal} exactly as that read's {@code
 * USE_BIG_DECIMAL_FOR_FLOATS} tree does). Anything else (another field, a repeated field, a
 * non-text output, a score that is not a plain number or whose name holds a format-1 {@code #},
 * invalid JSON) returns null, and the caller falls back to the general read, which also gives
 * the error messages.
 */
final class FlatResultBody {
  private static final JsonFactory FACTORY = new JsonFactory();

  private FlatResultBody() {}

  /** The body of {@code json}, or null when it is not of the flat form above. */
  static RecordCodec.ResultBody read(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      TextNode output = null;
      Map<String, Score> scores = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("output".equals(field) && output == null && value == JsonToken.VALUE_STRING) {
          output = TextNode.valueOf(p.getText());
        } else if ("scores".equals(field) && scores == null && value == JsonToken.START_OBJECT) {
          scores = scores(p);
          if (scores == null) {
            return null;
          }
        } else {
          return null;
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
      return new RecordCodec.ResultBody(output, scores == null ? Map.of() : scores, null, null, null, null);
    } catch (IOException | RuntimeException e) {
      return null; // the general read decides, and says what is wrong
    }
  }

  /**
   * The scores object the parser is at the start of, or null when any entry is not a plain number.
   * The map is built straight from the entries: {@link dev.assay.core.ExampleResult} keeps a
   * {@link CompactMap} as it is, so a result's scores are never copied on the way to it.
   */
  private static Map<String, Score> scores(JsonParser p) throws IOException {
    String[] names = new String[4];
    Score[] values = new Score[4];
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (name.indexOf('#') >= 0) {
        return null;
      }
      JsonToken value = p.nextToken();
      double v;
      if (value == JsonToken.VALUE_NUMBER_FLOAT) {
        v = p.getDecimalValue().doubleValue();
      } else if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        v = p.getLongValue();
      } else {
        return null;
      }
      if (n == names.length) {
        names = Arrays.copyOf(names, 2 * n);
        values = Arrays.copyOf(values, 2 * n);
      }
      names[n] = name;
      values[n++] = Score.of(v);
    }
    // A repeated name is refused by CompactMap.of (IllegalArgumentException): the general read decides.
    return t == JsonToken.END_OBJECT ? CompactMap.of(names, values, n) : null;
  }
}
