package dev.assay.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Score;
import dev.assay.core.ScoreJson;
import dev.assay.core.io.Describe;
import dev.assay.core.io.InputFiles;
import dev.assay.core.io.Utf8LineReader;
import dev.assay.core.text.Excerpt;
import dev.assay.core.text.JsonProblem;
import java.io.IOException;
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
  /** One object per line, as the dataset reader: text after it, or a key twice, is an error. */
  private static final ObjectReader LINE = Json.MAPPER.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  private static final String WHAT = "a score file (JSONL) or a run export (JSON)";

  private ScoreFileReader() {}

  static RunScores read(Path file) {
    String name = file.toString();
    Map<String, List<Map<String, Score>>> rows = new LinkedHashMap<>();
    try (Utf8LineReader in = new Utf8LineReader(InputFiles.open(file, name, WHAT), name)) {
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        parseLine(name, in.lineNumber(), line, rows);
      }
    } catch (IOException e) {
      throw InputFiles.unreadable(file, name, WHAT, e);
    }
    if (rows.isEmpty()) {
      throw new InputException(name, 0, null, "no examples", SHAPE);
    }
    return new RunScores(name, null, rows);
  }

  private static void parseLine(String file, int lineNo, String line, Map<String, List<Map<String, Score>>> rows) {
    JsonNode node;
    try {
      node = LINE.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InputException(file, lineNo, null, JsonProblem.of(e), SHAPE);
    }
    if (node == null || !node.isObject()) {
      throw new InputException(file, lineNo, null, "not a JSON object: got " + Describe.json(node), SHAPE);
    }
    String id = id(node.get("id"), file, lineNo);
    if (rows.containsKey(id)) {
      throw new InputException(file, lineNo, "id", "duplicate example id '" + Excerpt.cut(id, 80) + "'",
          "each id once per file");
    }
    Map<String, Score> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().equals("id") || e.getValue().isNull()) {
        continue;
      }
      // The key is file content too: messages show it only as a short, redacted excerpt.
      values.put(e.getKey(), score(e.getValue(), file, lineNo, Excerpt.of(e.getKey()), id));
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
    throw new InputException(file, lineNo, "id", "got " + Describe.json(idNode), "a non-empty string or an integer");
  }

  /**
   * A number or a typed score object of a magnitude a comparison can take ({@link ScoreRange});
   * anything else (a non-finite number, a huge one, text) is an input error naming the example.
   */
  static Score score(JsonNode v, String file, int lineNo, String field, String example) {
    String where = "example '" + Excerpt.cut(example, 80) + "': ";
    Score s;
    if (v.isNumber()) {
      if (!Double.isFinite(v.doubleValue())) {
        throw new InputException(file, lineNo, field, where + "not a finite number: got " + Describe.json(v),
            "a finite number or null");
      }
      s = Score.of(v.doubleValue());
    } else if (v.isObject()) {
      try {
        s = ScoreJson.read(v);
      } catch (IllegalArgumentException e) {
        throw new InputException(file, lineNo, field, where + e.getMessage(), "{\"value\": number, \"statistics\": [...]}");
      }
    } else {
      throw new InputException(file, lineNo, field, where + "got " + Describe.json(v),
          "a finite number, a score object or null");
    }
    String problem = ScoreRange.problem(s);
    if (problem != null) {
      throw new InputException(file, lineNo, field, where + problem, ScoreRange.EXPECTED);
    }
    return s;
  }
}
