package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.Metric;
import dev.assay.core.MetricFamily;
import dev.assay.core.Params;
import dev.assay.core.PluginContext;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import dev.assay.systems.http.PromptTemplate;
import dev.assay.systems.retrieval.MiniLmEmbedder;
import dev.assay.systems.retrieval.TextEmbedder;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Metric {@code answer_relevance}: how directly an answer addresses the question asked ({@link
 * AnswerRelevanceScorer}), configured on the metric name:
 *
 * <pre>answer_relevance:base_url=URL:model=MODEL[:questions=3][:answer=FIELD][:api_key_env=VAR]
 *      [:temperature=0][:max_tokens=N][:timeout_s=60]</pre>
 *
 * <p>{@code questions} is how many questions the judge writes per answer (1 to 10, default 3, as
 * Ragas). The answer judged is the output as text, or its text field {@code answer=FIELD}. The
 * questions are embedded in process by all-MiniLM-L6-v2 ({@link MiniLmEmbedder}, shipped in a jar:
 * nothing is downloaded). The judge's prompt is built in (resource {@code answer_relevance.txt});
 * its text, the number of questions and the embedding model are part of the judge's identity.
 * Parameters, the key variable and the URL rules are those of {@link JudgeScorers}.
 */
public final class AnswerRelevanceScorers implements ScorerProvider {
  static final String NAME = "answer_relevance";
  private static final Set<String> KEYS = Set.of("base_url", "model", "questions", "answer", "api_key_env",
      "temperature", "max_tokens", "timeout_s");
  private static final String USAGE = "answer_relevance:base_url=URL:model=MODEL[:questions=3][:api_key_env=VAR]";

  private final Supplier<TextEmbedder> embedder;

  /** The provider the plug-in loader finds: questions embedded by all-MiniLM-L6-v2. */
  public AnswerRelevanceScorers() {
    this(MiniLmEmbedder::shared);
  }

  /** @param embedder the embedding model, asked for only when a scorer is opened */
  AnswerRelevanceScorers(Supplier<TextEmbedder> embedder) {
    this.embedder = embedder;
  }

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
    return JudgeScorers.judgedMetric(spec, NAME, KEYS, USAGE, AnswerRelevanceScorers::questions);
  }

  @Override
  public Scorer scorer(Metric metric, PluginContext context) {
    Params p = JudgeScorers.params(metric);
    String promptText = prompt();
    TextEmbedder model = embedder.get();
    ObjectNode judgeParams = JudgeScorers.judgeParams(p);
    ObjectNode identity = JudgeScorers.promptIdentity(judgeParams, promptText);
    identity.put("questions", questions(p));
    identity.put("embedder", model.name());
    return new AnswerRelevanceScorer(metric, JudgeScorers.openai(judgeParams, context), Json.hash(identity),
        context.models(), PromptTemplate.parse(promptText), questions(p), JudgedAnswer.field(p, NAME), model,
        JudgeScorers.timeout(p));
  }

  private static int questions(Params p) {
    return p.integer("questions", 3, 1, 10);
  }


  /** The built-in judge prompt, with placeholders answer and count. */
  static String prompt() {
    return JudgeScorers.builtInPrompt("answer_relevance.txt");
  }
}
