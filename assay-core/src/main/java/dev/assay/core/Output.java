package dev.assay.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * What a system answered for one example.
 *
 * @param value the answer: usually a JSON string; an object or list for structured systems
 * @param latencyMs the system's own latency when it reports one (predictions files), else null and
 *     the engine measures wall time
 * @param tokensIn prompt tokens, null when unknown
 * @param tokensOut completion tokens, null when unknown
 * @param cost cost in the suite's currency, null when unknown
 */
public record Output(JsonNode value, Double latencyMs, Long tokensIn, Long tokensOut, Double cost) {
  public static Output text(String text) {
    return new Output(TextNode.valueOf(text), null, null, null, null);
  }

  /** The answer as text: the string itself, or canonical JSON for structured answers. */
  public String text() {
    if (value == null || value.isNull()) {
      return "";
    }
    return value.isTextual() ? value.textValue() : Json.canonical(value);
  }

  public Output withLatency(double ms) {
    return new Output(value, ms, tokensIn, tokensOut, cost);
  }
}
