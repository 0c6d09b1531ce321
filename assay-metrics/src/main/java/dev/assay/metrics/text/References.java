package dev.assay.metrics.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import java.util.ArrayList;
import java.util.List;

/** Reads the reference texts of an example: a string, or a list of strings (nulls skipped). */
final class References {
  private static final String EXPECTED = "a string or a non-empty list of strings";

  private References() {}

  /**
   * The example's references in order. Never empty: an example without a usable reference is an
   * {@link InputException} naming the example, since a text metric cannot score it.
   */
  static List<String> of(Example example) {
    JsonNode ref = example.reference();
    List<String> out = new ArrayList<>();
    if (ref != null && ref.isTextual()) {
      out.add(ref.textValue());
    } else if (ref != null && ref.isArray()) {
      for (JsonNode item : ref) {
        if (item.isTextual()) {
          out.add(item.textValue());
        } else if (!item.isNull()) {
          throw bad(example, "example '" + example.id() + "' has a reference list item of type "
              + item.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
      }
    } else {
      String what = ref == null || ref.isNull() ? "no reference"
          : "a reference of type " + ref.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
      throw bad(example, "example '" + example.id() + "' has " + what);
    }
    if (out.isEmpty()) {
      throw bad(example, "example '" + example.id() + "' has an empty reference list");
    }
    return out;
  }

  private static InputException bad(Example example, String problem) {
    return new InputException((String) null, example.line(), "reference", problem, EXPECTED);
  }
}
