package dev.assay.gate;

import dev.assay.core.Direction;
import dev.assay.core.InputException;
import dev.assay.core.MeanMetric;
import dev.assay.core.Metric;
import dev.assay.core.MetricKind;
import dev.assay.core.MetricSample;
import dev.assay.core.Plugins;
import dev.assay.core.Scale;
import dev.assay.core.Score;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a metric name of a comparison is: how its values aggregate, its direction and scale.
 * The comparison works on {@link Metric}s only and knows no metric family.
 *
 * <p>In order: the metric a run declared under that name (its spec, described by the installed
 * plug-ins); the installed metric of that name (a score file's {@code bleu} column); the intrinsic
 * {@value RunScores#LATENCY} and {@value RunScores#COST} (means, lower is better); otherwise a mean
 * of per-example values, higher is better unless the name follows the lower-is-better convention
 * ({@code latency_*}, {@code cost*}, {@code *_error}, {@code log_loss}, {@code brier}, {@code
 * ece}). A corpus-level metric whose scores carry no statistics on either side (a score file of
 * sentence values) is compared as a mean of those values. {@code --lower-is-better NAME} turns any
 * metric's direction.
 */
final class MetricResolver {
  private static final Set<String> LOWER_NAMES = Set.of("log_loss", "brier", "ece");

  private final Plugins plugins;
  private final Set<String> lowerIsBetter;

  MetricResolver(Plugins plugins, Set<String> lowerIsBetter) {
    this.plugins = plugins;
    this.lowerIsBetter = lowerIsBetter;
  }

  /** The metric called {@code name} in a comparison of {@code baseline} and {@code candidate}. */
  Metric resolve(String name, RunScores baseline, RunScores candidate) {
    Metric m = declared(name, baseline).or(() -> declared(name, candidate)).orElseGet(() -> installed(name)
        .orElseGet(() -> intrinsicOrMean(name)));
    if (!(samples(m, baseline) && samples(m, candidate))) {
      if (baseline.hasStatistics(name) || candidate.hasStatistics(name)) {
        throw InputException.of("metric '" + name + "': some examples carry its statistics and others do not, or "
            + "they do not fit the metric", "runs or score files whose every scored example carries the metric's "
            + "statistics (re-score both with the same assay)");
      }
      // Sentence values without statistics (a score file): the corpus value cannot be recomputed.
      m = new MeanMetric(name, m.direction(), m.scale());
    }
    return lowerIsBetter.contains(name) && m.direction() == Direction.HIGHER_IS_BETTER ? lower(m) : m;
  }

  /** Whether {@code m} can aggregate the side's scores of it. */
  private static boolean samples(Metric m, RunScores side) {
    List<Score> scores = side.allScores(m.name());
    if (scores.isEmpty()) {
      return true;
    }
    try {
      m.sample(scores);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Optional<Metric> declared(String name, RunScores side) {
    if (side.run() == null) {
      return Optional.empty();
    }
    for (String spec : side.run().metrics()) {
      try {
        Optional<Metric> m = plugins.describe(spec);
        if (m.isPresent() && m.get().name().equals(name)) {
          return m;
        }
      } catch (InputException e) {
        // The run's metric is no longer installed as it was: fall through to the name alone.
      }
    }
    return Optional.empty();
  }

  private Optional<Metric> installed(String name) {
    try {
      return plugins.describe(name).filter(m -> m.name().equals(name));
    } catch (InputException e) {
      return Optional.empty();
    }
  }

  private static Metric intrinsicOrMean(String name) {
    if (name.equals(RunScores.LATENCY)) {
      return new MeanMetric(name, Direction.LOWER_IS_BETTER, Scale.nonNegative("ms"));
    }
    if (name.equals(RunScores.COST)) {
      return new MeanMetric(name, Direction.LOWER_IS_BETTER, Scale.NON_NEGATIVE);
    }
    return new MeanMetric(name, lowerByName(name) ? Direction.LOWER_IS_BETTER : Direction.HIGHER_IS_BETTER,
        Scale.UNBOUNDED);
  }

  /** The built-in naming convention for lower-is-better metrics; parameters after {@code :} are ignored. */
  static boolean lowerByName(String metric) {
    int colon = metric.indexOf(':');
    String base = (colon < 0 ? metric : metric.substring(0, colon)).toLowerCase(Locale.ROOT);
    return base.startsWith("latency_") || base.startsWith("cost") || base.endsWith("_error")
        || LOWER_NAMES.contains(base);
  }

  /** {@code m} with lower values better. */
  private static Metric lower(Metric m) {
    return new Metric() {
      @Override
      public String name() {
        return m.name();
      }

      @Override
      public Direction direction() {
        return Direction.LOWER_IS_BETTER;
      }

      @Override
      public MetricKind kind() {
        return m.kind();
      }

      @Override
      public Scale scale() {
        return m.scale();
      }

      @Override
      public MetricSample sample(List<Score> scores) {
        return m.sample(scores);
      }
    };
  }
}
