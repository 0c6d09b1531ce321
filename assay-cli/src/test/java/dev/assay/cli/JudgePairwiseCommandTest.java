package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.testkit.StubLlmServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay judge pairwise} end to end: a scripted pairwise judge on a loopback server, each pair
 * asked in both orders, against figures worked out by hand.
 */
class JudgePairwiseCommandTest {
  @TempDir Path dir;

  /**
   * q1-q5: the candidate wins in both orders; q6, q7: the baseline does; q8: a tie both times;
   * q9, q10: the judge always says A (position bias: inconsistent, counted as ties). Wins 5,
   * losses 2, ties 3: win rate (5 + 1.5)/10 = 0.65, per-example scores 1×5, 0×2, ½×3 with s² =
   * 1.525/9, interval 0.65 ± 1.959964·√(1.525/90). Decisive verdicts 18, 11 of them for the answer
   * shown first.
   */
  @Test
  void winRateAndPositionBiasFromBothOrders() throws Exception {
    CliHarness cli = new CliHarness(dir);
    Map<String, String> answers = JudgeCalibrateCommandTest.answersWithBaseline();
    for (int i = 1; i <= 10; i++) {
      String candFirst = "Q: question " + i + "\nA: answer " + i + "\nB: base " + i;
      String baseFirst = "Q: question " + i + "\nA: base " + i + "\nB: answer " + i;
      String[] verdicts = i <= 5 ? new String[] {"A", "B"} : i <= 7 ? new String[] {"B", "A"}
          : i == 8 ? new String[] {"TIE", "TIE"} : new String[] {"A", "A"};
      answers.put(candFirst, "Both are short.\nWINNER: " + verdicts[0]);
      answers.put(baseFirst, "{\"winner\": \"" + verdicts[1] + "\", \"rationale\": \"x\"}");
    }
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(answers))) {
      JudgeCalibrateCommandTest.writeTwoSystemSuite(cli, stub.baseUrl(), "j", "");
      cli.write("pairwise.txt", "Q: {{input}}\nA: {{output_a}}\nB: {{output_b}}");
      CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
      assertThat(run.code()).as(run.toString()).isZero();
      JsonNode runs = Json.MAPPER.readTree(run.out()).path("runs");
      String baseRun = runs.get(0).path("run_id").asText();
      String candRun = runs.get(1).path("run_id").asText();
      int before = stub.requests().size();

      CliHarness.Result json = cli.run("judge", "pairwise", baseRun, candRun, "--rubric", "pairwise.txt",
          "--base-url", stub.baseUrl(), "--model", "pj", "--format", "json");
      assertThat(json.code()).as(json.toString()).isZero();
      assertThat(stub.requests().size() - before).as("each pair in both orders").isEqualTo(20);
      JsonNode r = Json.MAPPER.readTree(json.out());
      assertThat(r.path("wins").asInt()).isEqualTo(5);
      assertThat(r.path("losses").asInt()).isEqualTo(2);
      assertThat(r.path("ties").asInt()).isEqualTo(3);
      assertThat(r.path("win_rate").asDouble()).isCloseTo(0.65, within(1e-12));
      double half = 1.959963984540054 * Math.sqrt(1.525 / 90);
      assertThat(r.path("win_rate_ci").get(0).asDouble()).isCloseTo(0.65 - half, within(1e-9));
      assertThat(r.path("position_bias").path("inconsistent").asInt()).isEqualTo(2);
      assertThat(r.path("position_bias").path("rate").asDouble()).isCloseTo(0.2, within(1e-12));
      assertThat(r.path("position_bias").path("first_position_rate").asDouble()).isCloseTo(11.0 / 18, within(1e-12));

      CliHarness.Result text = cli.run("judge", "pairwise", baseRun, candRun, "--rubric", "pairwise.txt",
          "--base-url", stub.baseUrl(), "--model", "pj", "--comparisons", "cmp.jsonl");
      assertThat(text.code()).as(text.toString()).isZero();
      assertThat(text.out()).contains("candidate win rate 0.6500").contains("5 wins, 2 losses, 3 ties")
          .contains("position bias: 2 of 10 verdicts (20.0%)");
      assertThat(stub.requests().size() - before).as("the second time from the cache").isEqualTo(20);
      // The verdicts as comparisons for 'judge rank': b (the candidate) 5 wins, a 2, 3 ties.
      java.util.List<JsonNode> lines = new java.util.ArrayList<>();
      for (String l : java.nio.file.Files.readAllLines(dir.resolve("cmp.jsonl"))) {
        lines.add(Json.MAPPER.readTree(l));
      }
      assertThat(lines).hasSize(10);
      assertThat(lines.stream().map(l -> l.path("winner").asText()).toList())
          .containsExactly("b", "b", "b", "b", "b", "a", "a", "tie", "tie", "tie");
      assertThat(lines.get(0).path("a").asText()).isNotEqualTo(lines.get(0).path("b").asText());
      CliHarness.Result rank = cli.run("judge", "rank", "cmp.jsonl", "--format", "json");
      assertThat(rank.code()).as(rank.toString()).isZero();
      JsonNode top = Json.MAPPER.readTree(rank.out()).path("systems").get(0);
      assertThat(top.path("system").asText()).isEqualTo(lines.get(0).path("b").asText());
      // Two systems: P(b beats a) = 6.5 / 10, so the strengths are ±ln(6.5 / 3.5) / 2.
      assertThat(top.path("strength").asDouble()).isCloseTo(Math.log(6.5 / 3.5) / 2, within(1e-9));

      cli.write("one.txt", "Q: {{input}}\nA: {{output_a}}");
      CliHarness.Result bad = cli.run("judge", "pairwise", baseRun, candRun, "--rubric", "one.txt", "--base-url",
          stub.baseUrl(), "--model", "pj");
      assertThat(bad.code()).as(bad.toString()).isEqualTo(2);
      assertThat(bad.err()).contains("one.txt").contains("{{output_a}} and {{output_b}}");
      assertThat(bad.out()).isEmpty();
    }
  }
}
