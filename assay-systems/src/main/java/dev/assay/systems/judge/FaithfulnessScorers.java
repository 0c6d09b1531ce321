package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Metric;
import dev.assay.core.MetricFamily;
import dev.assay.core.Params;
import dev.assay.core.PluginContext;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import dev.assay.systems.http.ExampleFields;
import dev.assay.systems.http.PromptTemplate;
import java.util.Optional;
import java.util.Set;

/**
 * Metric {@code faithfulness} (groundedness of an answer in its retrieved context), judged claim
 * by claim by a model ({@link FaithfulnessScorer}), configured on the metric name:
 *
 * <pre>faithfulness:base_url=URL:model=MODEL[:context=FIELD][:answer=FIELD][:api_key_env=VAR]
 *      [:temperature=0][:max_tokens=N][:timeout_s=60]</pre>
 *
 * <p>{@code context} names the example field holding the retrieved context (default {@code
 * context}): a text, or a list of passages (texts, or objects with a text {@code text}). The
 * answer judged is the system's output as text; with {@code answer=FIELD}, the text field of that
 * name of an object output (a RAG system answering {@code {"answer": ..., "contexts": [...]}}).
 * The
 * judge's prompt is built in (resource {@code faithfulness.txt}); its text is part of the judge's
 * identity. Parameters, the key variable and the URL rules are those of {@link JudgeScorers}.
 */
public final class FaithfulnessScorers implements ScorerProvider {
  static final String NAME = "faithfulness";
  private static final Set<String> KEYS = Set.of("base_url", "model", "context", "answer", "api_key_env", "temperature",
      "max_tokens", "timeout_s");
  private static final String USAGE = "faithfulness:base_url=URL:model=MODEL[:context=FIELD][:api_key_env=VAR]";

  @Override
  public MetricFamily family() {
    return MetricFamily.JUDGE;
  }

  @Override
  public Set<String> names() {
    return Set.of(NAME);
  }

  @Override
  public Optional<Metric> metric(String spec) {
    return JudgeScorers.judgedMetric(spec, NAME, KEYS, USAGE, FaithfulnessScorers::contextField);
  }

  @Override
  public Scorer scorer(Metric metric, PluginContext context) {
    Params p = JudgeScorers.params(metric);
    String promptText = prompt();
    ObjectNode judgeParams = JudgeScorers.judgeParams(p);
    ObjectNode identity = JudgeScorers.promptIdentity(judgeParams, promptText);
    return new FaithfulnessScorer(metric, JudgeScorers.openai(judgeParams, context), Json.hash(identity),
        context.models(), PromptTemplate.parse(promptText), contextField(p), JudgedAnswer.field(p, NAME), JudgeScorers.timeout(p));
  }

  /** The example must hold the context field before any model is asked. */
  @Override
  public void checkExample(Metric metric, Example example) {
    String field = contextField(JudgeScorers.params(metric));
    if (new ExampleFields(example, 0).get(field).isEmpty()) {
      throw new InputException((String) null, example.line(), field,
          "example '" + example.id() + "' has no context field '" + field + "' for faithfulness",
          "the retrieved context as a text or a list of passages, or context=FIELD on the metric");
    }
  }

  private static String contextField(Params p) {
    String field = p.string("context", "context");
    if (field.isBlank()) {
      throw JudgeScorers.fault("faithfulness context field is empty", "context=FIELD, e.g. context=passages");
    }
    return field;
  }


  /** The built-in judge prompt, with placeholders question, context and answer. */
  static String prompt() {
    return JudgeScorers.builtInPrompt("faithfulness.txt");
  }
}
