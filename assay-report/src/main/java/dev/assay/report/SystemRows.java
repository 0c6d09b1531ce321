package dev.assay.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.text.SafeText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What was compared, as rows (field, then one value per run): the adapter and every parameter of
 * each run's system (model, prompt or template, temperature, corpus, ...) and its content hash.
 * Shared by the HTML report and the model card so both describe a system the same way.
 *
 * <p>Parameters whose names say they hold a credential are shown as {@value #REDACTED}: a name
 * one of whose {@code _}/{@code -}-separated words is {@code key}, {@code apikey}, {@code token},
 * {@code secret}, {@code password}, {@code passwd}, {@code authorization}, {@code auth}, {@code
 * credential(s)}, {@code cookie} or {@code header(s)} (header values may carry a bearer token), and
 * everything nested under such a name. Counts and limits of tokens ({@code max_tokens}, {@code
 * tokens_per_minute}) are not credentials and are shown. A long value (a prompt) is cut to {@value
 * #MAX_CHARS} characters.
 */
public final class SystemRows {
  static final String REDACTED = "(redacted)";
  static final int MAX_CHARS = 600;
  private static final Pattern WORDS = Pattern.compile("[_\\-.\\s]+");
  private static final Set<String> SECRET_WORDS = Set.of("key", "apikey", "token", "secret", "password", "passwd",
      "authorization", "auth", "credential", "credentials", "cookie", "header", "headers");

  private SystemRows() {}

  /** Whether a parameter called {@code name} holds a credential (see the class comment). */
  public static boolean secret(String name) {
    for (String word : WORDS.split(name.toLowerCase(java.util.Locale.ROOT))) {
      if (SECRET_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** The spec's parameters with every credential replaced by {@value #REDACTED}, recursively. */
  public static JsonNode redacted(JsonNode node) {
    if (node.isObject()) {
      var out = Json.object();
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        out.set(f.getKey(), secret(f.getKey()) ? out.textNode(REDACTED) : redacted(f.getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      var out = Json.MAPPER.createArrayNode();
      node.forEach(e -> out.add(redacted(e)));
      return out;
    }
    return node;
  }

  /** Rows: {@code adapter}, each parameter (union over the runs, in first-seen order), {@code content sha256}. */
  public static List<String[]> of(List<RunRecord> runs) {
    List<String[]> rows = new ArrayList<>();
    rows.add(row("adapter", runs, r -> r.system().type()));
    Set<String> names = new LinkedHashSet<>();
    runs.forEach(r -> r.system().params().fieldNames().forEachRemaining(names::add));
    for (String name : names) {
      rows.add(row(name, runs, r -> {
        JsonNode v = r.system().params().get(name);
        if (v == null) {
          return "–";
        }
        if (secret(name)) {
          return REDACTED;
        }
        JsonNode shown = redacted(v);
        return SafeText.truncate(shown.isTextual() ? shown.textValue() : Json.canonical(shown), MAX_CHARS);
      }));
    }
    if (runs.stream().anyMatch(r -> r.contentHash() != null)) {
      rows.add(row("content sha256", runs, r -> r.contentHash() == null ? "–" : r.contentHash()));
    }
    return rows;
  }

  private static String[] row(String field, List<RunRecord> runs, java.util.function.Function<RunRecord, String> f) {
    String[] row = new String[runs.size() + 1];
    row[0] = field;
    for (int i = 0; i < runs.size(); i++) {
      row[i + 1] = f.apply(runs.get(i));
    }
    return row;
  }
}
