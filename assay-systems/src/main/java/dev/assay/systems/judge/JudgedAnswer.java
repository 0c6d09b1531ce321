package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.Params;
import java.io.IOException;

/** The answer a RAG judge metric reads from a system's output. */
final class JudgedAnswer {
  private JudgedAnswer() {}

  /**
   * The output as text when {@code field} is null; otherwise the text field {@code field} of an
   * object output (or of a text output holding such a JSON object: a RAG system answering {@code
   * {"answer": ..., "contexts": [...]}} through a text-only adapter).
   *
   * @throws JudgeException naming {@code metric} when the output has no such text field
   */
  static String text(Output output, String field, String metric) {
    if (field == null) {
      return output.text();
    }
    JsonNode v = output.value();
    if (v != null && v.isTextual()) {
      try {
        v = Json.MAPPER.readTree(v.textValue());
      } catch (IOException e) {
        v = null;
      }
    }
    JsonNode a = v != null && v.isObject() ? v.get(field) : null;
    if (a == null || !a.isTextual()) {
      throw new JudgeException(metric + ": output has no text field '" + field + "' to judge");
    }
    return a.textValue();
  }

  /**
   * The metric's {@code answer=FIELD}: the output's field holding the answer, or null for the whole
   * output.
   */
  static String field(Params p, String metric) {
    String field = p.string("answer", null);
    if (field != null && field.isBlank()) {
      throw JudgeScorers.fault(metric + " answer field is empty", "answer=FIELD, e.g. answer=answer");
    }
    return field;
  }
}
