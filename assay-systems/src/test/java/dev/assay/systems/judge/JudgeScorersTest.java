package dev.assay.systems.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Output;
import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.Scorer;
import dev.assay.core.Scores;
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

  @Test
  void judgesThroughTheOpenAiAdapterAndNeverTurnsAnUnparsableAnswerIntoAScore() throws Exception {
    Path rubric = Files.writeString(dir.resolve("rubric.txt"), "Question: {{input}}\nAnswer: {{output}}\nGrade it.");
    Map<String, String> answers = Map.of(
        "Question: q1\nAnswer: a1\nGrade it.", "{\"score\": 0.8, \"rationale\": \"close\"}",
        "Question: q2\nAnswer: a2\nGrade it.", "Looks fine to me.",
        "Question: q3\nAnswer: a3\nGrade it.", "Way off.\nSCORE: 7");
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers))) {
      Scorer judge = Plugins.load().scorer("judge:base_url=" + stub.baseUrl() + ":model=judge-1:rubric=" + rubric
          + ":retries=0", null, 0);
      assertThat(judge.names()).containsExactly("judge");
      assertThat(judge.score(Example.of("1", "q1", null), Output.text("a1"))).containsExactly(Map.entry("judge", 0.8));
      Scores explained = judge.scoreWithNotes(Example.of("1", "q1", null), Output.text("a1"));
      assertThat(explained.values()).containsExactly(Map.entry("judge", 0.8));
      assertThat(explained.notes()).as("the rationale is kept beside the score").containsExactly(Map.entry("judge", "close"));
      assertThatThrownBy(() -> judge.score(Example.of("2", "q2", null), Output.text("a2")))
          .isInstanceOf(JudgeException.class).hasMessageContaining("no score").hasMessageContaining("Looks fine");
      assertThatThrownBy(() -> judge.score(Example.of("3", "q3", null), Output.text("a3")))
          .isInstanceOf(JudgeException.class).hasMessageContaining("outside [0.0, 1.0]");
      assertThat(stub.requests().get(0).body()).contains("\"model\":\"judge-1\"", "\"temperature\":0.0");
    }
  }

  @Test
  void underAResponseCacheTheJudgeIsAskedEachQuestionOnce() throws Exception {
    Path rubric = Files.writeString(dir.resolve("rubric.txt"), "Q: {{input}} A: {{output}}");
    Map<String, String> answers = Map.of("Q: q1 A: a1", "Right.\nSCORE: 1", "Q: q2 A: a2", "Wrong.\nSCORE: 0");
    Map<String, Output> stored = new ConcurrentHashMap<>();
    ResponseCache cache = new ResponseCache() {
      @Override
      public Optional<Output> get(String key) {
        return Optional.ofNullable(stored.get(key));
      }

      @Override
      public void put(String key, Output output) {
        stored.put(key, output);
      }
    };
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers))) {
      String spec = "judge:base_url=" + stub.baseUrl() + ":model=judge-1:rubric=" + rubric + ":retries=0";
      Scorer cached = Plugins.load().scorer(spec, null, 0).withResponseCache(cache);
      for (int round = 0; round < 3; round++) {
        assertThat(cached.scoreWithNotes(Example.of("1", "q1", null), Output.text("a1")))
            .isEqualTo(new Scores(Map.of("judge", 1.0), Map.of("judge", "Right.")));
        assertThat(cached.score(Example.of("2", "q2", null), Output.text("a2"))).containsExactly(Map.entry("judge", 0.0));
      }
      assertThat(stub.requests()).as("two questions, each asked once").hasSize(2);
      assertThat(stored).hasSize(2);

      // Another judge model is another cache key: asked afresh.
      Scorer other = Plugins.load().scorer(spec.replace("judge-1", "judge-2"), null, 0).withResponseCache(cache);
      other.score(Example.of("1", "q1", null), Output.text("a1"));
      assertThat(stub.requests()).hasSize(3);
      assertThat(stored).hasSize(3);
    }
  }

  @Test
  void badSpecsAreInputErrorsOnTheMetric() throws Exception {
    Path rubric = Files.writeString(dir.resolve("r.txt"), "{{output}}");
    JudgeScorers p = new JudgeScorers();
    assertThat(p.create("exact_match")).isEmpty();
    for (String[] c : new String[][] {
        {"judge", "needs its model and rubric"},
        {"judge:model=m:rubric=" + rubric, "'base_url' is missing"},
        {"judge:base_url=http://127.0.0.1:9/v1:model=m:rubric=" + rubric + ":temprature=0", "did you mean 'temperature'"},
        {"judge:base_url=http://127.0.0.1:9/v1:model=m:rubric=" + dir.resolve("none.txt"), "none.txt: file not found"},
        {"judge:base_url=http://127.0.0.1:9/v1:model=m:rubric=" + rubric + ":min=5:max=1", "not below max"},
        {"judge:base_url=http://127.0.0.1:9/v1:model=m:rubric=" + rubric + ":api_key_env=ASSAY_NO_SUCH_VAR_X",
            "environment variable ASSAY_NO_SUCH_VAR_X is not set"}}) {
      assertThatThrownBy(() -> p.create(c[0])).as(c[0]).isInstanceOfSatisfying(InputException.class, e -> {
        assertThat(e.field()).isEqualTo("metrics");
        assertThat(e.render()).contains(c[1]);
      });
    }
  }
}
