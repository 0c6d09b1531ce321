package dev.assay.gate;

import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.Scorer;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Decides whether each metric is higher- or lower-is-better.
 *
 * <p>A metric is lower-is-better when any of these says so: the user named it ({@code
 * --lower-is-better NAME}); its name follows the built-in convention ({@code latency_*}, {@code
 * cost*}, {@code *_error}, {@code log_loss}, {@code brier}, {@code ece}; parameters after
 * {@code :} are ignored); or a known scorer reports {@link Scorer#higherIsBetter} false. Every
 * other metric, in particular an unknown metric of a score file, is higher-is-better.
 */
public final class MetricDirections {
  private static final Set<String> LOWER_NAMES = Set.of("log_loss", "brier", "ece");

  private final Set<String> lowerOverrides;
  private final Function<String, Optional<Boolean>> scorerKnowledge;

  /**
   * @param lowerOverrides metric names the user declared lower-is-better
   * @param scorerKnowledge for a metric name, whether its scorer says higher is better (empty
   *     when no scorer knows the name); must not throw
   */
  public MetricDirections(Collection<String> lowerOverrides,
      Function<String, Optional<Boolean>> scorerKnowledge) {
    this.lowerOverrides = new TreeSet<>(lowerOverrides);
    this.scorerKnowledge = scorerKnowledge;
  }

  /** Only the name convention and the user's overrides. */
  public static MetricDirections byName(Collection<String> lowerOverrides) {
    return new MetricDirections(lowerOverrides, name -> Optional.empty());
  }

  /** The name convention, the overrides, and what the installed scorers say. */
  public static MetricDirections withPlugins(Plugins plugins, Collection<String> lowerOverrides) {
    return new MetricDirections(lowerOverrides, name -> {
      try {
        Scorer s = plugins.scorer(name, null, 0);
        return Optional.of(s.higherIsBetter(name));
      } catch (InputException | IllegalArgumentException e) {
        // Not a scorer's metric (e.g. a score-file column): the name convention decides.
        return Optional.empty();
      }
    });
  }

  public Direction of(String metric) {
    if (lowerOverrides.contains(metric) || lowerByName(metric)
        || scorerKnowledge.apply(metric).map(higher -> !higher).orElse(false)) {
      return Direction.LOWER_IS_BETTER;
    }
    return Direction.HIGHER_IS_BETTER;
  }

  /** The built-in naming convention for lower-is-better metrics. */
  public static boolean lowerByName(String metric) {
    int colon = metric.indexOf(':');
    String base = (colon < 0 ? metric : metric.substring(0, colon)).toLowerCase(Locale.ROOT);
    return base.startsWith("latency_") || base.startsWith("cost") || base.endsWith("_error")
        || LOWER_NAMES.contains(base);
  }
}
