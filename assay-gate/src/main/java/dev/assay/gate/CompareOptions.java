package dev.assay.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.stats.Confidence;
import dev.assay.stats.bootstrap.Bootstrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of a paired comparison.
 *
 * @param metrics the metrics to compare, or empty for every metric both sides have
 * @param confidence two-sided confidence level of the intervals, in (0, 1); default 0.95
 * @param seed seed of the bootstrap and of Monte Carlo permutation tests; default 0
 * @param replicates bootstrap replicates and Monte Carlo permutations, >= 1; default 10,000
 * @param test the test of per-example (mean) metrics, or null for the default (McNemar for 0/1
 *     metrics, permutation otherwise)
 * @param interval the interval method; default BCa
 * @param allowPartial whether an overlap below 90% is accepted
 * @param lowerIsBetter metric names the user declared lower-is-better ({@code --lower-is-better})
 * @param power target power of minimum detectable effects and sample sizes; default 0.8
 */
public record CompareOptions(List<String> metrics, double confidence, long seed, int replicates, TestChoice test,
    IntervalChoice interval, boolean allowPartial, Set<String> lowerIsBetter, double power) {
  public CompareOptions {
    metrics = List.copyOf(metrics);
    lowerIsBetter = Set.copyOf(lowerIsBetter);
    Confidence.check(confidence);
    Confidence.check(power);
    if (replicates < 1) {
      throw new IllegalArgumentException("replicates must be >= 1, got " + replicates);
    }
    if (interval == null) {
      throw new IllegalArgumentException("interval method is required");
    }
  }

  /** Every metric, 95%, seed 0, B = 10,000, default test, BCa, no overrides, 80% power. */
  public static CompareOptions defaults() {
    return new CompareOptions(List.of(), 0.95, Bootstrap.DEFAULT_SEED, Bootstrap.DEFAULT_REPLICATES, null,
        IntervalChoice.BCA, false, Set.of(), 0.8);
  }

  public CompareOptions withConfidence(double level) {
    return new CompareOptions(metrics, level, seed, replicates, test, interval, allowPartial, lowerIsBetter, power);
  }

  public CompareOptions withReplicates(int count) {
    return new CompareOptions(metrics, confidence, seed, count, test, interval, allowPartial, lowerIsBetter, power);
  }

  public CompareOptions withSeed(long s) {
    return new CompareOptions(metrics, confidence, s, replicates, test, interval, allowPartial, lowerIsBetter, power);
  }

  public CompareOptions withTest(TestChoice choice) {
    return new CompareOptions(metrics, confidence, seed, replicates, choice, interval, allowPartial, lowerIsBetter,
        power);
  }

  public CompareOptions withInterval(IntervalChoice choice) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, choice, allowPartial, lowerIsBetter, power);
  }

  public CompareOptions withLowerIsBetter(Set<String> names) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, interval, allowPartial, names, power);
  }

  public CompareOptions withPower(double target) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, interval, allowPartial, lowerIsBetter,
        target);
  }

  public CompareOptions withMetrics(List<String> names) {
    return new CompareOptions(names, confidence, seed, replicates, test, interval, allowPartial, lowerIsBetter, power);
  }

  public CompareOptions withAllowPartial(boolean allow) {
    return new CompareOptions(metrics, confidence, seed, replicates, test, interval, allow, lowerIsBetter, power);
  }

  /**
   * The options as a stored verdict keeps them ({@code options} in its detail), so a comparison of
   * the same runs can be recomputed to the same figures: {@code {"metrics", "confidence", "seed",
   * "replicates", "test", "interval", "allow_partial", "lower_is_better", "power"}}; {@code test} is
   * null for the default choice.
   */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    metrics.forEach(o.putArray("metrics")::add);
    o.put("confidence", confidence);
    o.put("seed", seed);
    o.put("replicates", replicates);
    o.put("test", test == null ? null : test.name().toLowerCase(Locale.ROOT));
    o.put("interval", interval.name().toLowerCase(Locale.ROOT));
    o.put("allow_partial", allowPartial);
    new TreeSet<>(lowerIsBetter).forEach(o.putArray("lower_is_better")::add);
    o.put("power", power);
    return o;
  }

  /**
   * Reads {@link #toJson()}; a field that is absent keeps its default (a verdict recorded before a
   * field existed was reached with that default).
   *
   * @throws IllegalArgumentException when a field holds something {@link #toJson()} never writes
   */
  public static CompareOptions fromJson(JsonNode o) {
    CompareOptions d = defaults();
    List<String> metrics = new ArrayList<>();
    o.path("metrics").forEach(m -> metrics.add(m.asText()));
    Set<String> lower = new TreeSet<>();
    o.path("lower_is_better").forEach(m -> lower.add(m.asText()));
    JsonNode test = o.path("test");
    JsonNode interval = o.path("interval");
    return new CompareOptions(metrics, o.path("confidence").asDouble(d.confidence()), o.path("seed").asLong(d.seed()),
        o.path("replicates").asInt(d.replicates()),
        test.isTextual() ? TestChoice.valueOf(test.asText().toUpperCase(Locale.ROOT)) : null,
        interval.isTextual() ? IntervalChoice.valueOf(interval.asText().toUpperCase(Locale.ROOT)) : d.interval(),
        o.path("allow_partial").asBoolean(d.allowPartial()), lower, o.path("power").asDouble(d.power()));
  }
}
