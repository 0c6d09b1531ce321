package dev.assay.metrics.classification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, null, "file not found", "a JSONL file of predictions");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new InputException(file, 0, null, "file is not valid UTF-8", "UTF-8 JSONL");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads from {@code in}; {@code source} names it in messages. */
  public static List<ClassificationRecord> read(BufferedReader in, String source) throws IOException {
    List<ClassificationRecord> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String text;
    int line = 0;
    while ((text = in.readLine()) != null) {
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
      throw new InputException(source, line, null, "not valid JSON: " + e.getOriginalMessage(), SHAPE);
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
    throw new InputException(source, line, "id", "invalid id " + v, "a non-empty string or integer");
  }

  private static String label(JsonNode v, String field, String source, int line) {
    if (v == null || v.isNull()) {
      throw new InputException(source, line, field, "missing", "a label: string, number or boolean");
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isNumber()) {
      return LabelOrder.canonicalNumber(v.decimalValue());
    }
    if (v.isBoolean()) {
      return Boolean.toString(v.booleanValue());
    }
    throw new InputException(source, line, field, "invalid label " + v, "a label: string, number or boolean");
  }

  private static Map<String, Double> scores(JsonNode v, String source, int line) {
    if (!v.isObject() || v.isEmpty()) {
      throw new InputException(source, line, "scores", "invalid scores " + v, "a non-empty object {label: probability}");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      out.put(e.getKey(), probability(e.getValue(), "scores." + e.getKey(), source, line));
    }
    return out;
  }

  private static double probability(JsonNode v, String field, String source, int line) {
    if (!v.isNumber()) {
      throw new InputException(source, line, field, "not a number: " + v, "a probability in [0, 1]");
    }
    // Parse the decimal text so the double is the correctly rounded value, as Python's float().
    double p = v.isIntegralNumber() ? v.doubleValue() : Double.parseDouble(v.decimalValue().toString());
    if (!(p >= 0 && p <= 1)) {
      throw new InputException(source, line, field, "probability " + v + " out of range", "a probability in [0, 1]");
    }
    return p;
  }
}
