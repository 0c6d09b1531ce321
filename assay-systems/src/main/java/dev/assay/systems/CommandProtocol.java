package dev.assay.systems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Invocation;
import dev.assay.core.Json;
import dev.assay.core.Output;
import java.io.UncheckedIOException;

/**
 * The JSONL protocol of {@link CommandSystem}: one request line {@code {"id", "input", "repeat",
 * "seed"}} and one answer line {@code {"id", "output"}} or {@code {"id", "error"}}, with optional
 * {@code latency_ms}, {@code tokens_in}, {@code tokens_out}, {@code cost}.
 */
final class CommandProtocol {
  private static final int SHOWN_CHARS = 200;
  private static final ObjectReader READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private CommandProtocol() {}

  /** An answer the process sent that breaks the protocol. */
  static final class Violation extends Exception {
    private static final long serialVersionUID = 1L;

    Violation(String message) {
      super(message);
    }
  }

  /**
   * A well-formed answer: either an output or the process's own error message.
   *
   * @param output the output, null when the process answered with an error
   * @param error the error message, null when the process answered with an output
   */
  record Answer(Output output, String error) {}

  /** The request line (no line break: JSON escapes every control character in strings). */
  static String request(Invocation invocation) {
    ObjectNode node = Json.object();
    node.put("id", invocation.example().id());
    node.set("input", invocation.example().input());
    node.put("repeat", invocation.repeat());
    node.put("seed", invocation.seed());
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the answer to the request for {@code id}. */
  static Answer answer(String line, String id) throws Violation {
    JsonNode node;
    try {
      node = READER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new Violation("answered a line that is not JSON: " + shown(line));
    }
    if (node == null || !node.isObject()) {
      throw new Violation("answered a line that is not a JSON object: " + shown(line));
    }
    JsonNode answeredId = node.get("id");
    if (answeredId == null || !answeredId.isValueNode() || !answeredId.asText().equals(id)) {
      throw new Violation("answered for id " + (answeredId == null ? "(none)" : shown(answeredId.toString()))
          + " instead of '" + id + "'");
    }
    JsonNode error = node.get("error");
    if (error != null && !error.isNull()) {
      return new Answer(null, error.isTextual() ? error.textValue() : error.toString());
    }
    if (!node.has("output")) {
      throw new Violation("answered neither \"output\" nor \"error\" for '" + id + "': " + shown(line));
    }
    Double latency = number(node, "latency_ms");
    Double tokensIn = number(node, "tokens_in");
    Double tokensOut = number(node, "tokens_out");
    return new Answer(new Output(node.get("output"), latency,
        tokensIn == null ? null : tokensIn.longValue(),
        tokensOut == null ? null : tokensOut.longValue(),
        number(node, "cost")), null);
  }

  private static Double number(JsonNode node, String field) throws Violation {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || !(v.asDouble() >= 0) || Double.isInfinite(v.asDouble())) {
      throw new Violation("answered \"" + field + "\": " + shown(v.toString()) + ", not a number >= 0");
    }
    return v.asDouble();
  }

  /** Untrusted process output, cut short for messages. */
  static String shown(String text) {
    String cut = text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    return Json.canonical(Json.MAPPER.getNodeFactory().textNode(cut));
  }
}
