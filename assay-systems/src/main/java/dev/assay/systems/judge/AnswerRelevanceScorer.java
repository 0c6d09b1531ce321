package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Example;
import dev.assay.core.Metric;
import dev.assay.core.ModelCaller;
import dev.assay.core.Output;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.core.SystemUnderTest;
import dev.assay.systems.http.ExampleFields;
import dev.assay.systems.http.MissingFieldException;
import dev.assay.systems.http.PromptTemplate;
import dev.assay.systems.retrieval.TextEmbedder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Answer relevance after Ragas (Es, James, Espinosa-Anke and Schockaert, "RAGAS: Automated
 * Evaluation of Retrieval Augmented Generation", EACL 2024 demos, arXiv:2309.15217): the judge
 * model is shown only the answer and writes the questions it would answer ({@link
 * RelevanceQuestions}); the score is the mean cosine similarity between the embeddings of those
 * questions and of the question actually asked (the example's input), and 0 when the judge finds
 * the answer noncommittal.
 *
 * <p>Invariants: a score is in [0, 1] (a negative cosine counts as 0: an unrelated question is
 * irrelevant, not "less than irrelevant") and only ever comes from a parsed answer with at least
 * one question; a failed call or a malformed answer throws {@link JudgeException}, which the engine
 * records against this metric of that example (no score, never a 0). The note lists each generated
 * question with its similarity, and the noncommittal verdict when there is one. The model is asked
 * through the engine's {@link ModelCaller} (cache, rate limit, retries) with a seed derived from the
 * example id.
 */
final class AnswerRelevanceScorer implements Scorer {
  private final Metric metric;
  private final SystemUnderTest judge;
  private final String identity;
  private final ModelCaller models;
  private final PromptTemplate prompt;
  private final int count;
  private final String answerField;
  private final TextEmbedder embedder;
  private final Duration timeout;

  AnswerRelevanceScorer(Metric metric, SystemUnderTest judge, String identity, ModelCaller models,
      PromptTemplate prompt, int count, String answerField, TextEmbedder embedder, Duration timeout) {
    this.metric = metric;
    this.judge = judge;
    this.identity = identity;
    this.models = models;
    this.prompt = prompt;
    this.count = count;
    this.answerField = answerField;
    this.embedder = embedder;
    this.timeout = timeout;
  }

  @Override
  public List<Metric> metrics() {
    return List.of(metric);
  }

  @Override
  public Map<String, String> identities() {
    return Map.of(AnswerRelevanceScorers.NAME, identity);
  }

  @Override
  public Map<String, Score> score(Example example, Output output) throws InterruptedException {
    String asked = example.inputText();
    String text;
    try {
      text = prompt.render(new Fields(example, JudgedAnswer.text(output, answerField, AnswerRelevanceScorers.NAME),
          count));
    } catch (MissingFieldException e) {
      throw new JudgeException("answer_relevance prompt " + e.getMessage());
    }
    String reply = JudgeCall.ask(models, judge, identity, JudgeCall.invocation(example, text, timeout),
        "answer_relevance judge");
    RelevanceQuestions generated = RelevanceQuestions.parse(reply);
    List<String> texts = new ArrayList<>(generated.questions().size() + 1);
    texts.add(asked);
    texts.addAll(generated.questions());
    float[][] vectors = embedder.embedAll(texts);
    StringBuilder note = new StringBuilder();
    if (generated.noncommittal()) {
      note.append("noncommittal answer, score 0")
          .append(generated.reason().isEmpty() ? "" : " (" + generated.reason() + ")");
    }
    double sum = 0;
    for (int i = 1; i < vectors.length; i++) {
      double similarity = Math.max(0, cosine(vectors[0], vectors[i]));
      sum += similarity;
      note.append(note.length() == 0 ? "" : "\n").append(String.format(Locale.ROOT, "[%.3f] ", similarity))
          .append(texts.get(i));
    }
    double value = generated.noncommittal() ? 0 : sum / (vectors.length - 1);
    return Map.of(AnswerRelevanceScorers.NAME, Score.of(value).withNote(note.toString()));
  }

  /** cos(a, b); 0 when either is the zero vector (a blank text). */
  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  @Override
  public void close() {
    judge.close();
  }

  /** The prompt's fields: answer (the system's output) and count (how many questions to write). */
  private static final class Fields extends ExampleFields {
    private final String answer;
    private final int count;

    Fields(Example example, String answer, int count) {
      super(example, 0);
      this.answer = answer;
      this.count = count;
    }

    @Override
    public Optional<JsonNode> get(String name) {
      return switch (name) {
        case "answer" -> Optional.of(TextNode.valueOf(answer));
        case "count" -> Optional.of(IntNode.valueOf(count));
        default -> super.get(name);
      };
    }
  }
}
