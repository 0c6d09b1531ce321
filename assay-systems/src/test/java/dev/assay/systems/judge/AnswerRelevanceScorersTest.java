package dev.assay.systems.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Metric;
import dev.assay.core.ModelCaller;
import dev.assay.core.Output;
import dev.assay.core.PluginContext;
import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.systems.retrieval.MiniLmEmbedder;
import dev.assay.systems.retrieval.TextEmbedder;
import dev.assay.testkit.Scoring;
import dev.assay.testkit.StubLlmServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerRelevanceScorersTest {
  /** Hand-picked vectors, so that every similarity is known exactly. */
  private static final Map<String, float[]> VECTORS = Map.of(
      "Capital of France?", new float[] {1, 0, 0},
      "What is the capital of France?", new float[] {2, 0, 0},
      "Which city is France's capital and largest city?", new float[] {1, 1, 0},
      "How do you bake bread?", new float[] {-1, 0, 1},
      "Who wrote Emma?", new float[] {0, 3, 4});

  private static final TextEmbedder TABLE = new TextEmbedder() {
    @Override
    public String name() {
      return "table";
    }

    @Override
    public int dimension() {
      return 3;
    }

    @Override
    public float[] embed(String text) {
      float[] v = VECTORS.get(text);
      if (v == null) {
        throw new AssertionError("no vector for " + text);
      }
      return v;
    }
  };

  private static PluginContext context() {
    return new PluginContext(null, Path.of("").toAbsolutePath(), Map.of(), ResponseCache.NONE, null,
        ModelCaller.DIRECT);
  }

  private static String prompt(String answer, int count) {
    return AnswerRelevanceScorers.prompt().replace("{{answer}}", answer).replace("{{count}}", Integer.toString(count));
  }

  private static Scorer scorer(AnswerRelevanceScorers provider, String spec, PluginContext ctx) {
    Metric m = provider.metric(spec).orElseThrow();
    return provider.scorer(m, ctx);
  }

  @Test
  void relevanceQuestionsParseOnlyTheDocumentedForm() {
    RelevanceQuestions q = RelevanceQuestions.parse(
        "```json\n{\"questions\": [\" A? \", \"B?\"], \"noncommittal\": 0, \"reason\": \"commits\"}\n```");
    assertThat(q).isEqualTo(new RelevanceQuestions(java.util.List.of("A?", "B?"), false, "commits"));
    assertThat(RelevanceQuestions.parse("{\"questions\": [\"A?\"], \"noncommittal\": \"Yes\"}").noncommittal()).isTrue();
    assertThat(RelevanceQuestions.parse("{\"questions\": [\"A?\"], \"noncommittal\": 1}").noncommittal()).isTrue();
    for (String[] bad : new String[][] {
        {"What is the capital of France?", "not a JSON object"},
        {"{\"question\": \"A?\", \"noncommittal\": false}", "list 'questions'"},
        {"{\"questions\": [], \"noncommittal\": false}", "has no questions"},
        {"{\"questions\": [\"A?\", 3], \"noncommittal\": false}", "question 2 is not a text"},
        {"{\"questions\": [\" \"], \"noncommittal\": false}", "question 1 is not a text"},
        {"{\"questions\": [\"A?\"]}", "no verdict 'noncommittal'"},
        {"{\"questions\": [\"A?\"], \"noncommittal\": \"maybe\"}", "no verdict 'noncommittal'"},
        {"{\"questions\": [\"A?\"], \"noncommittal\": 2}", "no verdict 'noncommittal'"}}) {
      assertThatThrownBy(() -> RelevanceQuestions.parse(bad[0])).as(bad[0]).isInstanceOf(JudgeException.class)
          .hasMessageContaining(bad[1]).hasMessageContaining("answer_relevance judge answer");
    }
  }

  /**
   * Over loopback through the openai adapter, with hand-picked vectors: the score is the mean of
   * the clipped cosines, the questions and their similarities are the note, a noncommittal answer
   * scores 0, a malformed judge answer is an error of that example.
   */
  @Test
  void scoresTheMeanSimilarityOfTheGeneratedQuestions() throws Exception {
    Map<String, String> answers = Map.of(
        prompt("Paris.", 3),
        "{\"questions\": [\"What is the capital of France?\", \"Which city is France's capital and largest city?\","
            + " \"How do you bake bread?\"], \"noncommittal\": false}",
        prompt("I am not sure, it could be many cities.", 3),
        "{\"questions\": [\"What is the capital of France?\"], \"noncommittal\": true, \"reason\": \"does not say\"}",
        prompt("Jane Austen.", 3), "The question was who wrote Emma.");
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers));
        Scorer s = scorer(new AnswerRelevanceScorers(() -> TABLE),
            "answer_relevance:base_url=" + stub.baseUrl() + ":model=judge-1", context())) {
      assertThat(Scoring.names(s)).containsExactly("answer_relevance");
      Score paris = s.score(Example.of("1", "Capital of France?", null), Output.text("Paris.")).get("answer_relevance");
      // cos = 1, 1/sqrt(2), and -1/sqrt(2) counted as 0.
      assertThat(paris.value()).isCloseTo((1 + Math.sqrt(0.5) + 0) / 3, within(1e-7));
      assertThat(paris.note()).isEqualTo("[1.000] What is the capital of France?\n"
          + "[0.707] Which city is France's capital and largest city?\n"
          + "[0.000] How do you bake bread?");
      Score vague = s.score(Example.of("2", "Capital of France?", null),
          Output.text("I am not sure, it could be many cities.")).get("answer_relevance");
      assertThat(vague.value()).as("noncommittal scores 0 whatever the questions").isEqualTo(0.0);
      assertThat(vague.note()).isEqualTo("noncommittal answer, score 0 (does not say)\n"
          + "[1.000] What is the capital of France?");
      assertThatThrownBy(() -> s.score(Example.of("3", "Who wrote Emma?", null), Output.text("Jane Austen.")))
          .isInstanceOf(JudgeException.class).hasMessageContaining("not a JSON object")
          .hasMessageContaining("The question was who wrote Emma.");
      assertThat(stub.requests().get(0).body()).contains("\"model\":\"judge-1\"", "\"temperature\":0.0");
      assertThat(s.identities().get("answer_relevance")).hasSize(64);
    }
  }

  /** questions=N is asked for in the prompt and is part of the identity; answer=FIELD picks the answer. */
  @Test
  void theQuestionCountAndAnswerFieldReachThePrompt() throws Exception {
    java.util.List<String> prompts = new java.util.ArrayList<>();
    ModelCaller scripted = (system, identity, invocation) -> {
      prompts.add(invocation.example().inputText());
      return Output.text("{\"questions\": [\"Who wrote Emma?\"], \"noncommittal\": false}");
    };
    PluginContext ctx = new PluginContext(null, Path.of("").toAbsolutePath(), Map.of(), ResponseCache.NONE, null,
        scripted);
    AnswerRelevanceScorers p = new AnswerRelevanceScorers(() -> TABLE);
    try (Scorer one = scorer(p, "answer_relevance:base_url=http://127.0.0.1:9/v1:model=m:questions=1:answer=answer", ctx);
        Scorer three = scorer(p, "answer_relevance:base_url=http://127.0.0.1:9/v1:model=m", ctx)) {
      ObjectNode out = Json.object().put("answer", "Jane Austen.");
      out.putArray("contexts").add("d1");
      Example e = Example.of("1", "Who wrote Emma?", null);
      assertThat(one.score(e, new Output(out, null, null, null, null)).get("answer_relevance").value()).isEqualTo(1.0);
      assertThat(prompts.get(0)).isEqualTo(prompt("Jane Austen.", 1));
      assertThatThrownBy(() -> one.score(e, Output.text("Jane Austen."))).isInstanceOf(JudgeException.class)
          .hasMessageContaining("no text field 'answer'");
      assertThat(one.identities()).isNotEqualTo(three.identities());
    }
  }

  @Test
  void badSpecsAreInputErrors() {
    AnswerRelevanceScorers p = new AnswerRelevanceScorers(() -> TABLE);
    assertThat(p.metric("faithfulness:model=m")).isEmpty();
    for (String[] c : new String[][] {
        {"answer_relevance", "needs its judge model"},
        {"answer_relevance:model=m", "'base_url': missing"},
        {"answer_relevance:base_url=http://127.0.0.1:9/v1", "'model': missing"},
        {"answer_relevance:base_url=http://127.0.0.1:9/v1:model=m:questions=0", "questions"},
        {"answer_relevance:base_url=http://127.0.0.1:9/v1:model=m:questions=11", "questions"},
        {"answer_relevance:base_url=http://127.0.0.1:9/v1:model=m:answer=", "malformed parameter 'answer='"},
        {"answer_relevance:base_url=http://127.0.0.1:9/v1:model=m:rubric=r.txt", "rubric"},
        {"answer_relevance:base_url=http://u:pa55-w0rd@127.0.0.1:9/v1:model=m", "carries credentials"}}) {
      assertThatThrownBy(() -> Scoring.create(p, c[0])).as(c[0]).isInstanceOfSatisfying(InputException.class, e ->
          assertThat(e.render()).contains(c[1]).doesNotContain("pa55-w0rd"));
    }
    Metric m = p.metric("answer_relevance:base_url=http://127.0.0.1:9/v1:model=m").orElseThrow();
    assertThat(m.name()).isEqualTo("answer_relevance");
    assertThat(m.scale()).isEqualTo(dev.assay.core.Scale.UNIT);
  }

  /**
   * With the shipped MiniLM model, the installed metric: a question that restates the one asked
   * scores near 1, questions about something else score far lower, so an answer that drifts off
   * the question scores low even when the judge does not call it noncommittal.
   */
  @Test
  void withMiniLmARestatedQuestionScoresHighAndAnOffTopicOneLow() throws Exception {
    ModelCaller scripted = (system, identity, invocation) -> {
      String answer = invocation.example().inputText();
      return Output.text(answer.contains("ANSWER:\nParis is the capital of France.")
          ? "{\"questions\": [\"What is the capital city of France?\"], \"noncommittal\": false}"
          : "{\"questions\": [\"What is the boiling point of water at sea level?\"], \"noncommittal\": false}");
    };
    PluginContext ctx = new PluginContext(null, Path.of("").toAbsolutePath(), Map.of(), ResponseCache.NONE, null,
        scripted);
    try (Scorer s = Plugins.installed().scorer("answer_relevance:base_url=http://127.0.0.1:9/v1:model=m:questions=1",
        ctx)) {
      Example e = Example.of("1", "What is the capital of France?", null);
      double onTopic = s.score(e, Output.text("Paris is the capital of France.")).get("answer_relevance").value();
      double offTopic = s.score(e, Output.text("Water boils at 100 degrees Celsius.")).get("answer_relevance").value();
      float[] a = MiniLmEmbedder.shared().embed("What is the capital of France?");
      float[] b = MiniLmEmbedder.shared().embed("What is the boiling point of water at sea level?");
      assertThat(onTopic).isGreaterThan(0.9);
      assertThat(offTopic).isLessThan(0.3).isCloseTo(Math.max(0, AnswerRelevanceScorer.cosine(a, b)), within(1e-12));
    }
  }
}
