package dev.assay.core;

import java.util.List;

/**
 * How a metric's run value arises from per-example {@link Score}s: its name, direction, kind and
 * scale, and the aggregation itself. The {@link Scorer} scores one example; the metric aggregates.
 *
 * <p>Describing a metric has no side effects: a {@link ScorerProvider} builds one from a spec
 * without reading files, opening connections or starting processes, so the comparison service,
 * reports and cards may ask for any metric's direction or aggregation.
 *
 * <p>Invariants: implementations are immutable and thread-safe; {@link #sample} of the same scores
 * in the same order always gives the same values, bit for bit, so the run value the engine stores
 * and the value a comparison shows for that run are the same number.
 */
public interface Metric {
  /** The metric as written, {@code NAME[:key=value]...}: the key of its scores in a run. */
  String name();

  Direction direction();

  MetricKind kind();

  Scale scale();

  /**
   * Binds this metric to the scores of a set of scored results, in the order given.
   *
   * @param scores one score per scored result (errors are left out by the caller), in a fixed
   *     order: dataset order for a run's own value
   * @throws IllegalArgumentException when a score lacks what this metric needs (e.g. no value for
   *     a mean metric); the message names the problem
   */
  MetricSample sample(List<Score> scores);

  /** The run value of {@code scores}: every result counted once; NaN when there is none. */
  default double value(List<Score> scores) {
    return scores.isEmpty() ? Double.NaN : sample(scores).value();
  }
}
