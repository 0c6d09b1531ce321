package dev.assay.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.assay.core.text.Excerpt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of per-example scores in run records (docs/run-record.md).
 *
 * <p>A score with only a value is written as the bare number, so simple records read as they did
 * in format 1: {@code "scores": {"exact_match": 1}}. A score with statistics, labels or a note is
 * an object {@code {"value": v, "statistics": [...], "labels": [...], "note": "..."}} with absent
 * parts left out (and {@code value} left out when the metric has no per-example value).
 *
 * <p>Reading also accepts format 1, where a corpus metric's statistics sat beside the metrics under
 * internal keys containing {@code #} ({@code bleu#0}, {@code f1_macro#true=pos}, {@code
 * f1_macro#p=pos}, {@code roc_auc#score}) and notes in a separate map: {@link #upgrade} folds them
 * into typed scores, so an old store or export reads as if written today.
 */
public final class ScoreJson {
  private ScoreJson() {}

  /** Writes one score. */
  public static final class Writer extends JsonSerializer<Score> {
    @Override
    public void serialize(Score s, JsonGenerator g, SerializerProvider provider) throws IOException {
      if (s.statisticCount() == 0 && s.labels().isEmpty() && s.note() == null && s.hasValue()) {
        g.writeNumber(s.value());
        return;
      }
      g.writeStartObject();
      if (s.hasValue()) {
        g.writeNumberField("value", s.value());
      }
      if (s.statisticCount() > 0) {
        g.writeArrayFieldStart("statistics");
        for (int i = 0; i < s.statisticCount(); i++) {
          g.writeNumber(s.statistic(i));
        }
        g.writeEndArray();
      }
      if (!s.labels().isEmpty()) {
        g.writeArrayFieldStart("labels");
        for (String l : s.labels()) {
          g.writeString(l);
        }
        g.writeEndArray();
      }
      if (s.note() != null) {
        g.writeStringField("note", s.note());
      }
      g.writeEndObject();
    }
  }

  /** Reads one score. */
  public static final class Reader extends JsonDeserializer<Score> {
    @Override
    public Score deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return read(p.readValueAsTree());
    }
  }

  /** Reads one score written by {@link Writer}. */
  public static Score read(JsonNode node) {
    if (node.isNumber()) {
      return Score.of(node.doubleValue());
    }
    if (node.isTextual()) {
      // Jackson writes NaN as a string; a value that is not there reads back as none.
      return Score.of(textNumber(node.textValue()));
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("a score is a number or an object, got " + node.getNodeType());
    }
    JsonNode v = node.get("value");
    double value = v == null || v.isNull() ? Double.NaN : v.isTextual() ? textNumber(v.textValue())
        : v.doubleValue();
    JsonNode st = node.get("statistics");
    double[] statistics = new double[st == null ? 0 : st.size()];
    for (int i = 0; i < statistics.length; i++) {
      statistics[i] = st.get(i).doubleValue();
    }
    List<String> labels = new ArrayList<>();
    JsonNode lb = node.get("labels");
    if (lb != null) {
      lb.forEach(l -> labels.add(l.asText()));
    }
    JsonNode note = node.get("note");
    return new Score(value, statistics, labels, note == null || note.isNull() ? null : note.asText());
  }

  /** The numbers Jackson writes as strings; any other text is refused without quoting it. */
  private static double textNumber(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> throw new IllegalArgumentException("a score is a number or an object, got a string");
    };
  }

  /**
   * Typed scores from a {@code scores} object of either format, with the notes of a format-1
   * record ({@code notes}: metric name to text) folded in.
   *
   * @param notes format 1's separate notes, or null
   */
  public static Map<String, Score> upgrade(JsonNode scores, JsonNode notes) {
    if (scores == null || scores.isNull() || scores.isEmpty()) {
      return Map.of();
    }
    Map<String, Score> out = new LinkedHashMap<>();
    Map<String, Map<String, JsonNode>> internal = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : scores.properties()) {
      String key = e.getKey();
      int hash = key.indexOf('#');
      if (hash < 0) {
        try {
          out.put(key, read(e.getValue()));
        } catch (IllegalArgumentException bad) {
          // Say which metric: the score's own message cannot know its name.
          throw new IllegalArgumentException("metric '" + Excerpt.of(key) + "': " + bad.getMessage(), bad);
        }
      } else {
        internal.computeIfAbsent(key.substring(0, hash), k -> new LinkedHashMap<>())
            .put(key.substring(hash + 1), e.getValue());
      }
    }
    internal.forEach((metric, parts) -> {
      Score base = out.getOrDefault(metric, Score.of(Double.NaN));
      out.put(metric, formatOne(metric, base.value(), parts));
    });
    if (notes != null && notes.isObject()) {
      notes.properties().forEach(e -> {
        Score s = out.get(e.getKey());
        if (s != null && e.getValue().isTextual()) {
          out.put(e.getKey(), s.withNote(e.getValue().textValue()));
        }
      });
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Format 1's internal keys of one metric: {@code #0..#k-1} (a statistics vector), or the
   * classification form {@code #true=L}, {@code #pred=L}, {@code #p=L} (probability of L), {@code
   * #score} (positive-class probability).
   */
  private static Score formatOne(String metric, double value, Map<String, JsonNode> parts) {
    if (parts.keySet().stream().allMatch(k -> k.chars().allMatch(Character::isDigit) && !k.isEmpty())) {
      TreeMap<Integer, Double> byIndex = new TreeMap<>();
      parts.forEach((k, v) -> byIndex.put(Integer.parseInt(k), v.doubleValue()));
      double[] statistics = new double[byIndex.size()];
      int i = 0;
      for (Map.Entry<Integer, Double> e : byIndex.entrySet()) {
        if (e.getKey() != i) {
          throw new IllegalArgumentException("statistics of '" + metric + "' skip index " + i);
        }
        statistics[i++] = e.getValue();
      }
      return Score.of(value, statistics);
    }
    String truth = null;
    String predicted = null;
    Double positive = null;
    List<String> classes = new ArrayList<>();
    List<Double> probabilities = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : parts.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("true=")) {
        truth = k.substring(5);
      } else if (k.startsWith("pred=")) {
        predicted = k.substring(5);
      } else if (k.startsWith("p=")) {
        classes.add(k.substring(2));
        probabilities.add(e.getValue().doubleValue());
      } else if (k.equals("score")) {
        positive = e.getValue().doubleValue();
      } else {
        throw new IllegalArgumentException("unknown internal statistic '" + metric + "#" + k + "'");
      }
    }
    if (truth == null || predicted == null) {
      throw new IllegalArgumentException("classification statistics of '" + metric + "' lack the true or the "
          + "predicted label");
    }
    List<String> labels = new ArrayList<>(List.of(truth, predicted));
    labels.addAll(classes);
    double[] statistics = positive != null ? new double[] {positive}
        : probabilities.stream().mapToDouble(Double::doubleValue).toArray();
    return new Score(value, statistics, labels, null);
  }
}
