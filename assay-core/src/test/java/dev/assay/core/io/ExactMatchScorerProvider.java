package dev.assay.core.io;

import dev.assay.core.Example;
import dev.assay.core.MeanMetric;
import dev.assay.core.Metric;
import dev.assay.core.Output;
import dev.assay.core.PluginContext;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Test scorer {@code exact_match}: 1 when the output equals the text reference, else 0. */
public final class ExactMatchScorerProvider implements ScorerProvider {
  private static final Metric METRIC = MeanMetric.unit("exact_match");

  @Override
  public Set<String> names() {
    return Set.of("exact_match");
  }

  @Override
  public Optional<Metric> metric(String spec) {
    return spec.equals("exact_match") ? Optional.of(METRIC) : Optional.empty();
  }

  @Override
  public Scorer scorer(Metric metric, PluginContext context) {
    return new Scorer() {
      @Override
      public List<Metric> metrics() {
        return List.of(METRIC);
      }

      @Override
      public Map<String, Score> score(Example example, Output output) {
        boolean match = example.reference() != null && example.reference().asText().equals(output.text());
        return Map.of("exact_match", Score.of(match ? 1.0 : 0.0));
      }
    };
  }
}
