package dev.assay.monitor.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.io.YamlTreeReader;
import dev.assay.monitor.profile.ColumnType;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a drift check ({@code monitor.yaml}); every key is optional:
 *
 * <pre>
 * q: 0.05                      # Benjamini-Hochberg false-discovery rate across all hypotheses
 * null_rate_threshold: 0.05    # smallest change in a column's missing share that counts
 * permutations: 1000           # MMD permutation test of text columns
 * seed: 0
 * numeric: {effect: wasserstein, threshold: 0.1}     # or effect: psi (default threshold 0.2)
 * categorical: {threshold: 0.1}                      # Jensen-Shannon distance
 * text: {threshold: 0}                               # squared MMD
 * columns:
 *   latency_ms: {effect: psi, threshold: 0.25}
 *   request_id: {ignore: true}
 * </pre>
 *
 * @param q false-discovery rate
 * @param nullRateThreshold practical threshold on the change in missing share
 * @param permutations MMD permutations
 * @param seed seed of the permutations
 * @param defaults per column type, the effect and threshold
 * @param columns per-column overrides
 */
public record DriftConfig(double q, double nullRateThreshold, int permutations, long seed,
    Map<ColumnType, Rule> defaults, Map<String, Rule> columns) {

  /**
   * How one column is judged.
   *
   * @param effect the effect size, null to keep the type's default
   * @param threshold the effect's threshold, NaN to keep the effect's default
   * @param ignore leave the column out of the check
   */
  public record Rule(Effect effect, double threshold, boolean ignore) {}

  public static DriftConfig standard() {
    return new DriftConfig(0.05, 0.05, 1000, 0, Map.of(), Map.of());
  }

  /** The effect and threshold for a column of {@code type}. */
  public Rule ruleFor(String column, ColumnType type) {
    Rule base = defaults.get(type);
    Effect effect = base != null && base.effect() != null ? base.effect() : Effect.defaultFor(type);
    double threshold = base != null && !Double.isNaN(base.threshold()) ? base.threshold() : Double.NaN;
    boolean ignore = false;
    Rule own = columns.get(column);
    if (own != null) {
      if (own.effect() != null && own.effect() != effect) {
        effect = own.effect();
        threshold = Double.NaN;
      }
      if (!Double.isNaN(own.threshold())) {
        threshold = own.threshold();
      }
      ignore = own.ignore();
    }
    if (effect.type() != type) {
      // A column override for another type (the column is not what the user thought).
      effect = Effect.defaultFor(type);
      threshold = Double.NaN;
    }
    return new Rule(effect, Double.isNaN(threshold) ? effect.defaultThreshold() : threshold, ignore);
  }

  /** Reads {@code monitor.yaml}; every fault names the file, line and key. */
  public static DriftConfig read(Path file) {
    YamlTreeReader.YamlTree tree = YamlTreeReader.read(file, "monitor configuration",
        "q, null_rate_threshold, permutations, seed, numeric, categorical, text, columns");
    ObjectNode root = tree.root();
    String name = file.toString();
    Lines lines = new Lines(name, tree.lines());
    lines.only(root, "", Set.of("q", "null_rate_threshold", "permutations", "seed", "numeric", "categorical", "text",
        "columns"));
    double q = lines.number(root, "q", 0.05, 1e-6, 0.5);
    double nr = lines.number(root, "null_rate_threshold", 0.05, 0, 1);
    int perms = (int) lines.number(root, "permutations", 1000, 1, 100_000);
    long seed = (long) lines.number(root, "seed", 0, 0, Long.MAX_VALUE);
    Map<ColumnType, Rule> defaults = new LinkedHashMap<>();
    for (ColumnType t : ColumnType.values()) {
      JsonNode n = root.get(t.word());
      if (n != null) {
        defaults.put(t, lines.rule(n, "/" + t.word(), t, false));
      }
    }
    Map<String, Rule> columns = new LinkedHashMap<>();
    JsonNode cols = root.get("columns");
    if (cols != null) {
      if (!cols.isObject()) {
        throw lines.fault("/columns", "not a mapping", "column names mapped to {effect, threshold, ignore}");
      }
      Iterator<Map.Entry<String, JsonNode>> it = cols.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        columns.put(e.getKey(), lines.rule(e.getValue(), "/columns/" + e.getKey(), null, true));
      }
    }
    return new DriftConfig(q, nr, perms, seed, defaults, columns);
  }

  private record Lines(String file, Map<String, Integer> lines) {
    InputException fault(String pointer, String problem, String expected) {
      String field = pointer.substring(1).replace('/', '.');
      return new InputException(file, lines.getOrDefault(pointer, 0), field, problem, expected);
    }

    void only(JsonNode node, String pointer, Set<String> keys) {
      Iterator<String> it = node.fieldNames();
      while (it.hasNext()) {
        String k = it.next();
        if (!keys.contains(k)) {
          throw fault(pointer + "/" + k, "unknown key", "one of " + String.join(", ", new java.util.TreeSet<>(keys)));
        }
      }
    }

    double number(JsonNode node, String key, double fallback, double min, double max) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
        throw fault("/" + key, "must be a number from " + fmt(min) + " to " + fmt(max), "a number in range");
      }
      return v.asDouble();
    }

    Rule rule(JsonNode n, String pointer, ColumnType type, boolean column) {
      if (!n.isObject()) {
        throw fault(pointer, "not a mapping", "{effect, threshold" + (column ? ", ignore}" : "}"));
      }
      only(n, pointer, column ? Set.of("effect", "threshold", "ignore") : Set.of("effect", "threshold"));
      Effect effect = null;
      JsonNode e = n.get("effect");
      if (e != null) {
        effect = e.isTextual() ? Effect.of(e.textValue()) : null;
        if (effect == null || type != null && effect.type() != type) {
          throw fault(pointer + "/effect", "unknown effect", type == ColumnType.NUMERIC ? "wasserstein or psi"
              : type == ColumnType.CATEGORICAL ? "jensen_shannon" : type == ColumnType.TEXT ? "mmd"
              : "wasserstein, psi, jensen_shannon or mmd");
        }
      }
      double threshold = Double.NaN;
      JsonNode t = n.get("threshold");
      if (t != null) {
        if (!t.isNumber() || !(t.asDouble() >= 0) || Double.isInfinite(t.asDouble())) {
          throw fault(pointer + "/threshold", "must be a number >= 0", "an effect-size threshold");
        }
        threshold = t.asDouble();
      }
      boolean ignore = false;
      JsonNode i = n.get("ignore");
      if (i != null) {
        if (!i.isBoolean()) {
          throw fault(pointer + "/ignore", "must be true or false", "a boolean");
        }
        ignore = i.booleanValue();
      }
      return new Rule(effect, threshold, ignore);
    }

    private static String fmt(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
  }
}
