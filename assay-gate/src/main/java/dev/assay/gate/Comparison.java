package dev.assay.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Direction;
import dev.assay.core.Json;
import dev.assay.core.Metric;
import dev.assay.stats.ConfidenceInterval;

/**
 * The paired comparison of one metric: candidate minus baseline over the examples both sides
 * scored.
 *
 * @param metric the metric: its name, direction, kind ({@code statistic}) and scale
 * @param n paired examples
 * @param baseline the baseline's value of the metric over the paired examples (its run value when
 *     every example is paired)
 * @param candidate the candidate's value, likewise
 * @param difference {@code candidate - baseline}
 * @param relativeDifference {@code difference / |baseline|}; NaN when the baseline is 0
 * @param ci interval of the difference at {@code ci.confidence()}
 * @param intervalMethod how {@code ci} was computed
 * @param pValue two-sided p-value of "no difference" by {@code test}
 * @param test the test actually computed (e.g. {@code mcnemar-exact})
 * @param effectSize standardised mean difference d_z = mean(d) / sd(d); NaN when sd(d) = 0 or the
 *     metric is not a mean
 * @param mde minimum detectable |difference| at the target power and this n (two-sided, α = 1 -
 *     confidence); NaN when it cannot be computed (no variation, too few examples)
 * @param sdDifference the per-example sd that planning figures (mde, examples needed) use: the sample
 *     sd of the per-example differences; for other statistics or clustered examples, the bootstrap
 *     standard error times √n (the sd that independent examples would need to give the same
 *     precision)
 * @param intervals the interval family (other levels, interval inversion); not serialised
 * @param resampling the resampling unit: {@code example} or {@code cluster:FIELD}
 * @param units the number of resampling units (examples, or clusters)
 */
public record Comparison(Metric metric, int n, double baseline, double candidate, double difference,
    double relativeDifference, ConfidenceInterval ci, String intervalMethod, double pValue, String test,
    double effectSize, double mde, double sdDifference, IntervalSource intervals, String resampling, int units) {

  /** The metric's name. */
  public String name() {
    return metric.name();
  }

  public Direction direction() {
    return metric.direction();
  }

  /** How the metric aggregates: {@code mean}, {@code corpus} or {@code quantile}. */
  public String statistic() {
    return metric.kind().wire();
  }

  /** The contract's JSON object (NaN as null). */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("metric", name());
    o.put("direction", direction().wire());
    o.put("n", n);
    o.put("statistic", statistic());
    o.put("resampling", resampling);
    o.put("units", units);
    JsonNumbers.put(o, "baseline", baseline);
    JsonNumbers.put(o, "candidate", candidate);
    JsonNumbers.put(o, "difference", difference);
    JsonNumbers.put(o, "relative_difference", relativeDifference);
    o.set("ci", JsonNumbers.interval(ci));
    o.put("interval", intervalMethod);
    o.put("confidence", ci.confidence());
    JsonNumbers.put(o, "p_value", pValue);
    o.put("test", test);
    JsonNumbers.put(o, "effect_size", effectSize);
    JsonNumbers.put(o, "mde", mde);
    return o;
  }
}
