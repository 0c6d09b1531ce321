package dev.assay.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Suite;
import dev.assay.core.Limits;
import dev.assay.core.io.SuiteTree;
import dev.assay.core.io.YamlTreeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads and validates a gate (docs/gates.md): the {@code gate:} section of a suite, or a gate
 * file whose top level holds the gate's keys (or a single {@code gate:} section).
 *
 * <p>Every problem throws one {@link InputException} naming the file, the line of the offending
 * key, the field ({@code gate.rules[1].margin}) and what was expected; unknown keys get a "did you
 * mean". A returned gate is fully valid; whether its metrics exist is checked against the runs.
 */
public final class GateLoader {
  static final List<String> KEYS = List.of("confidence", "multiplicity", "power", "rules");
  static final List<String> RULE_KEYS = List.of("rule", "metric", "margin", "threshold", "tag", "pass_threshold");
  private static final String SHAPE = "a mapping with rules: [{rule: ..., metric: ...}, ...]";
  private static final String RULE_SHAPE = "a mapping such as {rule: non_inferiority, metric: f1, margin: 0.02}";

  private GateLoader() {}

  /** Reads a gate file (or the gate section of a suite given as a gate file). */
  public static Gate fromFile(Path file) {
    YamlTreeReader.YamlTree tree = YamlTreeReader.read(file, "gate", SHAPE);
    SuiteTree t = new SuiteTree(file.toString(), tree.lines());
    ObjectNode root = tree.root();
    if (root.has("gate")) {
      return section(root, t);
    }
    return parse(root, "", "", t);
  }

  /** The gate section of a suite file, if it has one. */
  public static Optional<Gate> fromSuite(Path suiteFile) {
    YamlTreeReader.YamlTree tree = YamlTreeReader.read(suiteFile);
    if (!tree.root().has("gate")) {
      return Optional.empty();
    }
    return Optional.of(section(tree.root(), new SuiteTree(suiteFile.toString(), tree.lines())));
  }

  /**
   * The gate section of a parsed suite, read from the tree the suite was parsed from (its lines
   * included), so a suite file is read once.
   */
  public static Optional<Gate> fromSuite(Suite suite) {
    if (suite.json() == null || !suite.json().has("gate")) {
      return Optional.empty();
    }
    return Optional.of(section(suite.json(), new SuiteTree(suite.file().toString(), suite.lines())));
  }

  /**
   * The gate section of a suite as a run recorded it ({@code RunRecord.suite()}), if it has one:
   * how a server applies a run's own gate without the suite file. {@code source} names the run in
   * messages (the recorded suite has no lines).
   */
  public static Optional<Gate> fromRecordedSuite(ObjectNode suite, String source) {
    if (suite == null || !suite.has("gate")) {
      return Optional.empty();
    }
    return Optional.of(section(suite, new SuiteTree(source, java.util.Map.of())));
  }

  private static Gate section(ObjectNode root, SuiteTree t) {
    ObjectNode gate = t.mapping(root, "/gate", "gate");
    if (gate == null) {
      throw t.error("/gate", "gate", "empty", SHAPE);
    }
    return parse(gate, "/gate", "gate", t);
  }

  /** Validates a gate mapping located at {@code pointer} (JSON pointer) / {@code path} (dotted). */
  static Gate parse(ObjectNode node, String pointer, String path, SuiteTree t) {
    t.onlyKeys(node, pointer, path, KEYS);
    double confidence = confidence(node, pointer, path, t);
    double power = level(node, pointer, path, t, "power", 0.8);
    Multiplicity multiplicity = Multiplicity.HOLM;
    String m = t.string(node, pointer + "/multiplicity", field(path, "multiplicity"));
    if (m != null) {
      multiplicity = Multiplicity.parse(m).orElseThrow(() -> t.error(pointer + "/multiplicity",
          field(path, "multiplicity"), "unknown multiplicity control '" + m + "'",
          DidYouMean.expected(m, Multiplicity.names())));
    }
    JsonNode rulesNode = node.get("rules");
    String rulesField = field(path, "rules");
    if (rulesNode == null) {
      throw t.error(pointer, rulesField, "missing", "a list of rules");
    }
    if (!rulesNode.isArray() || rulesNode.isEmpty()) {
      throw t.wrong(pointer + "/rules", rulesField, rulesNode, "a non-empty list of rules");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < rulesNode.size(); i++) {
      rules.add(rule(rulesNode.get(i), pointer + "/rules/" + i, rulesField + "[" + i + "]", t));
    }
    return new Gate(confidence, multiplicity, power, rules, t.file(), Json.hash(node));
  }

  private static Rule rule(JsonNode node, String pointer, String field, SuiteTree t) {
    if (!node.isObject()) {
      throw t.wrong(pointer, field, node, RULE_SHAPE);
    }
    ObjectNode o = (ObjectNode) node;
    t.onlyKeys(o, pointer, field, RULE_KEYS);
    String kind = t.string(o, pointer + "/rule", field + ".rule");
    if (kind == null) {
      throw t.error(pointer, field + ".rule", "missing", "one of " + String.join(", ", Rule.KINDS));
    }
    if (!Rule.KINDS.contains(kind)) {
      throw t.error(pointer + "/rule", field + ".rule", "unknown rule '" + kind + "'",
          DidYouMean.expected(kind, Rule.KINDS));
    }
    boolean paired = kind.equals("superiority") || kind.equals("non_inferiority");
    String metric = t.string(o, pointer + "/metric", field + ".metric");
    if (metric == null) {
      throw t.error(pointer, field + ".metric", "missing", "the metric the rule judges, e.g. exact_match");
    }
    int line = t.line(pointer);
    forbid(o, pointer, field, t, kind, paired ? List.of("threshold", "tag", "pass_threshold")
        : kind.equals("no_regressions") ? List.of("margin", "threshold") : List.of("margin", "tag", "pass_threshold"));
    switch (kind) {
      case "superiority":
        return new Rule.Superiority(metric, margin(o, pointer, field, t), line);
      case "non_inferiority":
        return new Rule.NonInferiority(metric, margin(o, pointer, field, t), line);
      case "at_most":
      case "at_least":
        if (!o.has("threshold")) {
          throw t.error(pointer, field + ".threshold", "missing", "the absolute threshold the interval bound must meet");
        }
        double threshold = number(o, pointer + "/threshold", field + ".threshold", t);
        return kind.equals("at_most") ? new Rule.AtMost(metric, threshold, line)
            : new Rule.AtLeast(metric, threshold, line);
      default:
        String tag = o.has("tag") ? t.string(o, pointer + "/tag", field + ".tag") : "critical";
        OptionalDouble pass = o.has("pass_threshold")
            ? OptionalDouble.of(number(o, pointer + "/pass_threshold", field + ".pass_threshold", t))
            : OptionalDouble.empty();
        return new Rule.NoRegressions(metric, tag, pass, line);
    }
  }

  private static void forbid(ObjectNode o, String pointer, String field, SuiteTree t, String kind,
      List<String> keys) {
    for (String k : keys) {
      if (o.has(k)) {
        String hint = switch (k) {
          case "threshold" -> "threshold belongs to at_most and at_least";
          case "margin" -> "margin belongs to superiority and non_inferiority";
          default -> k + " belongs to no_regressions";
        };
        throw t.error(pointer + "/" + k, field + "." + k, k + " does not apply to " + kind, hint);
      }
    }
  }

  private static Margin margin(ObjectNode o, String pointer, String field, SuiteTree t) {
    JsonNode v = o.get("margin");
    if (v == null) {
      return Margin.ZERO;
    }
    Margin m = v.isNumber() || v.isTextual() ? Margin.parse(v.asText()) : null;
    if (m == null) {
      throw t.wrong(pointer + "/margin", field + ".margin", v,
          "a number >= 0 in the metric's units, or a percentage of the baseline such as \"2%\"");
    }
    return m;
  }

  private static double number(ObjectNode o, String pointer, String field, SuiteTree t) {
    JsonNode v = o.get(pointer.substring(pointer.lastIndexOf('/') + 1));
    if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw t.wrong(pointer, field, v, "a finite number");
    }
    return v.doubleValue();
  }

  /** The gate's confidence level, within {@link Limits#CONFIDENCE} like {@code --confidence}. */
  private static double confidence(ObjectNode node, String pointer, String path, SuiteTree t) {
    JsonNode v = node.get("confidence");
    if (v == null) {
      return 0.95;
    }
    if (!Limits.CONFIDENCE.contains(v)) {
      throw t.wrong(pointer + "/confidence", field(path, "confidence"), v, Limits.CONFIDENCE.describe());
    }
    return v.doubleValue();
  }

  private static double level(ObjectNode node, String pointer, String path, SuiteTree t, String key,
      double fallback) {
    JsonNode v = node.get(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber() || !(v.doubleValue() > 0 && v.doubleValue() < 1)) {
      throw t.wrong(pointer + "/" + key, field(path, key), v, "a number strictly between 0 and 1, e.g. 0.95");
    }
    return v.doubleValue();
  }

  private static String field(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
