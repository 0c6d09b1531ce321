package dev.assay.metrics.classification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Output;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one suite example and its system output as a {@link ClassificationRecord}, with the
 * conventions of {@link ClassificationReader} so that a suite and {@code assay score
 * classification} see the same labels and probabilities.
 *
 * <ul>
 *   <li>The true label is the example's reference: a string (kept as written), a number
 *       (normalised by {@link LabelOrder#canonicalNumber}, so {@code 1} and {@code 1.0} agree) or a
 *       boolean. Anything else is an {@link InputException} naming the example's line.
 *   <li>The output is a label of the same kinds, or an object {@code {"label": L, "scores":
 *       {LABEL: p, ...}}} or {@code {"label": L, "score": p}} (the positive-class probability of a
 *       two-class task); probabilities are finite numbers in [0, 1]; other fields are ignored. A
 *       malformed output throws {@link IllegalArgumentException}, which the engine records as the
 *       example's error.
 * </ul>
 *
 * <p>Labels are not trimmed or case-folded: {@code "pos "} is a label of its own, as in a
 * predictions file.
 */
final class SuiteRecord {
  static final String OUTPUT_SHAPE =
      "a label, or {\"label\": L, \"scores\": {label: probability}} or {\"label\": L, \"score\": probability}";

  private SuiteRecord() {}

  static ClassificationRecord of(Example example, Output output) {
    String truth = truth(example);
    JsonNode value = output.value();
    if (value != null && value.isObject()) {
      String predicted = label(value.get("label"), "output field 'label'");
      JsonNode scores = value.get("scores");
      JsonNode score = value.get("score");
      boolean hasScores = scores != null && !scores.isNull();
      boolean hasScore = score != null && !score.isNull();
      if (hasScores && hasScore) {
        throw malformed("output has both 'scores' and 'score'");
      }
      return new ClassificationRecord(example.id(), truth, predicted, hasScores ? scores(scores) : null,
          hasScore ? probability(score, "output field 'score'") : null, example.line());
    }
    return new ClassificationRecord(example.id(), truth, label(value, "output"), null, null, example.line());
  }

  /** The example's true label (its reference); an example without one is an input error naming it. */
  static String truth(Example example) {
    String label = Labels.of(example.reference());
    if (label == null) {
      JsonNode ref = example.reference();
      String what = ref == null || ref.isNull() ? "no reference"
          : "a reference of type " + ref.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
      throw new InputException((String) null, example.line(), "reference", "example '" + example.id() + "' has "
          + what, "a class label: string, number or boolean");
    }
    return label;
  }

  private static String label(JsonNode v, String what) {
    String label = Labels.of(v);
    if (label == null) {
      throw malformed(what + " is " + (v == null || v.isNull() ? "missing" : "not a label: " + v));
    }
    return label;
  }

  private static Map<String, Double> scores(JsonNode v) {
    if (!v.isObject() || v.isEmpty()) {
      throw malformed("output field 'scores' is " + v + ", not a non-empty object {label: probability}");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      out.put(e.getKey(), probability(e.getValue(), "output field 'scores." + e.getKey() + "'"));
    }
    return out;
  }

  private static double probability(JsonNode v, String what) {
    if (!v.isNumber()) {
      throw malformed(what + " is not a number: " + v);
    }
    // As ClassificationReader: the correctly rounded value of the decimal text.
    double p = v.isIntegralNumber() ? v.doubleValue() : Double.parseDouble(v.decimalValue().toString());
    if (!(p >= 0 && p <= 1)) {
      throw malformed(what + " is " + v + ", not a probability in [0, 1]");
    }
    return p;
  }

  private static IllegalArgumentException malformed(String problem) {
    return new IllegalArgumentException(problem + " (expected " + OUTPUT_SHAPE + ")");
  }
}
