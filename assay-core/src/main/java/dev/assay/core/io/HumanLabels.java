package dev.assay.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.text.Excerpt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A file of human labels (docs/judges.md): JSON Lines, one label of one answer by one rater per
 * line,
 *
 * <pre>{"id": "q1", "output": "Paris is in Italy.", "label": 1, "rater": "ann"}</pre>
 *
 * <p>{@code id} (string or integer) names the example; {@code output} is the answer that was judged
 * (a string, or the JSON value of a structured answer); {@code label} is the value the judged
 * metric should have given that answer (a finite number; {@code true}/{@code false} read as 1/0;
 * {@code null} means "not labelled yet" and the line is counted, not used); {@code rater}
 * (optional, string or integer) tells raters apart. Any other field ({@code input}, {@code
 * reference}, {@code tags}, a context...) describes the example for judges run without a
 * dataset.
 *
 * <p>A label is bound to the answer it judged: it applies to a run's result only when the run
 * answered that example with exactly that output (compared as {@link Output#text()}), so a label
 * of an earlier answer is never reused for a new one.
 *
 * <p>Invariants: at most one label per (id, output, rater); items keep the file's order; {@link
 * #hash()} is the sha256 of the file's bytes.
 */
public final class HumanLabels {
  /** Labels files are far smaller than this. */
  public static final long MAX_BYTES = 256L << 20;
  private static final String LINE_SHAPE = "a JSON object {\"id\": ..., \"output\": ..., \"label\": number, "
      + "\"rater\": optional}";
  private static final Set<String> OWN_FIELDS = Set.of("id", "output", "label", "rater");
  private static final ObjectReader JSON_LINE = Json.MAPPER.reader();
  private static final int MAX_EXCERPT = 60;

  /**
   * The labels of one answer.
   *
   * @param id the example's id
   * @param output the answer, as {@link Output#text()} gives it
   * @param ratings each rater's label, in file order ({@code ""} for an unnamed rater)
   * @param line the line of the answer's first label
   */
  public record Item(String id, String output, Map<String, Double> ratings, int line) {
    public Item {
      ratings = Collections.unmodifiableMap(new LinkedHashMap<>(ratings));
    }

    /** The mean of the raters' labels: the human value of the answer. */
    public double mean() {
      double s = 0;
      for (double v : ratings.values()) {
        s += v;
      }
      return s / ratings.size();
    }

    /**
     * The label most raters gave; empty when two or more labels tie for most (no consensus).
     */
    public Optional<Double> consensus() {
      Map<Double, Integer> counts = new HashMap<>();
      ratings.values().forEach(v -> counts.merge(v, 1, Integer::sum));
      int best = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      List<Double> modes = counts.entrySet().stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey).toList();
      return modes.size() == 1 ? Optional.of(modes.get(0)) : Optional.empty();
    }
  }

  private final String source;
  private final String hash;
  private final List<Item> items;
  private final Map<String, Item> byAnswer;
  private final Map<String, Example> examples;
  private final List<String> raters;
  private final int unlabelled;

  private HumanLabels(String source, String hash, List<Item> items, Map<String, Example> examples,
      List<String> raters, int unlabelled) {
    this.source = source;
    this.hash = hash;
    this.items = List.copyOf(items);
    this.examples = Collections.unmodifiableMap(examples);
    this.raters = List.copyOf(raters);
    this.unlabelled = unlabelled;
    Map<String, Item> index = new HashMap<>();
    items.forEach(i -> index.put(key(i.id(), i.output()), i));
    this.byAnswer = index;
  }

  /**
   * Reads a labels file.
   *
   * @param name the file as the user wrote it, for messages
   * @throws InputException naming the file, line and field of the first problem: not JSON, a missing
   *     or mistyped id, output or label, a label given twice by one rater, or no label at all
   */
  public static HumanLabels read(Path file, String name) {
    byte[] bytes = InputFiles.readAll(file, name, "a human labels file", MAX_BYTES);
    Map<String, Map<String, Double>> ratings = new LinkedHashMap<>();
    Map<String, Integer> firstLines = new HashMap<>();
    Map<String, Integer> ratingLines = new HashMap<>();
    Map<String, Example> examples = new LinkedHashMap<>();
    Set<String> raters = new LinkedHashSet<>();
    int unlabelled = 0;
    try (Utf8LineReader lines = new Utf8LineReader(new ByteArrayInputStream(bytes), name)) {
      ObjectNode o;
      while ((o = JsonLines.next(lines, JSON_LINE, name, LINE_SHAPE)) != null) {
        int line = lines.lineNumber();
        String id = idOf(o.get("id"), name, line, "id");
        JsonNode outputNode = o.get("output");
        if (outputNode == null || outputNode.isNull()) {
          throw new InputException(name, line, "output", "missing",
              "the answer the label judges (a label is bound to one answer)");
        }
        String output = new Output(outputNode, null, null, null, null).text();
        Double value = label(o.get("label"), name, line);
        String rater = o.has("rater") ? idOf(o.get("rater"), name, line, "rater") : "";
        if (!examples.containsKey(id)) {
          Optional<Example> example = example(o, name, line);
          example.ifPresent(e -> examples.put(id, e));
        }
        if (value == null) {
          unlabelled++;
          continue;
        }
        String answer = key(id, output);
        firstLines.putIfAbsent(answer, line);
        Integer earlier = ratingLines.putIfAbsent(answer + "\u0000" + rater, line);
        if (earlier != null) {
          throw new InputException(name, line, "label", "a second label of example '" + Excerpt.cut(id, MAX_EXCERPT)
              + "' with this output" + (rater.isEmpty() ? "" : " by rater '" + Excerpt.cut(rater, MAX_EXCERPT) + "'")
              + " (first on line " + earlier + ")", "one label per answer and rater; name raters with \"rater\"");
        }
        raters.add(rater);
        ratings.computeIfAbsent(answer, k -> new LinkedHashMap<>()).put(rater, value);
      }
    } catch (IOException e) {
      throw InputFiles.unreadable(file, name, "a human labels file", e);
    }
    if (ratings.isEmpty()) {
      throw new InputException(name, 0, "label", unlabelled > 0 ? "no line has a label yet (" + unlabelled
          + " with label null)" : "no labels", "at least one line with a numeric label");
    }
    List<Item> items = new ArrayList<>();
    ratings.forEach((answer, r) -> {
      int cut = answer.indexOf('\u0000');
      items.add(new Item(answer.substring(0, cut), answer.substring(cut + 1), r, firstLines.get(answer)));
    });
    return new HumanLabels(name, Json.sha256(bytes), items, examples, new ArrayList<>(raters), unlabelled);
  }

  private static String key(String id, String output) {
    return id + "\u0000" + output;
  }

  private static String idOf(JsonNode v, String file, int line, String field) {
    if (v == null || v.isNull()) {
      throw new InputException(file, line, field, "missing", field.equals("id") ? "the example's id" : "a name");
    }
    if (v.isTextual() && !v.textValue().isEmpty()) {
      return v.textValue();
    }
    if (v.isIntegralNumber()) {
      return v.asText();
    }
    throw new InputException(file, line, field, "got " + Describe.json(v), "a non-empty string or an integer");
  }

  private static Double label(JsonNode v, String file, int line) {
    if (v == null) {
      throw new InputException(file, line, "label", "missing",
          "the value the metric should give this answer (a number; null when not labelled yet)");
    }
    if (v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue() ? 1.0 : 0.0;
    }
    if (v.isNumber() && Double.isFinite(v.doubleValue())) {
      return v.doubleValue();
    }
    throw new InputException(file, line, "label", "got " + Describe.json(v), "a finite number, true/false or null");
  }

  /** The example a line describes, when it has an input (its other fields but the label's own). */
  private static Optional<Example> example(ObjectNode o, String file, int line) {
    if (!o.has("input")) {
      return Optional.empty();
    }
    ObjectNode record = o.deepCopy();
    OWN_FIELDS.stream().filter(f -> !f.equals("id")).forEach(record::remove);
    return Optional.of(new ExampleMapper(file, FieldMapping.DEFAULT, false).map(record, line));
  }

  /** The file as the user named it. */
  public String source() {
    return source;
  }

  /** sha256 of the file's bytes. */
  public String hash() {
    return hash;
  }

  /** Every labelled answer, in file order. */
  public List<Item> items() {
    return items;
  }

  /** The labels of the answer {@code output} to example {@code id}, if any. */
  public Optional<Item> item(String id, String output) {
    return Optional.ofNullable(byAnswer.get(key(id, output)));
  }

  /** The example described inline for {@code id} (a line with an {@code input}), if any. */
  public Optional<Example> example(String id) {
    return Optional.ofNullable(examples.get(id));
  }

  /** Rater names in first-seen order ({@code ""} for an unnamed rater). */
  public List<String> raters() {
    return raters;
  }

  /** Lines whose label is null (not labelled yet). */
  public int unlabelled() {
    return unlabelled;
  }
}
