package dev.assay.metrics.classification;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one reading of a class label from JSON, shared by prediction files ({@link
 * ClassificationReader}), suites and the report's confusion matrix, so all three see the same
 * classes.
 *
 * <p>A label is a string (kept exactly as written: {@code "pos "} is a label of its own), a number
 * (normalised by {@link LabelOrder#canonicalNumber}, so {@code 1} and {@code 1.0} are one label)
 * or a boolean ({@code true}/{@code false}). Anything else is not a label.
 */
public final class Labels {
  private Labels() {}

  /** The label {@code v} stands for, or null when it is not one (absent, null, an array, an object). */
  public static String of(JsonNode v) {
    if (v == null) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isNumber()) {
      return LabelOrder.canonicalNumber(v.decimalValue());
    }
    return v.isBoolean() ? Boolean.toString(v.booleanValue()) : null;
  }
}
