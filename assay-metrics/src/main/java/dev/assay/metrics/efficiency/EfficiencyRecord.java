package dev.assay.metrics.efficiency;

import dev.assay.core.ExampleResult;
import java.util.Objects;

/**
 * What one example cost to answer. Any measurement may be unknown (null); a metric that needs it
 * then fails with an input error naming the example.
 *
 * @param id the example id
 * @param latencyMs wall time of the answer in milliseconds, finite and non-negative
 * @param tokensIn prompt tokens, non-negative
 * @param tokensOut completion tokens, non-negative
 * @param cost the cost the system reported, in the price table's currency; when null the cost is
 *     derived from the tokens and the model's price
 * @param model the model that answered, the key into the {@link PriceTable}; may be null
 */
public record EfficiencyRecord(String id, Double latencyMs, Long tokensIn, Long tokensOut, Double cost, String model) {
  public EfficiencyRecord {
    Objects.requireNonNull(id, "id");
    if (latencyMs != null && !(latencyMs >= 0 && latencyMs < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("latency must be finite and non-negative: " + latencyMs + " for " + id);
    }
    if ((tokensIn != null && tokensIn < 0) || (tokensOut != null && tokensOut < 0)) {
      throw new IllegalArgumentException("token counts must be non-negative for " + id);
    }
    if (cost != null && !(cost >= 0 && cost < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("cost must be finite and non-negative: " + cost + " for " + id);
    }
  }

  /** The measurements of a run's per-example result; {@code model} keys the price table. */
  public static EfficiencyRecord of(ExampleResult result, String model) {
    return new EfficiencyRecord(result.id(), result.latencyMs(), result.tokensIn(), result.tokensOut(), result.cost(), model);
  }
}
