package dev.assay.metrics.classification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.io.Describe;
import dev.assay.core.io.InputFiles;
import dev.assay.core.io.Utf8LineReader;
import dev.assay.core.text.Excerpt;
import dev.assay.core.text.JsonProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads classification predictions from JSONL, one object per line:
 * {@code {"id": ..., "label": ..., "predicted": ..., "scores": {LABEL: p, ...}, "score": p}}.
 *
 * <p>{@code scores} and {@code score} are optional and mutually exclusive; probabilities must be
 * finite numbers in [0, 1]. Labels may be strings, numbers or booleans (numbers are normalised by
 * {@link LabelOrder#canonicalNumber}). Ids are unique. Blank lines are skipped; other fields are
 * ignored. Every fault throws {@link InputException} naming file, line and field.
 */
public final class ClassificationReader {
  private static final String SHAPE =
      "a JSON object {id, label, predicted, scores?: {label: probability}, score?: probability}";

  private ClassificationReader() {}

  public static List<ClassificationRecord> read(Path file) {
    String what = "a JSONL file of predictions";
    // Strict UTF-8, line by line, so an invalid byte is reported on its own line.
    try (Utf8LineReader in = new Utf8LineReader(InputFiles.open(file, file.toString(), what), file.toString())) {
      return read(in::next, file.toString());
    } catch (IOException e) {
      throw InputFiles.unreadable(file, file.toString(), what, e);
    }
  }

  /** Reads from {@code in}; {@code source} names it in messages. */
  public static List<ClassificationRecord> read(BufferedReader in, String source) throws IOException {
    return read(in::readLine, source);
  }

  /** A source of lines: the next line, or null at the end. */
  private interface Lines {
    String next() throws IOException;
  }

  private static List<ClassificationRecord> read(Lines in, String source) throws IOException {
    List<ClassificationRecord> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String text;
    int line = 0;
    while ((text = in.next()) != null) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      ClassificationRecord r = parse(text, source, line);
      if (!ids.add(r.id())) {
        throw new InputException(source, line, "id", "duplicate id '" + r.id() + "'", "ids unique within the file");
      }
      out.add(r);
    }
    if (out.isEmpty()) {
      throw new InputException(source, 0, null, "no predictions in file", "at least one JSONL line");
    }
    return out;
  }

  static ClassificationRecord parse(String text, String source, int line) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(source, line, null, JsonProblem.of(e), SHAPE);
    }
    if (node == null || !node.isObject()) {
      throw new InputException(source, line, null, "line is not a JSON object", SHAPE);
    }
    String id = id(node.get("id"), source, line);
    String label = label(node.get("label"), "label", source, line);
    String predicted = label(node.get("predicted"), "predicted", source, line);
    JsonNode scoresNode = node.get("scores");
    JsonNode scoreNode = node.get("score");
    boolean hasScores = scoresNode != null && !scoresNode.isNull();
    boolean hasScore = scoreNode != null && !scoreNode.isNull();
    if (hasScores && hasScore) {
      throw new InputException(source, line, "score", "both 'scores' and 'score' given", "one of them");
    }
    Map<String, Double> scores = hasScores ? scores(scoresNode, source, line) : null;
    Double score = hasScore ? probability(scoreNode, "score", source, line) : null;
    return new ClassificationRecord(id, label, predicted, scores, score, line);
  }

  private static String id(JsonNode v, String source, int line) {
    if (v == null || v.isNull()) {
      throw new InputException(source, line, "id", "missing", "a non-empty string or integer");
    }
    if (v.isTextual() && !v.textValue().isEmpty()) {
      return v.textValue();
    }
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    throw new InputException(source, line, "id", "invalid id: got " + Describe.json(v), "a non-empty string or integer");
  }

  private static String label(JsonNode v, String field, String source, int line) {
    if (v == null || v.isNull()) {
      throw new InputException(source, line, field, "missing", "a label: string, number or boolean");
    }
    String label = Labels.of(v);
    if (label != null) {
      return label;
    }
    throw new InputException(source, line, field, "invalid label: got " + Describe.json(v), "a label: string, number or boolean");
  }

  private static Map<String, Double> scores(JsonNode v, String source, int line) {
    if (!v.isObject() || v.isEmpty()) {
      throw new InputException(source, line, "scores", "invalid scores: got " + Describe.json(v), "a non-empty object {label: probability}");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      out.put(e.getKey(), probability(e.getValue(), "scores." + Excerpt.of(e.getKey()), source, line));
    }
    return out;
  }

  private static double probability(JsonNode v, String field, String source, int line) {
    if (!v.isNumber()) {
      throw new InputException(source, line, field, "not a number: got " + Describe.json(v), "a probability in [0, 1]");
    }
    // Parse the decimal text so the double is the correctly rounded value, as Python's float().
    double p = v.isIntegralNumber() ? v.doubleValue() : Double.parseDouble(v.decimalValue().toString());
    if (!(p >= 0 && p <= 1)) {
      throw new InputException(source, line, field, "probability " + Describe.json(v) + " out of range", "a probability in [0, 1]");
    }
    return p;
  }
}
