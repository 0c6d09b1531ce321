package dev.assay.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.text.JsonProblem;
import java.io.IOException;

/** Reads a JSON Lines file one object at a time: blank lines are skipped, anything else must be an object. */
public final class JsonLines {
  private JsonLines() {}

  /**
   * The next non-blank line parsed as a JSON object ({@link Utf8LineReader#lineNumber()} is then its
   * line), or null at the end.
   *
   * @param expected what a line should be, for the message of one that is not
   * @throws InputException naming the file and line when a line is not JSON or not an object
   */
  public static ObjectNode next(Utf8LineReader lines, ObjectReader reader, String file, String expected) throws IOException {
    String text;
    while ((text = lines.next()) != null) {
      if (text.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = reader.readTree(text);
      } catch (JsonProcessingException e) {
        throw new InputException(file, lines.lineNumber(), null, JsonProblem.of(e), expected);
      }
      if (!node.isObject()) {
        throw new InputException(file, lines.lineNumber(), null, "got " + Describe.json(node), expected);
      }
      return (ObjectNode) node;
    }
    return null;
  }
}
