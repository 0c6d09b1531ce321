package dev.assay.metrics.classification;

import dev.assay.core.Example;
import dev.assay.core.Metric;
import dev.assay.core.MetricFamily;
import dev.assay.core.MetricName;
import dev.assay.core.PluginContext;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The classification family for suites ({@code metrics: [accuracy, f1_macro, roc_auc, log_loss]}),
 * found by {@link java.util.ServiceLoader}: every {@link ClassificationMetric} under its canonical
 * name, with the same parameters as {@code assay score classification} ({@code
 * ece:bins=10:strategy=quantile}, {@code f1_binary:pos_label=yes}).
 *
 * <p>No name clashes with another family: {@code f1}, {@code precision} and {@code recall} alone
 * are not classification names (the text family owns SQuAD {@code f1}; retrieval owns {@code
 * P_k}, {@code recall_k} and their aliases). The provider decides on the bare name before it
 * parses any parameter, so another family's spec is never parsed here. See {@link
 * ClassificationScorer} for what each example stores and how the run value is computed.
 */
public final class ClassificationScorers implements ScorerProvider {
  private static final Set<String> NAMES =
      Collections.unmodifiableSet(new LinkedHashSet<>(ClassificationMetric.names()));

  @Override
  public Set<String> names() {
    return NAMES;
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.assay.core.InputException when the name is ours but a parameter is unknown or
   *     malformed
   */
  @Override
  public Optional<Metric> metric(String spec) {
    return build(spec).map(s -> s.metrics().get(0));
  }

  /** Classification scorers hold no resources: the scorer is built again from the metric's name. */
  @Override
  public Scorer scorer(Metric metric, PluginContext context) {
    return build(metric.name()).orElseThrow(() ->
        new IllegalArgumentException("not a classification metric: " + metric.name()));
  }

  @Override
  public MetricFamily family() {
    return MetricFamily.CLASSIFICATION;
  }

  /** Every classification metric needs the example's true label as its reference. */
  @Override
  public void checkExample(Metric metric, Example example) {
    SuiteRecord.truth(example);
  }

  private static Optional<Scorer> build(String spec) {
    ClassificationMetric metric = ClassificationMetric.byName(MetricName.baseOf(spec));
    if (metric == null) {
      return Optional.empty();
    }
    return Optional.of(new ClassificationScorer(metric, ClassificationEvaluation.of(List.of(spec.trim()))));
  }
}
