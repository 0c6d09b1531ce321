package dev.assay.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.DatasetSpec;
import dev.assay.core.DidYouMean;
import dev.assay.core.EngineSettings;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Limits;
import dev.assay.core.NumberRange;
import dev.assay.core.Plugins;
import dev.assay.core.Suite;
import dev.assay.core.SystemSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a suite file (docs/suites.md).
 *
 * <p>Every problem throws one {@link InputException} naming the suite file, the line of the
 * offending key, the field path ({@code dataset.path}, {@code systems.gpt.type}) and what was
 * expected: unknown keys (with a "did you mean"), wrong types and ranges, unknown adapters,
 * adapter parameters and metrics. The dataset file itself is not read here (see {@link
 * DatasetLoader}), nor is the {@code gate} section, which assay-gate validates. Otherwise a returned
 * suite is fully valid.
 */
public final class SuiteLoader {
  /** The top-level keys of a suite. */
  public static final List<String> KEYS =
      List.of("name", "description", "dataset", "systems", "metrics", "concurrency", "timeout", "retries",
          "rate_limit_rpm", "seed", "repeats", "gate", "cluster", "max_error_rate", "kpi");

  private static final List<String> DATASET_KEYS = List.of("path", "format", "fields", "qrels", "all_topics");
  private static final Pattern SYSTEM_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
  private static final Map<String, BigDecimal> NANOS_PER_UNIT =
      Map.of("ms", BigDecimal.valueOf(1_000_000L), "s", BigDecimal.valueOf(1_000_000_000L),
          "m", BigDecimal.valueOf(60_000_000_000L), "h", BigDecimal.valueOf(3_600_000_000_000L));
  private static final String DURATION_TEXT = "a duration from 1ms to 24h such as 30s, 500ms or 2m, or a number of "
      + "seconds";

  private final Plugins plugins;

  /** @param plugins the adapters and scorers systems and metrics are checked against */
  public SuiteLoader(Plugins plugins) {
    this.plugins = Objects.requireNonNull(plugins, "plugins");
  }

  /** Reads and validates the suite in {@code file}; errors name {@code file} as given. */
  public Suite load(Path file) {
    YamlTreeReader.YamlTree tree = YamlTreeReader.read(file);
    return build(tree.root(), file, new SuiteTree(file.toString(), tree.lines()), tree.lines());
  }

  /**
   * Rebuilds a suite from its parsed tree (as stored in a run record, for {@code --resume}).
   * The same checks apply; errors carry line 0 since the tree has no lines.
   *
   * @param file the original suite file: the dataset path resolves against its folder
   */
  public Suite fromJson(ObjectNode json, Path file) {
    return build(json.deepCopy(), file, new SuiteTree(file.toString(), Map.of()), Map.of());
  }

  /**
   * The dataset section of a suite kept in a run record, without checking the rest of the suite
   * (its systems and metrics may no longer be installed): what {@code RunInputs} needs to find a
   * format-1 run's dataset file.
   */
  public static DatasetSpec datasetOf(ObjectNode json, Path file) {
    return dataset(json, file, new SuiteTree(file.toString(), Map.of()));
  }

  private Suite build(ObjectNode json, Path file, SuiteTree t, Map<String, Integer> lines) {
    t.onlyKeys(json, "", "", KEYS);
    String name = t.string(json, "/name", "name");
    if (name == null) {
      name = defaultName(file);
    }
    JsonNode description = json.get("description");
    if (description != null && !description.isTextual()) {
      throw t.wrong("/description", "description", description, "a string");
    }
    DatasetSpec dataset = dataset(json, file, t);
    List<SystemSpec> systems = systems(json, file, t);
    List<String> metrics = metrics(json, t);
    kpi(json, t, metrics);
    int concurrency = integer(json, t, "concurrency", Limits.CONCURRENCY, 8);
    Duration timeout = timeout(json, t);
    int retries = integer(json, t, "retries", Limits.RETRIES, 2);
    Double rateLimit = rateLimit(json, "/rate_limit_rpm", "rate_limit_rpm", t);
    double maxErrorRate = maxErrorRate(json, t);
    long seed = seed(json, t);
    int repeats = integer(json, t, "repeats", Limits.REPEATS, 1);
    String cluster = cluster(json, t);
    EngineSettings engine = new EngineSettings(concurrency, timeout, retries, rateLimit, maxErrorRate);
    return new Suite(name, file, Json.hash(json), json, lines, dataset, systems, metrics, engine, seed, repeats,
        cluster);
  }

  private static String defaultName(Path file) {
    Path fileName = file.getFileName();
    String n = fileName == null ? "suite" : fileName.toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  private static DatasetSpec dataset(ObjectNode json, Path file, SuiteTree t) {
    ObjectNode d = t.mapping(json, "/dataset", "dataset");
    if (d == null) {
      throw t.error("", "dataset", "missing", "a dataset section with at least a path");
    }
    t.onlyKeys(d, "/dataset", "dataset", DATASET_KEYS);
    String path = t.string(d, "/dataset/path", "dataset.path");
    if (path == null) {
      throw t.error("/dataset", "dataset.path", "missing", "the dataset file, relative to the suite's folder");
    }
    String format = t.string(d, "/dataset/format", "dataset.format");
    if (format != null && !DatasetLoader.FORMATS.contains(format)) {
      throw t.error("/dataset/format", "dataset.format", "unknown format '" + format + "'",
          DidYouMean.expected(format, DatasetLoader.FORMATS));
    }
    if (format == null) {
      format = DatasetLoader.inferFormat(path).orElseThrow(() -> t.error("/dataset/path", "dataset.format",
          "cannot tell the format from the file name",
          "format: jsonl or format: csv, or a .jsonl, .ndjson or .csv file"));
    }
    ObjectNode fields = t.mapping(d, "/dataset/fields", "dataset.fields");
    FieldMapping.parse(fields, t.file(), key -> t.line(SuiteTree.child("/dataset/fields", key)));
    Path resolved = resolve(file, path, t, "/dataset/path", "dataset.path");
    String qrels = t.string(d, "/dataset/qrels", "dataset.qrels");
    Path qrelsResolved = qrels == null ? null : resolve(file, qrels, t, "/dataset/qrels", "dataset.qrels");
    boolean allTopics = false;
    JsonNode all = d.get("all_topics");
    if (all != null) {
      if (!all.isBoolean()) {
        throw t.wrong("/dataset/all_topics", "dataset.all_topics", all, "true or false");
      }
      if (qrels == null) {
        throw t.error("/dataset/all_topics", "dataset.all_topics", "given without dataset.qrels",
            "a qrels file whose topics decide which queries count, e.g. qrels: qrels.txt");
      }
      allTopics = all.booleanValue();
    }
    return new DatasetSpec(path, resolved, format, fields == null ? null : fields.deepCopy(), t.line("/dataset"),
        qrels, qrelsResolved, allTopics);
  }

  private static Path resolve(Path file, String path, SuiteTree t, String pointer, String field) {
    try {
      Path folder = file.getParent();
      return (folder == null ? Path.of(path) : folder.resolve(path)).normalize();
    } catch (InvalidPathException e) {
      throw t.error(pointer, field, "not a valid path: " + e.getReason(), "a file path");
    }
  }

  private List<SystemSpec> systems(ObjectNode json, Path file, SuiteTree t) {
    String shape = "a mapping of system names to {type: ADAPTER, parameters...}";
    ObjectNode s = t.mapping(json, "/systems", "systems");
    if (s == null) {
      throw t.error("", "systems", "missing", shape);
    }
    if (s.isEmpty()) {
      throw t.error("/systems", "systems", "no systems", "at least one system: " + shape);
    }
    List<SystemSpec> specs = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = s.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      String pointer = SuiteTree.child("/systems", name);
      String field = "systems." + name;
      if (!SYSTEM_NAME.matcher(name).matches()) {
        throw t.error(pointer, field, "invalid system name", "letters, digits, '_', '.' and '-' only");
      }
      if (!e.getValue().isObject()) {
        throw t.wrong(pointer, field, e.getValue(), "a mapping with type: ADAPTER and the adapter's parameters");
      }
      ObjectNode body = (ObjectNode) e.getValue();
      String type = t.string(body, pointer + "/type", field + ".type");
      if (type == null) {
        throw t.error(pointer, field + ".type", "missing",
            "the adapter type, one of: " + String.join(", ", plugins.systemTypes()));
      }
      rateLimit(body, SuiteTree.child(pointer, "rate_limit_rpm"), field + ".rate_limit_rpm", t);
      JsonNode nondeterministic = body.get("nondeterministic");
      if (nondeterministic != null && !nondeterministic.isBoolean()) {
        throw t.wrong(SuiteTree.child(pointer, "nondeterministic"), field + ".nondeterministic", nondeterministic,
            "true or false: whether the system may answer differently to the same input");
      }
      ObjectNode params = body.deepCopy();
      params.remove("type");
      SystemSpec spec = new SystemSpec(name, type, params, t.line(pointer));
      try {
        plugins.checkSystem(spec, file);
      } catch (InputException x) {
        throw relocate(x, t, pointer, field);
      }
      specs.add(spec);
    }
    return specs;
  }

  /**
   * Points a plug-in's error at the line of the parameter it names: the plug-in only knows the
   * system's line.
   */
  private static InputException relocate(InputException x, SuiteTree t, String pointer, String field) {
    if (!Objects.equals(x.file(), t.file()) || x.field() == null || !x.field().startsWith(field + ".")) {
      return x;
    }
    int line = t.line(SuiteTree.child(pointer, x.field().substring(field.length() + 1)));
    return line > 0 ? new InputException(x.file(), line, x.field(), x.getMessage(), x.expected()) : x;
  }

  private List<String> metrics(ObjectNode json, SuiteTree t) {
    String shape = "a list of metric names such as [exact_match, f1]";
    JsonNode m = json.get("metrics");
    if (m == null) {
      throw t.error("", "metrics", "missing", shape);
    }
    if (!m.isArray()) {
      throw t.wrong("/metrics", "metrics", m, shape);
    }
    if (m.isEmpty()) {
      throw t.error("/metrics", "metrics", "no metrics", "at least one metric: " + shape);
    }
    List<String> metrics = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < m.size(); i++) {
      String pointer = "/metrics/" + i;
      JsonNode v = m.get(i);
      if (!v.isTextual() || v.textValue().isEmpty()) {
        throw t.wrong(pointer, "metrics", v, "a metric name, optionally with parameters: NAME[:key=value]...");
      }
      String spec = v.textValue();
      Integer first = seen.putIfAbsent(spec, i);
      if (first != null) {
        throw t.error(pointer, "metrics", "metric '" + spec + "' listed twice", "each metric once");
      }
      plugins.metric(spec, t.file(), t.line(pointer));
      metrics.add(spec);
    }
    return metrics;
  }

  /**
   * {@code kpi: {METRIC: CATEGORY}}: what some of the suite's metrics measure, for the scorecard.
   * Each key must be one of the suite's metrics, as written there.
   */
  private static void kpi(ObjectNode json, SuiteTree t, List<String> metrics) {
    ObjectNode kpi = t.mapping(json, "/kpi", "kpi");
    if (kpi == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : kpi.properties()) {
      String pointer = SuiteTree.child("/kpi", e.getKey());
      String field = "kpi." + e.getKey();
      if (!metrics.contains(e.getKey())) {
        throw t.error(pointer, field, "not one of the suite's metrics", DidYouMean.expected(e.getKey(), metrics));
      }
      JsonNode v = e.getValue();
      if (!v.isTextual() || dev.assay.core.Kpi.parse(v.textValue()).isEmpty()) {
        throw t.wrong(pointer, field, v, "one of " + String.join(", ", dev.assay.core.Kpi.NAMES));
      }
    }
  }

  /** {@code cluster: FIELD}: a field name; whether examples carry it is checked against the dataset. */
  private static String cluster(ObjectNode json, SuiteTree t) {
    JsonNode v = json.get("cluster");
    if (v == null) {
      return null;
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw t.wrong("/cluster", "cluster", v, "the name of the example field that groups examples, "
          + "e.g. cluster: document_id");
    }
    return v.textValue();
  }

  /** {@code max_error_rate}: the largest share of failed results a completed run may have. */
  private static double maxErrorRate(ObjectNode json, SuiteTree t) {
    JsonNode v = json.get("max_error_rate");
    if (v == null) {
      return EngineSettings.DEFAULT_MAX_ERROR_RATE;
    }
    if (!v.isNumber() || !(v.doubleValue() >= 0 && v.doubleValue() <= 1)) {
      throw t.wrong("/max_error_rate", "max_error_rate", v, "a share from 0 to 1, e.g. 0.05 for 5%");
    }
    return v.doubleValue();
  }

  /** An integer setting within its documented range (docs/security.md). */
  private static int integer(ObjectNode json, SuiteTree t, String key, NumberRange range, int fallback) {
    JsonNode v = json.get(key);
    if (v == null) {
      return fallback;
    }
    if (!range.contains(v)) {
      throw t.wrong("/" + key, key, v, range.describe());
    }
    return v.intValue();
  }

  private static long seed(ObjectNode json, SuiteTree t) {
    JsonNode v = json.get("seed");
    if (v == null) {
      return 0L;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw t.wrong("/seed", "seed", v, "an integer (64-bit)");
    }
    return v.longValue();
  }

  /** A requests-per-minute limit at {@code pointer} of {@code parent}, or null when absent. */
  private static Double rateLimit(ObjectNode parent, String pointer, String field, SuiteTree t) {
    JsonNode v = parent.get("rate_limit_rpm");
    if (v == null) {
      return null;
    }
    if (!Limits.RATE_LIMIT_RPM.contains(v)) {
      throw t.wrong(pointer, field, v, Limits.RATE_LIMIT_RPM.describe() + " requests per minute");
    }
    return v.doubleValue();
  }

  private static Duration timeout(ObjectNode json, SuiteTree t) {
    JsonNode v = json.get("timeout");
    if (v == null) {
      return Duration.ofSeconds(60);
    }
    Duration d = duration(v);
    if (d == null) {
      throw t.wrong("/timeout", "timeout", v, DURATION_TEXT);
    }
    return d;
  }

  /**
   * A suite duration: a number of seconds, or text such as {@code 30s}, {@code 500ms}, {@code 2m},
   * {@code 1h}; null when {@code v} is not one or lies outside 1 ms to 24 h ({@link Limits}).
   */
  public static Duration duration(JsonNode v) {
    BigDecimal amount;
    BigDecimal unit;
    if (v.isNumber()) {
      amount = v.decimalValue();
      unit = NANOS_PER_UNIT.get("s");
    } else if (v.isTextual()) {
      Matcher m = DURATION.matcher(v.textValue().trim());
      if (!m.matches()) {
        return null;
      }
      amount = new BigDecimal(m.group(1));
      unit = NANOS_PER_UNIT.get(m.group(2));
    } else {
      return null;
    }
    try {
      long nanos = amount.multiply(unit).setScale(0, RoundingMode.HALF_UP).longValueExact();
      return nanos < Limits.MIN_TIMEOUT.toNanos() || nanos > Limits.MAX_TIMEOUT.toNanos() ? null
          : Duration.ofNanos(nanos);
    } catch (ArithmeticException e) {
      return null;
    }
  }
}
