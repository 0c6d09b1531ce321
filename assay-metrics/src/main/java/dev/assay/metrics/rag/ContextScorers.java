package dev.assay.metrics.rag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Metric;
import dev.assay.core.MetricName;
import dev.assay.core.Output;
import dev.assay.core.Params;
import dev.assay.core.PluginContext;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import dev.assay.core.UnitMeanMetric;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Metrics {@code context_precision} and {@code context_recall} of a RAG system's retrieved contexts
 * against the example's relevant context ids ({@link ContextRelevance}), no model involved:
 *
 * <pre>context_precision[:retrieved=contexts][:relevant=relevant_contexts]</pre>
 *
 * <p>Retrieved ids come from the system's output: an object whose list {@code retrieved} (default
 * {@code contexts}) holds ids, or such a list itself, or text holding either as JSON; a list item
 * is an id (text) or an object with a text {@code id}. Relevant ids come from the example: the
 * field {@code relevant} (default {@code relevant_contexts}) of an object reference, else the
 * example's extra field of that name; a non-empty list of text ids. Both are means over examples,
 * higher is better, on [0, 1].
 */
public final class ContextScorers implements ScorerProvider {
  static final String PRECISION = "context_precision";
  static final String RECALL = "context_recall";
  private static final Set<String> KEYS = Set.of("retrieved", "relevant");

  @Override
  public Set<String> names() {
    return Set.of(PRECISION, RECALL);
  }

  @Override
  public Optional<Metric> metric(String spec) {
    String base = MetricName.baseOf(spec);
    if (!base.equals(PRECISION) && !base.equals(RECALL)) {
      return Optional.empty();
    }
    MetricName name = MetricName.parse(spec);
    Params p = Params.of(name).allowOnly(KEYS);
    field(p, "retrieved", "contexts");
    field(p, "relevant", "relevant_contexts");
    return Optional.of(new UnitMeanMetric(base, name.text()));
  }

  @Override
  public Scorer scorer(Metric metric, PluginContext context) {
    UnitMeanMetric m = (UnitMeanMetric) metric;
    Params p = Params.of(MetricName.parse(m.spec()));
    return new ContextScorer(m, field(p, "retrieved", "contexts"), field(p, "relevant", "relevant_contexts"));
  }

  @Override
  public void checkExample(Metric metric, Example example) {
    relevant(example, field(Params.of(MetricName.parse(((UnitMeanMetric) metric).spec())), "relevant",
        "relevant_contexts"));
  }

  private static String field(Params p, String key, String fallback) {
    String f = p.string(key, fallback);
    if (f.isBlank()) {
      throw p.fault(key, "is empty", "a field name, e.g. " + key + "=" + fallback);
    }
    return f;
  }

  /** The example's relevant ids: a non-empty list of texts, or an input error naming the example. */
  static Set<String> relevant(Example example, String field) {
    JsonNode ref = example.reference();
    JsonNode v = ref != null && ref.isObject() && ref.has(field) ? ref.get(field) : example.extra().get(field);
    if (v == null) {
      throw bad(example, field, "has no relevant context ids '" + field + "'");
    }
    Set<String> ids = new LinkedHashSet<>();
    if (v.isArray()) {
      for (JsonNode id : v) {
        if (!id.isTextual()) {
          ids.clear();
          break;
        }
        ids.add(id.textValue());
      }
    }
    if (ids.isEmpty()) {
      throw bad(example, field, "'" + field + "' is not a non-empty list of ids");
    }
    return ids;
  }

  private static InputException bad(Example example, String field, String problem) {
    return new InputException((String) null, example.line(), field, "example '" + example.id() + "' " + problem,
        "a list of the ids of the contexts relevant to the question, e.g. [\"d3\", \"d7\"]");
  }

  /** The retrieved ids in rank order, from the system's output. */
  static List<String> retrieved(Output output, String field) {
    JsonNode v = output == null ? null : output.value();
    if (v != null && v.isTextual()) {
      try {
        v = Json.MAPPER.readTree(v.textValue());
      } catch (IOException e) {
        throw new IllegalArgumentException("output is text, not JSON holding retrieved context ids");
      }
    }
    if (v != null && v.isObject()) {
      v = v.get(field);
    }
    if (v == null || !v.isArray()) {
      throw new IllegalArgumentException("output has no list '" + field + "' of retrieved context ids");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode item : v) {
      JsonNode id = item.isObject() ? item.path("id") : item;
      if (!id.isTextual()) {
        throw new IllegalArgumentException("retrieved context " + (ids.size() + 1) + " has no text id");
      }
      ids.add(id.textValue());
    }
    return ids;
  }

  /** Scores one of the two metrics. */
  private static final class ContextScorer implements Scorer {
    private final UnitMeanMetric metric;
    private final String retrievedField;
    private final String relevantField;

    ContextScorer(UnitMeanMetric metric, String retrievedField, String relevantField) {
      this.metric = metric;
      this.retrievedField = retrievedField;
      this.relevantField = relevantField;
    }

    @Override
    public List<Metric> metrics() {
      return List.of(metric);
    }

    @Override
    public Map<String, Score> score(Example example, Output output) {
      List<String> got = retrieved(output, retrievedField);
      Set<String> want = relevant(example, relevantField);
      double v = metric.name().equals(RECALL) ? ContextRelevance.recall(got, want)
          : ContextRelevance.precision(got, want);
      return Map.of(metric.name(), Score.of(v));
    }
  }
}
