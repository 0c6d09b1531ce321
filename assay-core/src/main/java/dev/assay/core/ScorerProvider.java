package dev.assay.core;

import java.util.Optional;
import java.util.Set;

/**
 * Plug-in point for metrics and their scorers, found with {@link java.util.ServiceLoader} and
 * loaded once per process by {@link Plugins}.
 *
 * <p>A metric is named {@code NAME[:key=value]...} ({@link MetricName}). The provider that knows
 * {@code NAME} describes it with {@link #metric}, which checks the parameters and has no side
 * effects, and creates its scorer with {@link #scorer}, which may read files (relative to the
 * context's suite folder) and open connections. Two providers must not claim one name.
 */
public interface ScorerProvider {
  /** Metric base names this provider lists to users (it may accept more, e.g. {@code P_5}). */
  Set<String> names();

  /**
   * The metric named {@code spec}, or empty when the name is not this provider's.
   *
   * @throws InputException when the name is this provider's but a parameter is unknown or malformed
   */
  Optional<Metric> metric(String spec);

  /**
   * The scorer of a metric this provider described.
   *
   * @throws InputException when the scorer cannot be made from the suite's inputs (a rubric file
   *     that does not exist)
   */
  Scorer scorer(Metric metric, PluginContext context);
}
