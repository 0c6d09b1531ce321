package dev.assay.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Score;
import dev.assay.core.ScoreJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a per-example score file: JSON Lines, one object per example, {@code {"id": ID, METRIC:
 * score, ...}}, where a score is a number or a typed score object ({@code {"value": v, "statistics":
 * [...], "labels": [...]}}, as run records write them).
 *
 * <p>Rules: {@code id} is a non-empty string or an integer and unique in the file; every other
 * field is a finite number, a score object, or null (null: the example has no value for that
 * metric); blank lines are skipped. Any other content throws one {@link InputException} naming the
 * file, the line and the field.
 */
final class ScoreFileReader {
  private static final String SHAPE = "one JSON object per line: {\"id\": ..., METRIC: number, ...}";

  private ScoreFileReader() {}

  static RunScores read(Path file) {
    String name = file.toString();
    Map<String, List<Map<String, Score>>> rows = new LinkedHashMap<>();
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    int lineNo = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        parseLine(name, lineNo, line, rows);
      }
    } catch (CharacterCodingException e) {
      throw new InputException(name, lineNo + 1, null, "not valid UTF-8", "a UTF-8 text file");
    } catch (IOException e) {
      throw new InputException(name, 0, null, "cannot read the file: " + e.getMessage(), "a readable file");
    }
    if (rows.isEmpty()) {
      throw new InputException(name, 0, null, "no examples", SHAPE);
    }
    return new RunScores(name, null, rows);
  }

  private static void parseLine(String file, int lineNo, String line, Map<String, List<Map<String, Score>>> rows) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InputException(file, lineNo, null, "invalid JSON: " + firstLine(e.getOriginalMessage()), SHAPE);
    }
    if (node == null || !node.isObject()) {
      throw new InputException(file, lineNo, null, "not a JSON object", SHAPE);
    }
    String id = id(node.get("id"), file, lineNo);
    if (rows.containsKey(id)) {
      throw new InputException(file, lineNo, "id", "duplicate example id '" + id + "'", "each id once per file");
    }
    Map<String, Score> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().equals("id") || e.getValue().isNull()) {
        continue;
      }
      values.put(e.getKey(), score(e.getValue(), file, lineNo, e.getKey()));
    }
    rows.put(id, List.of(values));
  }

  static String id(JsonNode idNode, String file, int lineNo) {
    if (idNode == null) {
      throw new InputException(file, lineNo, "id", "missing", "the example id, a string or an integer");
    }
    if (idNode.isTextual() && !idNode.textValue().isEmpty()) {
      return idNode.textValue();
    }
    if (idNode.isIntegralNumber()) {
      return idNode.asText();
    }
    throw new InputException(file, lineNo, "id", "got " + idNode, "a non-empty string or an integer");
  }

  /** A number or a typed score object; anything else (or a non-finite number) is an input error. */
  static Score score(JsonNode v, String file, int lineNo, String field) {
    if (v.isNumber()) {
      if (!Double.isFinite(v.doubleValue())) {
        throw new InputException(file, lineNo, field, "got " + v, "a finite number or null");
      }
      return Score.of(v.doubleValue());
    }
    if (v.isObject()) {
      try {
        return ScoreJson.read(v);
      } catch (IllegalArgumentException e) {
        throw new InputException(file, lineNo, field, e.getMessage(), "{\"value\": number, \"statistics\": [...]}");
      }
    }
    throw new InputException(file, lineNo, field, "got " + v, "a finite number or null");
  }

  private static String firstLine(String message) {
    int nl = message == null ? -1 : message.indexOf('\n');
    return message == null ? "" : nl < 0 ? message : message.substring(0, nl);
  }
}
