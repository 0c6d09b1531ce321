package dev.assay.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A metric as written in a suite or on the command line: {@code NAME[:key=value]...} (DESIGN.md,
 * "Metric parameters ride on the metric name"), e.g. {@code bleu:tokenize=intl} or {@code
 * judge:base_url=http://127.0.0.1:8000/v1:model=m}. Every metric family parses its name here, so
 * the grammar is the same everywhere.
 *
 * <p>Parameters are split at each {@code :} that starts a {@code key=} pair (a key is a letter or
 * underscore, then letters, digits or underscores), so values may themselves contain colons (a
 * URL). Keys and values are trimmed. Invariants: {@code base} is not empty; keys are unique, in
 * order of appearance; no value is empty.
 *
 * @param text the metric as written (trimmed); families report under this name
 * @param base the name before the first {@code :}
 * @param params the parameters, in order of appearance
 */
public record MetricName(String text, String base, Map<String, String> params) {
  private static final Pattern PAIR_START = Pattern.compile(":(?=\\s*[A-Za-z_][A-Za-z0-9_]*\\s*=)");
  private static final String FORM = "NAME[:key=value]...";

  public MetricName {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** The base name of {@code text} without parsing its parameters (a family's first check). */
  public static String baseOf(String text) {
    String t = text.trim();
    int colon = t.indexOf(':');
    return (colon < 0 ? t : t.substring(0, colon)).trim();
  }

  /**
   * Parses {@code text}.
   *
   * @throws InputException on an empty name, a parameter without {@code key=}, an empty value or
   *     a key given twice; the message names the metric
   */
  public static MetricName parse(String text) {
    String t = text.trim();
    int colon = t.indexOf(':');
    String base = (colon < 0 ? t : t.substring(0, colon)).trim();
    if (base.isEmpty()) {
      throw InputException.of("empty metric name in '" + t + "'", FORM);
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (colon >= 0) {
      String rest = t.substring(colon);
      if (!PAIR_START.matcher(rest).lookingAt()) {
        throw malformed(rest.substring(1), t);
      }
      for (String pair : PAIR_START.split(rest.substring(1), -1)) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? "" : pair.substring(0, eq).trim();
        String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
        if (key.isEmpty() || value.isEmpty()) {
          throw malformed(pair, t);
        }
        if (params.put(key, value) != null) {
          throw InputException.of("parameter '" + key + "' given twice in metric '" + t + "'", "each key once");
        }
      }
    }
    return new MetricName(t, base, params);
  }

  private static InputException malformed(String pair, String text) {
    return InputException.of("malformed parameter '" + pair + "' in metric '" + text + "'", "key=value, as in " + FORM);
  }
}
