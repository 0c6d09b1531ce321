package dev.assay.monitor.ab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.io.YamlTreeReader;
import dev.assay.gate.Margin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An experiment's readout settings ({@code ab.yaml}):
 *
 * <pre>
 * variant: variant                 # the column naming each unit's variant
 * control: control                 # its value for the control group
 * treatment: treatment             # ... and for the treatment group
 * split: {control: 0.5, treatment: 0.5}   # the planned allocation (SRM check)
 * confidence: 0.95
 * srm_alpha: 0.001                 # below this SRM p-value the verdict is withheld
 * sequential: {look: day, tau: 0.1}       # optional: always-valid monitoring over looks
 * metrics:
 *   - {name: revenue, column: revenue, covariate: revenue_pre, rule: superiority}
 *   - {name: ctr, numerator: clicks, denominator: sessions, rule: superiority}
 *   - {name: latency_ms, column: latency_ms, lower_is_better: true, rule: non_inferiority, margin: 5%}
 * </pre>
 *
 * <p>Rule names, margins ({@code 0.02} or {@code "2%"} of the control's value) and directions
 * follow the offline gates (docs/gates.md).
 *
 * @param variant the variant column
 * @param control the control's label
 * @param treatment the treatment's label
 * @param split planned shares of control and treatment (positive, any scale)
 * @param confidence two-sided level of every interval
 * @param srmAlpha SRM threshold
 * @param look the column whose ordered values are the looks of a sequential readout, or null
 * @param tau the mSPRT mixture scale in units of the metric's pooled standard deviation (NaN: 0.1)
 * @param metrics the metrics, in order
 */
public record AbConfig(String variant, String control, String treatment, double[] split, double confidence,
    double srmAlpha, String look, double tau, List<AbMetric> metrics) {

  public static AbConfig read(Path file) {
    YamlTreeReader.YamlTree tree = YamlTreeReader.read(file, "configuration of an A/B readout",
        "variant, control, treatment, split, metrics, ...");
    String name = file.toString();
    Map<String, Integer> lines = tree.lines();
    ObjectNode root = tree.root();
    only(root, "", Set.of("variant", "control", "treatment", "split", "confidence", "srm_alpha", "sequential",
        "metrics"), name, lines);
    String variant = text(root, "variant", "variant", name, lines);
    String control = text(root, "control", "control", name, lines);
    String treatment = text(root, "treatment", "treatment", name, lines);
    if (control.equals(treatment)) {
      throw new InputException(name, lines.getOrDefault("/treatment", 0), "treatment", "same label as the control",
          "two different variant labels");
    }
    double[] split = {1, 1};
    JsonNode s = root.get("split");
    if (s != null) {
      if (!s.isObject()) {
        throw new InputException(name, lines.getOrDefault("/split", 0), "split", "not a mapping",
            "{" + control + ": share, " + treatment + ": share}");
      }
      only(s, "/split", Set.of(control, treatment), name, lines);
      split = new double[] {share(s, control, name, lines), share(s, treatment, name, lines)};
    }
    double confidence = number(root, "confidence", 0.95, 0.5, 0.9999, name, lines);
    double srm = number(root, "srm_alpha", 0.001, 1e-12, 0.5, name, lines);
    String look = null;
    double tau = Double.NaN;
    JsonNode seq = root.get("sequential");
    if (seq != null) {
      if (!seq.isObject()) {
        throw new InputException(name, lines.getOrDefault("/sequential", 0), "sequential", "not a mapping",
            "{look: COLUMN, tau: NUMBER}");
      }
      only(seq, "/sequential", Set.of("look", "tau"), name, lines);
      look = text(seq, "look", "sequential.look", name, lines);
      tau = number(seq, "tau", Double.NaN, 1e-9, 1e9, name, lines);
    }
    JsonNode ms = root.get("metrics");
    if (ms == null || !ms.isArray() || ms.isEmpty()) {
      throw new InputException(name, lines.getOrDefault("/metrics", 0), "metrics", "missing or empty",
          "a list of metrics");
    }
    List<AbMetric> metrics = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < ms.size(); i++) {
      JsonNode m = ms.get(i);
      String at = "/metrics/" + i;
      int line = lines.getOrDefault(at, 0);
      if (!m.isObject()) {
        throw new InputException(name, line, "metrics[" + i + "]", "not a mapping", "{name, column, rule, ...}");
      }
      only(m, at, Set.of("name", "column", "numerator", "denominator", "covariate", "rule", "margin",
          "lower_is_better"), name, lines);
      String mname = text(m, "name", "metrics[" + i + "].name", name, lines);
      if (!names.add(mname)) {
        throw new InputException(name, line, "metrics[" + i + "].name", "metric '" + mname + "' given twice",
            "distinct metric names");
      }
      String column = optionalText(m, "column");
      String num = optionalText(m, "numerator");
      String den = optionalText(m, "denominator");
      if ((column == null) == (num == null || den == null) || column != null && (num != null || den != null)) {
        throw new InputException(name, line, "metrics[" + i + "]", "metric '" + mname
            + "' needs either a column or both a numerator and a denominator", "column: X, or numerator: X and denominator: Y");
      }
      String covariate = optionalText(m, "covariate");
      if (covariate != null && column == null) {
        throw new InputException(name, line, "metrics[" + i + "].covariate", "CUPED applies to mean metrics",
            "a covariate only with column:");
      }
      String rule = m.has("rule") ? m.get("rule").asText() : "superiority";
      if (!rule.equals("superiority") && !rule.equals("non_inferiority")) {
        throw new InputException(name, lines.getOrDefault(at + "/rule", line), "metrics[" + i + "].rule",
            "unknown rule '" + rule + "'", "superiority or non_inferiority");
      }
      Margin margin = Margin.ZERO;
      if (m.has("margin")) {
        margin = Margin.parse(m.get("margin").asText());
        if (margin == null) {
          throw new InputException(name, lines.getOrDefault(at + "/margin", line), "metrics[" + i + "].margin",
              "not a margin", "a number >= 0 or a percentage such as 2%");
        }
      } else if (rule.equals("non_inferiority")) {
        throw new InputException(name, line, "metrics[" + i + "].margin", "a non-inferiority rule needs a margin",
            "margin: 0.02 or margin: 2%");
      }
      JsonNode lib = m.get("lower_is_better");
      if (lib != null && !lib.isBoolean()) {
        throw new InputException(name, lines.getOrDefault(at + "/lower_is_better", line),
            "metrics[" + i + "].lower_is_better", "must be true or false", "a boolean");
      }
      metrics.add(new AbMetric(mname, column, num, den, covariate, rule, margin, lib != null && lib.booleanValue(),
          line));
    }
    return new AbConfig(variant, control, treatment, split, confidence, srm, look, tau, metrics);
  }

  /** Every column the readout reads. */
  public List<String> columns() {
    Set<String> c = new java.util.LinkedHashSet<>();
    c.add(variant);
    if (look != null) {
      c.add(look);
    }
    for (AbMetric m : metrics) {
      for (String s : new String[] {m.column(), m.numerator(), m.denominator(), m.covariate()}) {
        if (s != null) {
          c.add(s);
        }
      }
    }
    return new ArrayList<>(c);
  }

  private static void only(JsonNode n, String pointer, Set<String> keys, String file, Map<String, Integer> lines) {
    Iterator<String> it = n.fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      if (!keys.contains(k)) {
        String field = (pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.') + ".") + k;
        throw new InputException(file, lines.getOrDefault(pointer + "/" + k, 0), field, "unknown key",
            "one of " + String.join(", ", new TreeSet<>(keys)));
      }
    }
  }

  private static String text(JsonNode n, String key, String field, String file, Map<String, Integer> lines) {
    JsonNode v = n.get(key);
    if (v == null || !v.isValueNode() || v.asText().isEmpty()) {
      throw new InputException(file, lines.getOrDefault("/" + field.replace('.', '/'), 0), field,
          "missing or empty", "a column name or label");
    }
    return v.asText();
  }

  private static String optionalText(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static double share(JsonNode s, String key, String file, Map<String, Integer> lines) {
    JsonNode v = s.get(key);
    if (v == null || !v.isNumber() || !(v.asDouble() > 0)) {
      throw new InputException(file, lines.getOrDefault("/split/" + key, 0), "split." + key,
          "missing or not a positive number", "the planned share of " + key);
    }
    return v.asDouble();
  }

  private static double number(JsonNode n, String key, double fallback, double min, double max, String file,
      Map<String, Integer> lines) {
    JsonNode v = n.get(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
      throw new InputException(file, lines.getOrDefault("/" + key, 0), key,
          "must be a number from " + min + " to " + max, "a number in range");
    }
    return v.asDouble();
  }

  /** Label → metric, for lookups. */
  public Map<String, AbMetric> byName() {
    Map<String, AbMetric> m = new LinkedHashMap<>();
    metrics.forEach(x -> m.put(x.name(), x));
    return m;
  }
}
