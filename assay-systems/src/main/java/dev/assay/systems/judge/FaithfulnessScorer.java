package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Example;
import dev.assay.core.Json;
import dev.assay.core.Metric;
import dev.assay.core.ModelCaller;
import dev.assay.core.Output;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.core.SystemUnderTest;
import dev.assay.systems.http.ExampleFields;
import dev.assay.systems.http.MissingFieldException;
import dev.assay.systems.http.PromptTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Faithfulness (groundedness): the judge model splits the system's answer into claims and marks
 * each supported or not by the example's retrieved context ({@link ClaimVerdicts}); the score is
 * supported claims / claims.
 *
 * <p>Invariants: a score is in [0, 1] and only ever comes from a parsed list of at least one claim;
 * a failed call, a malformed answer or an answer with no claims throws {@link JudgeException}, which
 * the engine records against this metric of that example (no score, never a 0). The claims and
 * verdicts are the score's note, one line per claim, so reports show why. The model is asked
 * through the engine's {@link ModelCaller} (cache, rate limit, retries) with a seed derived from the
 * example id, as {@link JudgeScorer} does.
 */
final class FaithfulnessScorer implements Scorer {
  private final Metric metric;
  private final SystemUnderTest judge;
  private final String identity;
  private final ModelCaller models;
  private final PromptTemplate prompt;
  private final String contextField;
  private final String answerField;
  private final Duration timeout;

  FaithfulnessScorer(Metric metric, SystemUnderTest judge, String identity, ModelCaller models,
      PromptTemplate prompt, String contextField, String answerField, Duration timeout) {
    this.metric = metric;
    this.judge = judge;
    this.identity = identity;
    this.models = models;
    this.prompt = prompt;
    this.contextField = contextField;
    this.answerField = answerField;
    this.timeout = timeout;
  }

  @Override
  public List<Metric> metrics() {
    return List.of(metric);
  }

  @Override
  public Map<String, String> identities() {
    return Map.of(FaithfulnessScorers.NAME, identity);
  }

  @Override
  public Map<String, Score> score(Example example, Output output) throws InterruptedException {
    JsonNode context = new ExampleFields(example, 0).get(contextField)
        .orElseThrow(() -> new JudgeException("faithfulness: example has no context field '" + contextField + "'"));
    String text;
    try {
      text = prompt.render(new Fields(example, contextText(context), JudgedAnswer.text(output, answerField, FaithfulnessScorers.NAME)));
    } catch (MissingFieldException e) {
      throw new JudgeException("faithfulness prompt " + e.getMessage());
    }
    String answer = JudgeCall.ask(models, judge, identity, JudgeCall.invocation(example, text, timeout),
        "faithfulness judge");
    ClaimVerdicts verdicts = ClaimVerdicts.parse(answer);
    if (verdicts.claims().isEmpty()) {
      throw new JudgeException("faithfulness judge found no claims in the answer, so there is nothing to ground");
    }
    StringBuilder note = new StringBuilder();
    for (ClaimVerdicts.Claim c : verdicts.claims()) {
      note.append(note.length() == 0 ? "" : "\n").append(c.supported() ? "[supported] " : "[unsupported] ")
          .append(c.text()).append(c.reason().isEmpty() ? "" : " (" + c.reason() + ")");
    }
    double value = (double) verdicts.supported() / verdicts.claims().size();
    return Map.of(FaithfulnessScorers.NAME, Score.of(value).withNote(note.toString()));
  }

  /** The context as the judge reads it: a text as is; a list as numbered passages. */
  static String contextText(JsonNode context) {
    if (context.isTextual()) {
      return context.textValue();
    }
    if (!context.isArray()) {
      return Json.canonical(context);
    }
    StringBuilder s = new StringBuilder();
    int i = 0;
    for (JsonNode passage : context) {
      JsonNode t = passage.isObject() ? passage.path("text") : passage;
      s.append(i == 0 ? "" : "\n\n").append('[').append(++i).append("] ")
          .append(t.isTextual() ? t.textValue() : Json.canonical(passage));
    }
    return s.toString();
  }

  @Override
  public void close() {
    judge.close();
  }

  /** The prompt's fields: question (the example's input), context, answer (the system's output). */
  private static final class Fields extends ExampleFields {
    private final String context;
    private final String answer;

    Fields(Example example, String context, String answer) {
      super(example, 0);
      this.context = context;
      this.answer = answer;
    }

    @Override
    public Optional<JsonNode> get(String name) {
      return switch (name) {
        case "question" -> Optional.of(TextNode.valueOf(example().inputText()));
        case "context" -> Optional.of(TextNode.valueOf(context));
        case "answer" -> Optional.of(TextNode.valueOf(answer));
        default -> super.get(name);
      };
    }
  }
}
