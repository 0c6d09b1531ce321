package dev.assay.testkit;

import dev.assay.core.Example;
import dev.assay.core.Metric;
import dev.assay.core.Output;
import dev.assay.core.PluginContext;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scoring in tests of metric families: scorers made as a run makes them (from a provider's metric,
 * with a stand-alone plug-in context), per-example values as plain numbers, and run values computed
 * by the metric exactly as the engine computes them.
 */
public final class Scoring {
  private static final PluginContext CONTEXT = PluginContext.standalone(Path.of("").toAbsolutePath(), Map.of());

  private Scoring() {}

  /** The scorer of {@code spec}, or empty when the provider does not know the name. */
  public static Optional<Scorer> create(ScorerProvider provider, String spec) {
    return provider.metric(spec).map(m -> provider.scorer(m, CONTEXT));
  }

  /** The metric names a scorer reports. */
  public static List<String> names(Scorer scorer) {
    return scorer.metrics().stream().map(Metric::name).toList();
  }

  /** The typed scores of one example. */
  public static Map<String, Score> scores(Scorer scorer, Example example, Output output) {
    try {
      return scorer.score(example, output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The per-example values of one example (metrics without one are left out). */
  public static Map<String, Double> values(Scorer scorer, Example example, Output output) {
    return values(scores(scorer, example, output));
  }

  /** Per-example values of typed scores (scores without a value are left out). */
  public static Map<String, Double> values(Map<String, Score> scores) {
    Map<String, Double> out = new LinkedHashMap<>();
    scores.forEach((k, s) -> {
      if (s.hasValue()) {
        out.put(k, s.value());
      }
    });
    return out;
  }

  /** The run value of each metric of {@code scorer} over examples' scores, in order, as the engine computes it. */
  public static Map<String, Double> aggregate(Scorer scorer, List<Map<String, Score>> perExample) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Metric m : scorer.metrics()) {
      List<Score> scores = new ArrayList<>();
      for (Map<String, Score> e : perExample) {
        Score s = e.get(m.name());
        if (s != null) {
          scores.add(s);
        }
      }
      out.put(m.name(), m.value(scores));
    }
    return out;
  }

  /** The run value of the scorer's first metric. */
  public static double runValue(Scorer scorer, List<Map<String, Score>> perExample) {
    return aggregate(scorer, perExample).get(scorer.metrics().get(0).name());
  }
}
