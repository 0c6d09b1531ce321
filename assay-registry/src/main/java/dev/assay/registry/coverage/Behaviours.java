package dev.assay.registry.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.DidYouMean;
import dev.assay.core.Example;
import dev.assay.core.io.SuiteTree;
import dev.assay.core.io.YamlTreeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The behaviours that matter, from a {@code behaviours.yaml} (docs/scorecard.md "Regression
 * coverage"): each with an id, a description, a criticality and the tags that mark its examples.
 *
 * @param behaviours in the file's order, ids unique
 * @param minExamples how many protected examples make a behaviour covered (default {@link #DEFAULT_MIN_EXAMPLES})
 * @param weights the weight of each criticality
 * @param source the file, for messages and reports
 */
public record Behaviours(List<Behaviour> behaviours, int minExamples, Map<String, Double> weights, String source) {
  public static final int DEFAULT_MIN_EXAMPLES = 10;
  /** Weights of the criticalities when the file names none. */
  public static final Map<String, Double> DEFAULT_WEIGHTS = defaults();
  private static final List<String> KEYS = List.of("min_examples", "criticality", "behaviours");
  private static final List<String> BEHAVIOUR_KEYS = List.of("id", "description", "criticality", "tags");
  private static final String SHAPE = "a YAML mapping with behaviours: [{id, description, criticality, tags}]";

  public Behaviours {
    behaviours = List.copyOf(behaviours);
    weights = Map.copyOf(weights);
  }

  private static Map<String, Double> defaults() {
    Map<String, Double> w = new LinkedHashMap<>();
    w.put("critical", 4.0);
    w.put("high", 3.0);
    w.put("medium", 2.0);
    w.put("low", 1.0);
    return w;
  }

  /**
   * One behaviour.
   *
   * @param id unique in the file
   * @param description what it is, for people
   * @param criticality a key of the weights
   * @param weight its weight
   * @param tags the tags an example must all carry to show this behaviour; each value is a list of
   *     accepted values
   */
  public record Behaviour(String id, String description, String criticality, double weight,
      Map<String, List<String>> tags) {
    public Behaviour {
      tags = Map.copyOf(tags);
    }

    /** Whether {@code example} shows this behaviour: it carries every tag with an accepted value. */
    public boolean shownBy(Example example) {
      for (Map.Entry<String, List<String>> t : tags.entrySet()) {
        String v = example.tags().get(t.getKey());
        if (v == null || !t.getValue().contains(v)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Reads and checks a behaviours file; errors name the file, line and field. */
  public static Behaviours read(Path file) {
    YamlTreeReader.YamlTree tree = YamlTreeReader.read(file, "behaviours", SHAPE);
    SuiteTree t = new SuiteTree(file.toString(), tree.lines());
    ObjectNode root = tree.root();
    t.onlyKeys(root, "", "", KEYS);
    int min = DEFAULT_MIN_EXAMPLES;
    JsonNode m = root.get("min_examples");
    if (m != null) {
      if (!m.isIntegralNumber() || m.intValue() < 1 || m.intValue() > 1_000_000) {
        throw t.wrong("/min_examples", "min_examples", m, "an integer from 1 to 1,000,000");
      }
      min = m.intValue();
    }
    Map<String, Double> weights = new LinkedHashMap<>(DEFAULT_WEIGHTS);
    ObjectNode c = t.mapping(root, "/criticality", "criticality");
    if (c != null) {
      weights.clear();
      for (Map.Entry<String, JsonNode> e : c.properties()) {
        JsonNode w = e.getValue();
        if (!w.isNumber() || !(w.doubleValue() > 0) || w.doubleValue() > 1e6) {
          throw t.wrong(SuiteTree.child("/criticality", e.getKey()), "criticality." + e.getKey(), w,
              "a weight greater than 0 (at most 1,000,000)");
        }
        weights.put(e.getKey(), w.doubleValue());
      }
      if (weights.isEmpty()) {
        throw t.error("/criticality", "criticality", "no levels", "a mapping of levels to weights, e.g. {high: 3, low: 1}");
      }
    }
    JsonNode list = root.get("behaviours");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw list == null ? t.error("", "behaviours", "missing", "a list of behaviours")
          : t.wrong("/behaviours", "behaviours", list, "a non-empty list of {id, description, criticality, tags}");
    }
    List<Behaviour> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String pointer = "/behaviours/" + i;
      String field = "behaviours[" + (i + 1) + "]";
      JsonNode b = list.get(i);
      if (!b.isObject()) {
        throw t.wrong(pointer, field, b, "a mapping {id, description, criticality, tags}");
      }
      ObjectNode o = (ObjectNode) b;
      t.onlyKeys(o, pointer, field, BEHAVIOUR_KEYS);
      String id = t.string(o, pointer + "/id", field + ".id");
      if (id == null) {
        throw t.error(pointer, field + ".id", "missing", "a unique id");
      }
      if (!ids.add(id)) {
        throw t.error(pointer + "/id", field + ".id", "duplicate id '" + id + "'", "unique ids");
      }
      String description = t.string(o, pointer + "/description", field + ".description");
      String criticality = t.string(o, pointer + "/criticality", field + ".criticality");
      if (criticality == null) {
        throw t.error(pointer, field + ".criticality", "missing", "one of " + weights.keySet());
      }
      if (!weights.containsKey(criticality)) {
        throw t.error(pointer + "/criticality", field + ".criticality", "unknown criticality '" + criticality + "'",
            DidYouMean.expected(criticality, weights.keySet()));
      }
      out.add(new Behaviour(id, description == null ? "" : description, criticality, weights.get(criticality),
          tags(o, pointer, field, t)));
    }
    return new Behaviours(out, min, weights, file.toString());
  }

  private static Map<String, List<String>> tags(ObjectNode o, String pointer, String field, SuiteTree t) {
    ObjectNode tags = t.mapping(o, pointer + "/tags", field + ".tags");
    if (tags == null || tags.isEmpty()) {
      throw t.error(pointer, field + ".tags", "missing", "the tags that mark its examples, e.g. {topic: refunds}");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : tags.properties()) {
      String p = SuiteTree.child(pointer + "/tags", e.getKey());
      List<String> values = new ArrayList<>();
      JsonNode v = e.getValue();
      if (v.isArray()) {
        v.forEach(x -> values.add(x.isValueNode() && !x.isNull() ? x.asText() : null));
      } else if (v.isValueNode() && !v.isNull()) {
        values.add(v.asText());
      }
      if (values.isEmpty() || values.contains(null)) {
        throw t.wrong(p, field + ".tags." + e.getKey(), v, "a tag value or a list of values");
      }
      out.put(e.getKey(), values);
    }
    return out;
  }
}
