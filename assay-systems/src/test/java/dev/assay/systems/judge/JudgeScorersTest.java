package dev.assay.systems.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Output;
import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.Scorer;
import dev.assay.core.ModelCaller;
import dev.assay.core.PluginContext;
import dev.assay.core.Score;
import dev.assay.testkit.Scoring;
import java.util.ArrayList;
import java.util.List;
import dev.assay.testkit.StubLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeScorersTest {
  @TempDir Path dir;

  @Test
  void verdictsParseFromJsonOrAFinalScoreLineAndNothingElse() {
    assertThat(JudgeVerdict.parse("{\"score\": 0.75, \"rationale\": \"mostly right\"}"))
        .isEqualTo(new JudgeVerdict(0.75, "mostly right"));
    assertThat(JudgeVerdict.parse("```json\n{\"score\": \"4\"}\n```")).isEqualTo(new JudgeVerdict(4, ""));
    assertThat(JudgeVerdict.parse("The answer names the right city.\nSCORE: 1\n"))
        .isEqualTo(new JudgeVerdict(1, "The answer names the right city."));
    assertThat(JudgeVerdict.parse("score = 0.5")).isEqualTo(new JudgeVerdict(0.5, ""));
    assertThat(JudgeVerdict.parse("I would give it a 1.")).isNull();
    assertThat(JudgeVerdict.parse("SCORE: 1\nbut on reflection...")).as("the score line must be last").isNull();
    assertThat(JudgeVerdict.parse("{\"score\": \"high\"}")).isNull();
    assertThat(JudgeVerdict.parse("")).isNull();
  }

  private static PluginContext context(Path suiteFile, ModelCaller models) {
    return new PluginContext(suiteFile, Path.of("").toAbsolutePath(), Map.of(), ResponseCache.NONE, null, models);
  }

  @Test
  void judgesThroughTheOpenAiAdapterAndNeverTurnsAnUnparsableAnswerIntoAScore() throws Exception {
    Path rubric = Files.writeString(dir.resolve("rubric.txt"), "Question: {{input}}\nAnswer: {{output}}\nGrade it.");
    Map<String, String> answers = Map.of(
        "Question: q1\nAnswer: a1\nGrade it.", "{\"score\": 0.8, \"rationale\": \"close\"}",
        "Question: q2\nAnswer: a2\nGrade it.", "Looks fine to me.",
        "Question: q3\nAnswer: a3\nGrade it.", "Way off.\nSCORE: 7");
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers));
        Scorer judge = Plugins.installed().scorer("judge:base_url=" + stub.baseUrl() + ":model=judge-1:rubric="
            + rubric, context(null, ModelCaller.DIRECT))) {
      assertThat(Scoring.names(judge)).containsExactly("judge");
      Score explained = judge.score(Example.of("1", "q1", null), Output.text("a1")).get("judge");
      assertThat(explained.value()).isEqualTo(0.8);
      assertThat(explained.note()).as("the rationale is kept with the score").isEqualTo("close");
      assertThatThrownBy(() -> judge.score(Example.of("2", "q2", null), Output.text("a2")))
          .isInstanceOf(JudgeException.class).hasMessageContaining("no score").hasMessageContaining("Looks fine");
      assertThatThrownBy(() -> judge.score(Example.of("3", "q3", null), Output.text("a3")))
          .isInstanceOf(JudgeException.class).hasMessageContaining("outside [0.0, 1.0]");
      assertThat(stub.requests().get(0).body()).contains("\"model\":\"judge-1\"", "\"temperature\":0.0");
    }
  }

  /**
   * The judge asks its model through the context's caller (the engine's cache, rate limit and
   * retries), under an identity of the model's settings and the rubric's text: another model or an
   * edited rubric is another identity, so the cache never answers for it. A relative rubric path
   * resolves against the suite's folder, never the working directory.
   */
  @Test
  void callsGoThroughTheEnginesCallerUnderAnIdentityOfModelAndRubric() throws Exception {
    Path suites = Files.createDirectories(dir.resolve("suites"));
    Files.writeString(suites.resolve("rubric.txt"), "Q: {{input}} A: {{output}}");
    List<String> identities = new ArrayList<>();
    ModelCaller recording = (system, identity, invocation) -> {
      identities.add(identity);
      return Output.text("Right.\nSCORE: 1");
    };
    PluginContext ctx = context(suites.resolve("suite.yaml"), recording);
    String spec = "judge:base_url=http://127.0.0.1:9/v1:model=judge-1:rubric=rubric.txt";
    for (String s : List.of(spec, spec, spec.replace("judge-1", "judge-2"))) {
      try (Scorer judge = Plugins.installed().scorer(s, ctx)) {
        assertThat(judge.score(Example.of("1", "q1", null), Output.text("a1")).get("judge").value()).isEqualTo(1.0);
      }
    }
    Files.writeString(suites.resolve("rubric.txt"), "Q: {{input}} Answer: {{output}}");
    try (Scorer judge = Plugins.installed().scorer(spec, ctx)) {
      judge.score(Example.of("1", "q1", null), Output.text("a1"));
    }
    assertThat(identities).hasSize(4);
    assertThat(identities.get(0)).isEqualTo(identities.get(1));
    assertThat(identities.get(2)).as("another model").isNotEqualTo(identities.get(0));
    assertThat(identities.get(3)).as("an edited rubric").isNotEqualTo(identities.get(0));
    assertThatThrownBy(() -> Plugins.installed().scorer(spec, context(dir.resolve("elsewhere.yaml"), recording)))
        .isInstanceOf(InputException.class).hasMessageContaining("rubric " + dir.resolve("rubric.txt") + ": file not found");
  }

  /**
   * The identity calibrations bind to changes with the model, the rubric's text and the score range,
   * and with nothing else (not the API key's value, not the rubric's path).
   */
  @Test
  void theCalibrationIdentityFollowsModelRubricAndRange() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(a.resolve("rubric.txt"), "Q: {{input}} A: {{output}}");
    Files.writeString(b.resolve("rubric.txt"), "Q: {{input}} A: {{output}}");
    ModelCaller never = (system, identity, invocation) -> {
      throw new AssertionError("not called");
    };
    String spec = "judge:base_url=http://127.0.0.1:9/v1:model=judge-1:rubric=rubric.txt";
    java.util.function.BiFunction<String, Path, String> identity = (s, folder) -> {
      try (Scorer judge = Plugins.installed().scorer(s, context(folder.resolve("suite.yaml"), never))) {
        return judge.identities().get("judge");
      }
    };
    String base = identity.apply(spec, a);
    assertThat(base).hasSize(64);
    assertThat(identity.apply(spec, b)).as("the same rubric text elsewhere").isEqualTo(base);
    assertThat(identity.apply(spec.replace("judge-1", "judge-2"), a)).as("another model").isNotEqualTo(base);
    assertThat(identity.apply(spec + ":min=0:max=5", a)).as("another scale").isNotEqualTo(base);
    Files.writeString(b.resolve("rubric.txt"), "Q: {{input}}\nA: {{output}}");
    assertThat(identity.apply(spec, b)).as("an edited rubric").isNotEqualTo(base);
  }

  /**
   * A panel asks each of its models in turn and combines their scores: by majority (a tie is an
   * error, never a score) or by mean; the members' scores are the score's statistics, their
   * rationales its note, and the panel is a judge identity of its own.
   */
  @Test
  void aPanelCombinesItsMembersByMajorityOrMean() throws Exception {
    Path suites = Files.createDirectories(dir.resolve("panel"));
    Files.writeString(suites.resolve("rubric.txt"), "Q: {{input}} A: {{output}}");
    java.util.ArrayDeque<String> answers = new java.util.ArrayDeque<>();
    List<String> identities = new ArrayList<>();
    ModelCaller scripted = (system, identity, invocation) -> {
      identities.add(identity);
      return Output.text(answers.removeFirst());
    };
    PluginContext ctx = context(suites.resolve("suite.yaml"), scripted);
    String spec = "judge:base_url=http://127.0.0.1:9/v1:models=a,b,c:rubric=rubric.txt";
    try (Scorer panel = Plugins.installed().scorer(spec, ctx);
        Scorer mean = Plugins.installed().scorer(spec + ":combine=mean", ctx);
        Scorer single = Plugins.installed().scorer(spec.replace("models=a,b,c", "model=a"), ctx)) {
      answers.addAll(List.of("{\"score\": 1, \"rationale\": \"fine\"}", "SCORE: 0", "SCORE: 1"));
      Score s = panel.score(Example.of("1", "q1", null), Output.text("a1")).get("judge");
      assertThat(s.value()).isEqualTo(1.0);
      assertThat(s.statistics()).containsExactly(1, 0, 1);
      assertThat(s.note()).isEqualTo("a: 1 (fine)\nb: 0\nc: 1");
      assertThat(identities).hasSize(3).doesNotHaveDuplicates();
      answers.addAll(List.of("SCORE: 1", "SCORE: 0", "SCORE: 0"));
      assertThat(mean.score(Example.of("1", "q1", null), Output.text("a1")).get("judge").value())
          .isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
      assertThat(panel.identities().get("judge")).isNotEqualTo(mean.identities().get("judge"))
          .isNotEqualTo(single.identities().get("judge"));
    }
    try (Scorer even = Plugins.installed().scorer(spec.replace("a,b,c", "a,b"), ctx)) {
      answers.addAll(List.of("SCORE: 1", "SCORE: 0"));
      assertThatThrownBy(() -> even.score(Example.of("1", "q1", null), Output.text("a1")))
          .isInstanceOf(JudgeException.class).hasMessageContaining("panel tied");
    }
  }

  @Test
  void badSpecsAreInputErrorsOnTheMetric() throws Exception {
    Path rubric = Files.writeString(dir.resolve("r.txt"), "{{output}}");
    JudgeScorers p = new JudgeScorers();
    assertThat(p.metric("exact_match")).isEmpty();
    for (String[] c : new String[][] {
        {"judge", "needs its model and rubric"},
        {"judge:base_url=http://127.0.0.1:9/v1:rubric=" + rubric, "needs its model"},
        {"judge:base_url=http://127.0.0.1:9/v1:model=m:models=a,b:rubric=" + rubric, "both 'model' and 'models'"},
        {"judge:base_url=http://127.0.0.1:9/v1:models=a:rubric=" + rubric, "at least two different models"},
        {"judge:base_url=http://127.0.0.1:9/v1:models=a,a:rubric=" + rubric, "at least two different models"},
        {"judge:base_url=http://127.0.0.1:9/v1:model=m:combine=mean:rubric=" + rubric, "'combine' needs a panel"},
        {"judge:base_url=http://127.0.0.1:9/v1:models=a,b:combine=vote:rubric=" + rubric, "unknown combine"},
        {"judge:model=m:rubric=" + rubric, "'base_url': missing"},
        {"judge:base_url=http://127.0.0.1:9/v1:model=m:rubric=" + rubric + ":temprature=0", "did you mean 'temperature'"},
        {"judge:base_url=http://127.0.0.1:9/v1:model=m:rubric=" + rubric + ":retries=3", "the suite's retries"},
        {"judge:base_url=http://127.0.0.1:9/v1:model=m:rubric=" + dir.resolve("none.txt"), "none.txt: file not found"},
        {"judge:base_url=http://127.0.0.1:9/v1:model=m:rubric=" + rubric + ":min=5:max=1", "not below max"},
        {"judge:base_url=http://127.0.0.1:9/v1:model=m:rubric=" + rubric + ":api_key_env=ASSAY_NO_SUCH_VAR_X",
            "environment variable ASSAY_NO_SUCH_VAR_X is not set"}}) {
      assertThatThrownBy(() -> Scoring.create(p, c[0])).as(c[0]).isInstanceOfSatisfying(InputException.class, e -> {
        assertThat(e.field()).isEqualTo("metrics");
        assertThat(e.render()).contains(c[1]);
      });
    }
  }

  /** Issue 17, item 7: a metric name is stored and printed with every score, so it holds no URL credentials. */
  @Test
  void aJudgeUrlWithCredentialsIsRefusedWithoutEchoingThem() throws Exception {
    Path rubric = Files.writeString(dir.resolve("r.txt"), "{{output}}");
    for (String url : new String[] {"http://svc:pa55-w0rd@127.0.0.1:9/v1", "http://127.0.0.1:9/v1?api_key=pa55-w0rd"}) {
      String spec = "judge:base_url=" + url + ":model=m:rubric=" + rubric;
      assertThatThrownBy(() -> Scoring.create(new JudgeScorers(), spec)).as(spec)
          .isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.field()).isEqualTo("metrics");
            assertThat(e.render()).contains("carries credentials", "api_key_env=VAR").doesNotContain("pa55-w0rd");
          });
    }
  }
}
