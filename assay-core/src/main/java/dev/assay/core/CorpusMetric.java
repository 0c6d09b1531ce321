package dev.assay.core;

import dev.assay.stats.bootstrap.CorpusStatistic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A corpus-level metric computed from sufficient statistics that add up over examples (BLEU's
 * n-gram matches and lengths, chrF's character n-gram counts): each {@link Score} carries its
 * vector in {@link Score#statistics()}, and the run value is {@code formula} of their sum, not a
 * mean of per-example values.
 *
 * @param name the metric as written
 * @param direction whether higher values are better
 * @param scale the range of the run value
 * @param formula the statistic of summed vectors; every score carries {@code formula.dimension()}
 *     statistics
 */
public record CorpusMetric(String name, Direction direction, Scale scale, CorpusStatistic formula) implements Metric {
  public CorpusMetric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(formula, "formula");
  }

  @Override
  public MetricKind kind() {
    return MetricKind.CORPUS;
  }

  /** @throws IllegalArgumentException naming the position of a score without its statistics */
  @Override
  public MetricSample sample(List<Score> scores) {
    int d = formula.dimension();
    List<double[]> vectors = new ArrayList<>(scores.size());
    for (int i = 0; i < scores.size(); i++) {
      Score s = scores.get(i);
      if (s.statisticCount() != d) {
        throw new IllegalArgumentException("metric '" + name + "' needs " + d + " statistics per example, result "
            + (i + 1) + " has " + s.statisticCount() + " (re-score the run with this assay)");
      }
      vectors.add(s.statistics());
    }
    return MetricSample.ofSums(formula, vectors);
  }
}
