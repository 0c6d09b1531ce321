package dev.assay.monitor.render;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON numbers that may be NaN or infinite (written as null: JSON has neither). */
final class Numbers {
  private Numbers() {}

  static void put(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  /** A p-value for people; an exact 0 is below double precision (a KS tail of 1 - 1), shown as "<1e-15". */
  static String p(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v == 0) {
      return "<1e-15";
    }
    return v < 1e-3 ? String.format(java.util.Locale.ROOT, "%.2e", v)
        : String.format(java.util.Locale.ROOT, "%.4f", v);
  }
}
