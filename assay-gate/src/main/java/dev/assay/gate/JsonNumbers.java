package dev.assay.gate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.stats.ConfidenceInterval;
import java.util.Locale;

/** Numbers in JSON and in the text tables of comparisons and verdicts: four decimals; NaN and infinities become null / "n/a". */
public final class JsonNumbers {
  private JsonNumbers() {}

  static void put(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  static ArrayNode interval(ConfidenceInterval ci) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    if (ci == null) {
      return a;
    }
    a.add(ci.lower());
    a.add(ci.upper());
    return a;
  }

  /** Four significant decimals, or n/a. */
  public static String text(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
  }

  public static String signed(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.4f", v) : "n/a";
  }

  public static String p(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    return v < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", v);
  }

  public static String interval(ConfidenceInterval ci, boolean signed) {
    if (ci == null) {
      return "n/a";
    }
    return "[" + (signed ? signed(ci.lower()) : text(ci.lower())) + ", "
        + (signed ? signed(ci.upper()) : text(ci.upper())) + "]";
  }
}
