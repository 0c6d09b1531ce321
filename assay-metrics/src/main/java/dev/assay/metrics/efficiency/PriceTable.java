package dev.assay.metrics.efficiency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.InputException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token prices per model, as written in a suite:
 *
 * <pre>
 * prices:
 *   gpt-4o-mini: {input_per_million: 0.15, output_per_million: 0.60}
 *   local-llama: {input_per_million: 0, output_per_million: 0}
 * </pre>
 *
 * Both keys are required per model; other keys are errors (a misspelt price must not silently
 * become 0).
 */
public final class PriceTable {
  /** A table without prices: costs must then be reported by the systems themselves. */
  public static final PriceTable EMPTY = new PriceTable(Map.of());

  private final Map<String, ModelPrice> prices;

  public PriceTable(Map<String, ModelPrice> prices) {
    this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
  }

  public Optional<ModelPrice> price(String model) {
    return model == null ? Optional.empty() : Optional.ofNullable(prices.get(model));
  }

  public Map<String, ModelPrice> prices() {
    return prices;
  }

  /**
   * Reads the {@code prices} object of a suite ({@code node} may be null or missing: empty table).
   * {@code file} and {@code line} locate it in messages.
   */
  public static PriceTable fromJson(JsonNode node, String file, int line) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return EMPTY;
    }
    String shape = "an object {MODEL: {input_per_million: N, output_per_million: N}}";
    if (!node.isObject()) {
      throw new InputException(file, line, "prices", "not an object", shape);
    }
    Map<String, ModelPrice> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String field = "prices." + e.getKey();
      JsonNode p = e.getValue();
      if (!p.isObject()) {
        throw new InputException(file, line, field, "not an object", "{input_per_million: N, output_per_million: N}");
      }
      Iterator<String> keys = p.fieldNames();
      while (keys.hasNext()) {
        String k = keys.next();
        if (!k.equals("input_per_million") && !k.equals("output_per_million")) {
          throw new InputException(file, line, field + "." + k, "unknown key", "input_per_million or output_per_million");
        }
      }
      out.put(e.getKey(), new ModelPrice(
          amount(p.get("input_per_million"), field + ".input_per_million", file, line),
          amount(p.get("output_per_million"), field + ".output_per_million", file, line)));
    }
    return new PriceTable(out);
  }

  private static double amount(JsonNode v, String field, String file, int line) {
    if (v == null || !v.isNumber() || !(v.doubleValue() >= 0) || Double.isInfinite(v.doubleValue())) {
      throw new InputException(file, line, field, v == null ? "missing" : "invalid price " + v,
          "a non-negative number (price per million tokens)");
    }
    return v.doubleValue();
  }
}
