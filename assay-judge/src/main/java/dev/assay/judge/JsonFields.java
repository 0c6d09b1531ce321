package dev.assay.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.stats.ConfidenceInterval;

/** How this module writes numbers and intervals to JSON: null for undefined, never NaN. */
final class JsonFields {
  private JsonFields() {}

  static void number(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }

  static void interval(ObjectNode o, String field, ConfidenceInterval ci) {
    if (ci == null) {
      o.putNull(field);
    } else {
      o.putArray(field).add(ci.lower()).add(ci.upper());
    }
  }
}
