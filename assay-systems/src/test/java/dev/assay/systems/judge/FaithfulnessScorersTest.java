package dev.assay.systems.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.ModelCaller;
import dev.assay.core.Output;
import dev.assay.core.PluginContext;
import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.testkit.Scoring;
import dev.assay.testkit.StubLlmServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaithfulnessScorersTest {
  private static final Path HALUEVAL = Path.of("../../shared/data/halueval/generation/qa/qa_one-turn_data.json");

  private static PluginContext context() {
    return new PluginContext(null, Path.of("").toAbsolutePath(), Map.of(), ResponseCache.NONE, null,
        ModelCaller.DIRECT);
  }

  private static Example example(String id, String question, JsonNode context) {
    ObjectNode extra = Json.object();
    extra.set("context", context);
    return new Example(id, TextNode.valueOf(question), null, Map.of(), extra, 0);
  }

  /** The judge's prompt as the scorer must render it. */
  private static String prompt(String question, String context, String answer) {
    return FaithfulnessScorers.prompt().replace("{{question}}", question).replace("{{context}}", context)
        .replace("{{answer}}", answer);
  }

  @Test
  void claimVerdictsParseOnlyTheDocumentedForm() {
    ClaimVerdicts v = ClaimVerdicts.parse("```json\n{\"claims\": [{\"claim\": \"A\", \"supported\": true},"
        + " {\"claim\": \"B\", \"supported\": \"No\", \"reason\": \"not in context\"}]}\n```");
    assertThat(v.claims()).containsExactly(new ClaimVerdicts.Claim("A", true, ""),
        new ClaimVerdicts.Claim("B", false, "not in context"));
    assertThat(v.supported()).isEqualTo(1);
    assertThat(ClaimVerdicts.parse("{\"claims\": []}").claims()).isEmpty();
    for (String[] bad : new String[][] {
        {"All claims are supported.", "not a JSON object"},
        {"{\"claims\": [{\"claim\": \"A\", \"supported\": true}", "not a JSON object"},
        {"{\"score\": 1}", "not a JSON object with a list 'claims'"},
        {"{\"claims\": \"A is true\"}", "list 'claims'"},
        {"{\"claims\": [{\"claim\": \"A\"}]}", "claim 1 has no verdict"},
        {"{\"claims\": [{\"claim\": \"A\", \"supported\": true}, {\"claim\": \"B\", \"supported\": \"maybe\"}]}",
            "claim 2 has no verdict"},
        {"{\"claims\": [{\"claim\": \" \", \"supported\": true}]}", "claim 1 has no text"},
        {"{\"claims\": [7]}", "claim 1 has no text"}}) {
      assertThatThrownBy(() -> ClaimVerdicts.parse(bad[0])).as(bad[0]).isInstanceOf(JudgeException.class)
          .hasMessageContaining(bad[1]);
    }
    assertThatThrownBy(() -> ClaimVerdicts.parse(null)).isInstanceOf(JudgeException.class);
  }

  /**
   * Over loopback through the openai adapter: the score is supported claims / claims, the claims and
   * verdicts are the note; a malformed answer, an answer without claims and a missing context are
   * errors of that example, never a score.
   */
  @Test
  void scoresTheShareOfSupportedClaimsAndKeepsThemInTheNote() throws Exception {
    String ctx = "Paris is the capital of France. It has about 2.1 million inhabitants.";
    var passages = Json.MAPPER.createArrayNode().add("Paris is the capital of France.")
        .add(Json.object().put("id", "d2").put("text", "It has about 2.1 million inhabitants."));
    Map<String, String> answers = Map.of(
        prompt("q1", ctx, "Paris, a city of 2.1 million, is France's capital and was founded in 250 BC."),
        "{\"claims\": [{\"claim\": \"Paris is the capital of France\", \"supported\": true},"
            + " {\"claim\": \"Paris has 2.1 million inhabitants\", \"supported\": true},"
            + " {\"claim\": \"Paris was founded in 250 BC\", \"supported\": false, \"reason\": \"the context gives no date\"}]}",
        prompt("q2", "[1] Paris is the capital of France.\n\n[2] It has about 2.1 million inhabitants.", "Paris."),
        "{\"claims\": [{\"claim\": \"The capital is Paris\", \"supported\": \"yes\"}]}",
        prompt("q3", ctx, "Hello!"), "{\"claims\": []}",
        prompt("q4", ctx, "Lyon."), "The answer is not supported.");
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers));
        Scorer f = Plugins.installed().scorer("faithfulness:base_url=" + stub.baseUrl() + ":model=judge-1",
            context())) {
      assertThat(Scoring.names(f)).containsExactly("faithfulness");
      Score s = f.score(example("1", "q1", TextNode.valueOf(ctx)),
          Output.text("Paris, a city of 2.1 million, is France's capital and was founded in 250 BC.")).get("faithfulness");
      assertThat(s.value()).isCloseTo(2.0 / 3, within(1e-12));
      assertThat(s.note()).isEqualTo("[supported] Paris is the capital of France\n"
          + "[supported] Paris has 2.1 million inhabitants\n"
          + "[unsupported] Paris was founded in 250 BC (the context gives no date)");
      assertThat(f.score(example("2", "q2", passages), Output.text("Paris.")).get("faithfulness").value())
          .as("a list of passages, numbered").isEqualTo(1.0);
      assertThatThrownBy(() -> f.score(example("3", "q3", TextNode.valueOf(ctx)), Output.text("Hello!")))
          .isInstanceOf(JudgeException.class).hasMessageContaining("no claims");
      assertThatThrownBy(() -> f.score(example("4", "q4", TextNode.valueOf(ctx)), Output.text("Lyon.")))
          .isInstanceOf(JudgeException.class).hasMessageContaining("not a JSON object")
          .hasMessageContaining("The answer is not supported.");
      assertThatThrownBy(() -> f.score(Example.of("5", "q5", null), Output.text("Lyon.")))
          .isInstanceOf(JudgeException.class).hasMessageContaining("no context field 'context'");
      assertThat(stub.requests().get(0).body()).contains("\"model\":\"judge-1\"", "\"temperature\":0.0");
      assertThat(f.identities().get("faithfulness")).hasSize(64);
    }
  }

  /** With answer=FIELD the judged answer is that field of an object output; an output without it is that example's error. */
  @Test
  void theAnswerFieldOfAnObjectOutputIsWhatIsJudged() throws Exception {
    List<String> prompts = new ArrayList<>();
    ModelCaller scripted = (system, identity, invocation) -> {
      prompts.add(invocation.example().inputText());
      return Output.text("{\"claims\": [{\"claim\": \"Paris\", \"supported\": true}]}");
    };
    PluginContext ctx = new PluginContext(null, Path.of("").toAbsolutePath(), Map.of(), ResponseCache.NONE, null,
        scripted);
    try (Scorer f = Plugins.installed().scorer("faithfulness:base_url=http://127.0.0.1:9/v1:model=m:answer=answer",
        ctx)) {
      ObjectNode out = Json.object().put("answer", "Paris.");
      out.putArray("contexts").add("d1");
      Example e = example("1", "q", TextNode.valueOf("Paris is the capital."));
      assertThat(f.score(e, new Output(out, null, null, null, null)).get("faithfulness").value()).isEqualTo(1.0);
      assertThat(f.score(e, Output.text(Json.canonical(out))).get("faithfulness").value()).isEqualTo(1.0);
      assertThat(prompts).hasSize(2).allSatisfy(p -> assertThat(p).isEqualTo(prompt("q", "Paris is the capital.", "Paris.")));
      assertThatThrownBy(() -> f.score(e, Output.text("Paris."))).isInstanceOf(JudgeException.class)
          .hasMessageContaining("no text field 'answer'");
    }
  }

  @Test
  void badSpecsAndExamplesWithoutContextAreInputErrors() {
    FaithfulnessScorers p = new FaithfulnessScorers();
    assertThat(p.metric("judge:model=m")).isEmpty();
    for (String[] c : new String[][] {
        {"faithfulness", "needs its judge model"},
        {"faithfulness:model=m", "'base_url': missing"},
        {"faithfulness:base_url=http://127.0.0.1:9/v1", "'model': missing"},
        {"faithfulness:base_url=http://127.0.0.1:9/v1:model=m:rubric=r.txt", "rubric"},
        {"faithfulness:base_url=http://u:pa55-w0rd@127.0.0.1:9/v1:model=m", "carries credentials"},
        {"faithfulness:base_url=http://127.0.0.1:9/v1:model=m:api_key_env=ASSAY_NO_SUCH_VAR_X",
            "environment variable ASSAY_NO_SUCH_VAR_X is not set"}}) {
      assertThatThrownBy(() -> Scoring.create(p, c[0])).as(c[0]).isInstanceOfSatisfying(InputException.class, e -> {
        assertThat(e.field()).isEqualTo("metrics");
        assertThat(e.render()).contains(c[1]).doesNotContain("pa55-w0rd");
      });
    }
    var metric = p.metric("faithfulness:base_url=http://127.0.0.1:9/v1:model=m:context=passages").orElseThrow();
    assertThat(metric.name()).isEqualTo("faithfulness");
    assertThatThrownBy(() -> p.checkExample(metric, example("1", "q", TextNode.valueOf("c"))))
        .isInstanceOf(InputException.class).hasMessageContaining("no context field 'passages'");
    ObjectNode extra = Json.object().put("passages", "c");
    p.checkExample(metric, new Example("1", TextNode.valueOf("q"), null, Map.of(), extra, 0));
  }

  /**
   * HaluEval QA (Li et al. 2023) items, each answered once with the right answer and once with the
   * hallucinated one, the knowledge as context, and a scripted judge that supports the right answer
   * and not the hallucinated one: the scorer sends each item's own knowledge and answer and scores
   * 1 and 0 accordingly.
   */
  @Test
  void haluEvalQaItemsThroughAScriptedJudge() throws Exception {
    Path data = HALUEVAL.toAbsolutePath().normalize();
    assumeThat(Files.isRegularFile(data)).as("HaluEval QA not found at " + data + ": test skipped").isTrue();
    List<String> lines = Files.readAllLines(data, StandardCharsets.UTF_8).subList(0, 8);
    Map<String, String> answers = new HashMap<>();
    List<Object[]> cases = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode r = Json.MAPPER.readTree(lines.get(i));
      String q = r.path("question").asText();
      String k = r.path("knowledge").asText();
      for (boolean hallucinated : new boolean[] {false, true}) {
        String a = r.path(hallucinated ? "hallucinated_answer" : "right_answer").asText();
        answers.put(prompt(q, k, a), Json.MAPPER.writeValueAsString(Json.object().set("claims",
            Json.MAPPER.createArrayNode().add(Json.object().put("claim", a).put("supported", !hallucinated)))));
        cases.add(new Object[] {example("h" + i, q, TextNode.valueOf(k)), a, hallucinated ? 0.0 : 1.0});
      }
    }
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers));
        Scorer f = Plugins.installed().scorer("faithfulness:base_url=" + stub.baseUrl() + ":model=judge-1",
            context())) {
      for (Object[] c : cases) {
        Score s = f.score((Example) c[0], Output.text((String) c[1])).get("faithfulness");
        assertThat(s.value()).as(((Example) c[0]).id() + " " + c[1]).isEqualTo((double) c[2]);
        assertThat(s.note()).contains((String) c[1]);
      }
      assertThat(stub.requestCount()).isEqualTo(cases.size());
    }
  }

  /** The shipped hallucination rubric works with the rubric judge and is filled from a HaluEval-shaped example. */
  @Test
  void theShippedHallucinationRubricDrivesTheJudge() throws Exception {
    Path rubric = Path.of("../examples/rubrics/hallucination.txt").toAbsolutePath().normalize();
    String text = Files.readString(rubric);
    assertThat(text).contains("{{input}}", "{{context}}", "{{output}}", "Li et al.");
    String filled = text.replace("{{input}}", "Who?").replace("{{context}}", "Ann wrote it.")
        .replace("{{output}}", "Bob.");
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo()
            .withAnswers(Map.of(filled, "{\"score\": 0, \"rationale\": \"names Bob; the knowledge names Ann\"}")));
        Scorer judge = Plugins.installed().scorer("judge:base_url=" + stub.baseUrl() + ":model=judge-1:rubric="
            + rubric, context())) {
      Score s = judge.score(example("1", "Who?", TextNode.valueOf("Ann wrote it.")), Output.text("Bob."))
          .get("judge");
      assertThat(s.value()).isEqualTo(0.0);
      assertThat(s.note()).contains("Bob");
    }
  }
}
