package dev.assay.core;

import java.util.Optional;
import java.util.Set;

/**
 * Plug-in point for scorers, found with {@link java.util.ServiceLoader}.
 *
 * <p>A metric is named {@code NAME[:key=value]...}; the provider that knows {@code NAME} parses
 * the parameters and throws {@link InputException} on unknown or malformed ones.
 */
public interface ScorerProvider {
  /** Metric base names this provider knows. */
  Set<String> names();

  /** A scorer for {@code spec} (e.g. {@code exact_match}), or empty when the name is not ours. */
  Optional<Scorer> create(String spec);
}
