package dev.assay.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one reader of plug-in parameters: a metric's ({@code bleu:tokenize=intl}, values are text)
 * or a system's (the suite's YAML mapping, values are JSON).
 *
 * <p>Every fault is one {@link InputException} in the same words, naming where the parameter was
 * given: a metric's spec (field {@code metrics}), or the suite file, the system's line and the
 * field {@code systems.NAME.KEY}. Ranges are inclusive and stated in the message. Numbers of a
 * metric spec are parsed from their text; a system's must be JSON numbers (a quoted {@code "3"}
 * is a string, as YAML says).
 */
public final class Params {
  private final Map<String, JsonNode> values;
  private final boolean textual;
  private final String owner;
  private final String file;
  private final int line;
  private final String fieldPrefix;

  private Params(Map<String, JsonNode> values, boolean textual, String owner, String file, int line,
      String fieldPrefix) {
    this.values = Collections.unmodifiableMap(values);
    this.textual = textual;
    this.owner = owner;
    this.file = file;
    this.line = line;
    this.fieldPrefix = fieldPrefix;
  }

  /** The parameters of a metric spec. */
  public static Params of(MetricName name) {
    Map<String, JsonNode> v = new LinkedHashMap<>();
    name.params().forEach((k, text) -> v.put(k, TextNode.valueOf(text)));
    return new Params(v, true, "metric '" + name.base() + "'", null, 0, null);
  }

  /** The parameters of a system spec declared in {@code suiteFile} (may be null). */
  public static Params of(SystemSpec spec, Path suiteFile) {
    Map<String, JsonNode> v = new LinkedHashMap<>();
    spec.params().properties().forEach(e -> {
      if (!e.getValue().isNull()) {
        v.put(e.getKey(), e.getValue());
      }
    });
    return new Params(v, false, "system '" + spec.name() + "'", suiteFile == null ? null : suiteFile.toString(),
        spec.line(), "systems." + spec.name() + ".");
  }

  /** Throws unless every given key is in {@code known} (with a "did you mean"). */
  public Params allowOnly(Collection<String> known) {
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw fault(key, "unknown parameter", known.isEmpty()
            ? owner + " takes no parameters"
            : DidYouMean.expected(key, new TreeSet<>(known)));
      }
    }
    return this;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The keys given, in order. */
  public Set<String> keys() {
    return values.keySet();
  }

  /** The raw value of {@code key}, or null when absent. */
  public JsonNode raw(String key) {
    return values.get(key);
  }

  /** A string parameter (a system's must be a JSON string), or {@code fallback}. */
  public String string(String key, String fallback) {
    JsonNode v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw wrong(key, v, "a string");
    }
    return v.textValue();
  }

  /** A non-blank string parameter that must be given. */
  public String requiredString(String key, String expected) {
    JsonNode v = values.get(key);
    if (v == null) {
      throw fault(key, "missing", expected);
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw wrong(key, v, expected);
    }
    return v.textValue();
  }

  /** An integer in [{@code min}, {@code max}], or {@code fallback}. */
  public int integer(String key, int fallback, int min, int max) {
    return (int) longInteger(key, fallback, min, max);
  }

  /** A 64-bit integer in [{@code min}, {@code max}], or {@code fallback}. */
  public long longInteger(String key, long fallback, long min, long max) {
    JsonNode v = values.get(key);
    if (v == null) {
      return fallback;
    }
    String expected = "an integer from " + min + " to " + max;
    long x;
    if (textual) {
      try {
        x = Long.parseLong(v.textValue().trim());
      } catch (NumberFormatException e) {
        throw wrong(key, v, expected);
      }
    } else {
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw wrong(key, v, expected);
      }
      x = v.longValue();
    }
    if (x < min || x > max) {
      throw wrong(key, v, expected);
    }
    return x;
  }

  /** A finite number in [{@code min}, {@code max}] (either bound may be infinite), or {@code fallback}. */
  public double number(String key, double fallback, double min, double max) {
    JsonNode v = values.get(key);
    if (v == null) {
      return fallback;
    }
    String expected = "a number " + range(min, max);
    double x;
    if (textual) {
      try {
        x = Double.parseDouble(v.textValue().trim());
      } catch (NumberFormatException e) {
        throw wrong(key, v, expected);
      }
    } else {
      if (!v.isNumber()) {
        throw wrong(key, v, expected);
      }
      x = v.doubleValue();
    }
    if (!Double.isFinite(x) || x < min || x > max) {
      throw wrong(key, v, expected);
    }
    return x;
  }

  /**
   * An integer within its documented {@code range}, or {@code fallback} when absent.
   *
   * @param expected what the value means, for the message (may be null)
   * @throws InputException naming the parameter, its value and the range otherwise
   */
  public int integer(String key, int fallback, NumberRange range, String expected) {
    BigDecimal v = inRange(key, range, expected);
    return v == null ? fallback : v.intValueExact();
  }

  /** A number within its documented {@code range}, or {@code fallback} when absent. */
  public double number(String key, double fallback, NumberRange range, String expected) {
    BigDecimal v = inRange(key, range, expected);
    return v == null ? fallback : v.doubleValue();
  }

  /** A 64-bit integer within its documented {@code range}, or null when absent. */
  public Long optionalLong(String key, NumberRange range, String expected) {
    BigDecimal v = inRange(key, range, expected);
    return v == null ? null : v.longValueExact();
  }

  /** A number within its documented {@code range}, or null when absent. */
  public Double optionalNumber(String key, NumberRange range, String expected) {
    BigDecimal v = inRange(key, range, expected);
    return v == null ? null : v.doubleValue();
  }

  private BigDecimal inRange(String key, NumberRange range, String expected) {
    JsonNode v = values.get(key);
    if (v == null) {
      return null;
    }
    String wanted = range.describe() + (expected == null ? "" : ": " + expected);
    BigDecimal x;
    if (textual) {
      try {
        x = new BigDecimal(v.textValue().trim());
      } catch (NumberFormatException e) {
        throw wrong(key, v, wanted);
      }
    } else {
      if (!v.isNumber() || v.isFloatingPointNumber() && !v.isBigDecimal() && !Double.isFinite(v.doubleValue())) {
        throw wrong(key, v, wanted);
      }
      x = v.decimalValue();
    }
    boolean integral = x.signum() == 0 || x.stripTrailingZeros().scale() <= 0;
    if (range.integer() && !integral || !range.contains(x)) {
      throw wrong(key, v, wanted);
    }
    return x;
  }

  /** {@code true} or {@code false} (a metric's text in any case), or {@code fallback}. */
  public boolean bool(String key, boolean fallback) {
    JsonNode v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (!textual && v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      switch (v.textValue().trim().toLowerCase(Locale.ROOT)) {
        case "true":
          return true;
        case "false":
          return false;
        default:
          break;
      }
    }
    throw wrong(key, v, "true or false");
  }

  /** One of {@code choices} (matched ignoring case, returned as listed), or {@code fallback}. */
  public String choice(String key, String fallback, Collection<String> choices) {
    JsonNode v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v.isTextual()) {
      for (String c : choices) {
        if (c.equalsIgnoreCase(v.textValue().trim())) {
          return c;
        }
      }
    }
    throw wrong(key, v, v.isTextual() ? DidYouMean.expected(v.textValue(), new TreeSet<>(choices))
        : "one of " + String.join(", ", new TreeSet<>(choices)));
  }

  /** A path parameter resolved against {@code folder}, or null when absent. */
  public Path path(String key, Path folder) {
    String p = string(key, null);
    if (p == null) {
      return null;
    }
    try {
      return folder.resolve(p).normalize();
    } catch (InvalidPathException e) {
      throw fault(key, "not a valid path: " + e.getReason(), "a path relative to the suite's folder");
    }
  }

  /**
   * The regular file named by required parameter {@code key}, resolved against {@code folder}.
   *
   * @param what what the file should be, e.g. "a predictions file (JSONL)"
   * @param expected the message's expectation when the parameter is missing or the file unusable
   * @throws InputException naming this parameter when it is missing, or the file is absent, a
   *     folder, a FIFO, a broken link or unreadable ({@link dev.assay.core.io.InputFiles#check})
   */
  public Path file(String key, Path folder, String what, String expected) {
    requiredString(key, expected);
    Path file = path(key, folder);
    try {
      dev.assay.core.io.InputFiles.check(file, file.toString(), what);
    } catch (InputException e) {
      // Name the parameter: the path written there is what the user has to fix.
      throw fault(key, e.getMessage() + ": " + file, expected);
    }
    return file;
  }

  /** An input error about parameter {@code key}, in this reader's words and place. */
  public InputException fault(String key, String problem, String expected) {
    if (fieldPrefix == null) {
      return new InputException((String) null, 0, "metrics", owner + ", parameter '" + key + "': " + problem,
          expected);
    }
    return new InputException(file, line, fieldPrefix + key, problem, expected);
  }

  private InputException wrong(String key, JsonNode v, String expected) {
    String shown = textual ? "'" + v.textValue() + "'" : dev.assay.core.io.Describe.node(v);
    return fault(key, "got " + shown, expected);
  }

  private static String range(double min, double max) {
    if (Double.isInfinite(min) && Double.isInfinite(max)) {
      return "(any finite value)";
    }
    if (Double.isInfinite(max)) {
      return ">= " + plain(min);
    }
    if (Double.isInfinite(min)) {
      return "<= " + plain(max);
    }
    return "from " + plain(min) + " to " + plain(max);
  }

  private static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
