package dev.assay.core;

import java.util.List;
import java.util.Map;

/**
 * Turns one (example, output) into a {@link Score} for each of its metrics. How scores become a
 * run value is the {@link Metric}'s job, not the scorer's.
 *
 * <p>Scorers are created once per run by their {@link ScorerProvider} with a {@link
 * PluginContext}, called concurrently from the engine's workers (so they must be thread-safe), and
 * closed when the run ends. A scorer that cannot score an example throws a RuntimeException with
 * a message for the user; the engine records it against that metric of that example only.
 */
public interface Scorer extends AutoCloseable {
  /** The metrics this scorer scores, in order; names unique. */
  List<Metric> metrics();

  /**
   * Scores one example.
   *
   * @return one score per metric of {@link #metrics()}, keyed by metric name, in that order
   * @throws InterruptedException when the worker is interrupted while the scorer waits (a judge
   *     calling its model)
   */
  Map<String, Score> score(Example example, Output output) throws InterruptedException;

  /**
   * Why this scorer cannot score anything {@code system} will answer, when that is known before
   * the system is called (e.g. a cost metric without prices for a system that never reports a
   * cost); empty when it can, or when only the answers will tell. The engine checks this for every
   * system before the first run is created.
   */
  default java.util.Optional<String> cannotScore(SystemUnderTest system) {
    return java.util.Optional.empty();
  }

  /** Releases what the scorer opened (connections, processes). */
  @Override
  default void close() {}
}
