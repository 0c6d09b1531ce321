package dev.assay.metrics.retrieval;

import dev.assay.core.InputException;
import dev.assay.core.Example;
import dev.assay.core.Metric;
import dev.assay.core.MetricFamily;
import dev.assay.core.PluginContext;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import java.util.Optional;
import java.util.Set;

/**
 * The retrieval family for suites: any single trec_eval measure ({@code map}, {@code ndcg_cut_10},
 * {@code P_5}, {@code iprec_at_recall_0.50}, ...) or alias ({@code ndcg@10}, {@code mrr}, {@code
 * recall@100}, {@code p@5}), with parameters {@code NAME[:key=value]...} as in {@link
 * MeasureCatalog}. Families and nicknames ({@code P}, {@code all_trec}) are not claimed here
 * because each suite metric names one value. Found with {@link java.util.ServiceLoader}.
 */
public final class RetrievalScorers implements ScorerProvider {
  @Override
  public Set<String> names() {
    return MeasureCatalog.scorerNames();
  }

  @Override
  public Optional<Metric> metric(String spec) {
    return build(spec).map(s -> s.metrics().get(0));
  }

  /** Retrieval scorers hold no resources: the scorer is built again from the metric's name. */
  @Override
  public Scorer scorer(Metric metric, PluginContext context) {
    return build(metric.name()).orElseThrow(() -> new IllegalArgumentException("not a retrieval measure: "
        + metric.name()));
  }

  @Override
  public MetricFamily family() {
    return MetricFamily.RETRIEVAL;
  }

  /** Every retrieval measure reads the example's relevance judgments (and its id as a TREC topic id). */
  @Override
  public void checkExample(Metric metric, Example example) {
    ExampleJudgments.judgments(example);
  }

  private static Optional<Scorer> build(String spec) {
    return MeasureCatalog.single(spec, 0).map(m -> {
      if (m.kind() != Measure.Kind.VALUE) {
        throw InputException.of("retrieval measure '" + m.name() + "' has no per-example value",
            "a per-query measure such as map or ndcg_cut_10");
      }
      return (Scorer) new RetrievalScorer(m);
    });
  }
}
