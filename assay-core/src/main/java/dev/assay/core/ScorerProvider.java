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
 * context's suite folder) and open connections. Two providers must not claim one name. A
 * provider declares each metric's {@link #family} and what an example must hold for it ({@link
 * #checkExample}), which suites check before any work.
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

  /** The family of this provider's metrics; {@link MetricFamily#OTHER} unless it says. */
  default MetricFamily family() {
    return MetricFamily.OTHER;
  }

  /**
   * Checks that a metric this provider described can score {@code example} from what the example
   * holds (its reference): the reading its scorer will do, without scoring anything, calling a
   * model or reading a file. Suites call this for every example before any system starts ({@link
   * MetricApplicability}), so a metric that cannot apply (a retrieval measure over text references)
   * is refused up front instead of failing every example. Fast and side-effect free; the default
   * accepts every example (a metric that reads nothing but the output and the run). Metrics of one
   * built-in family read an example alike, so a suite checks one metric per provider of such a
   * family; a provider of {@link MetricFamily#OTHER} is asked for each of its metrics.
   *
   * @throws InputException naming the example, its line and the field, when the metric cannot
   *     score it
   */
  default void checkExample(Metric metric, Example example) {}
}
