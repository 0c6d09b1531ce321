package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay judge rank}: Bradley-Terry over several systems from a comparisons file. */
class JudgeRankCommandTest {
  @TempDir Path dir;

  /** alpha 3, beta 1, one tie; beta 2, gamma 1; alpha 2, gamma 1, one tie (BradleyTerryBootstrapTest.small). */
  private static final String SMALL = """
      {"id": "1", "a": "alpha", "b": "beta", "winner": "a"}
      {"id": "2", "a": "alpha", "b": "beta", "winner": "A"}
      {"id": "3", "a": "beta", "b": "alpha", "winner": "b"}
      {"id": "4", "a": "alpha", "b": "beta", "winner": "b"}
      {"id": "5", "a": "beta", "b": "alpha", "winner": "tie"}

      {"a": "beta", "b": "gamma", "winner": "a"}
      {"a": "gamma", "b": "beta", "winner": "b"}
      {"a": "beta", "b": "gamma", "winner": "b"}
      {"a": "alpha", "b": "gamma", "winner": "a"}
      {"a": "gamma", "b": "alpha", "winner": "b"}
      {"a": "alpha", "b": "gamma", "winner": "b"}
      {"a": "alpha", "b": "gamma", "winner": "tie"}
      """;

  /**
   * Strengths as scipy maximises the likelihood (see BradleyTerryBootstrapTest.smallInputMatchesScipy:
   * 0.47410538, -0.10219146, -0.37191392), the observed win rates by hand, seeded bootstrap.
   */
  @Test
  void ranksASmallFileWithExactStrengthsAndWinRates() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.write("cmp.jsonl", SMALL);
    CliHarness.Result json = cli.run("judge", "rank", "cmp.jsonl", "--format", "json", "--replicates", "300",
        "--seed", "5");
    assertThat(json.code()).as(json.toString()).isZero();
    JsonNode r = Json.MAPPER.readTree(json.out());
    assertThat(r.path("comparisons").asInt()).isEqualTo(12);
    assertThat(r.path("resamples").asInt()).isEqualTo(300);
    JsonNode systems = r.path("systems");
    assertThat(systems).hasSize(3);
    String[] names = {"alpha", "beta", "gamma"};
    double[] strengths = {0.47410538, -0.10219146, -0.37191392};
    for (int i = 0; i < 3; i++) {
      JsonNode s = systems.get(i);
      assertThat(s.path("rank").asInt()).isEqualTo(i + 1);
      assertThat(s.path("system").asText()).isEqualTo(names[i]);
      assertThat(s.path("strength").asDouble()).isCloseTo(strengths[i], within(1e-7));
      assertThat(s.path("strength_ci").get(0).asDouble()).isLessThanOrEqualTo(s.path("strength_ci").get(1).asDouble());
    }
    // alpha: 5 wins, 2 losses, 2 ties in 9 comparisons.
    assertThat(systems.get(0).path("wins").asInt()).isEqualTo(5);
    assertThat(systems.get(0).path("losses").asInt()).isEqualTo(2);
    assertThat(systems.get(0).path("ties").asInt()).isEqualTo(2);
    assertThat(systems.get(0).path("comparisons").asInt()).isEqualTo(9);
    JsonNode w = r.path("win_rates");
    assertThat(w.path("alpha").path("beta").path("rate").asDouble()).isCloseTo(3.5 / 5, within(1e-12));
    assertThat(w.path("alpha").path("beta").path("n").asInt()).isEqualTo(5);
    assertThat(w.path("beta").path("alpha").path("rate").asDouble()).isCloseTo(1.5 / 5, within(1e-12));
    assertThat(w.path("beta").path("gamma").path("rate").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(w.path("alpha").path("gamma").path("rate").asDouble()).isCloseTo(2.5 / 4, within(1e-12));
    assertThat(r.path("failed_resamples").asInt()).as("12 comparisons: some resamples leave a system unbeaten")
        .isPositive();

    CliHarness.Result again = cli.run("judge", "rank", "cmp.jsonl", "--format", "json", "--replicates", "300",
        "--seed", "5");
    assertThat(again.out()).as("seeded: the same intervals").isEqualTo(json.out());

    CliHarness.Result text = cli.run("judge", "rank", "cmp.jsonl", "--replicates", "300", "--seed", "5",
        "--confidence", "0.9");
    assertThat(text.code()).as(text.toString()).isZero();
    assertThat(text.out()).contains("Bradley-Terry ranking of 3 systems from 12 comparisons in cmp.jsonl; 90% "
        + "bootstrap intervals (300 resamples, seed 5)");
    assertThat(text.out().lines().filter(l -> l.matches("\\s+1  alpha\\s+\\+0\\.474  \\[.*")).count()).isEqualTo(1);
    assertThat(text.out()).contains("alpha   -               0.700 (5)       0.625 (4)")
        .contains("gamma   0.375 (4)       0.333 (3)       -");
    assertThat(text.err()).contains("resamples left a system unbeaten");
  }

  /** Five systems with known strengths, 300 comparisons per pair: the ranking is the true order. */
  @Test
  void aSeededSimulationRecoversTheTrueOrder() throws Exception {
    long seed = 1952L;
    System.out.println("JudgeRankCommandTest seed " + seed);
    SplittableRandom random = new SplittableRandom(seed);
    double[] truth = {0.8, -0.6, 0.1, 1.5, -1.2};
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < truth.length; i++) {
      for (int j = i + 1; j < truth.length; j++) {
        double p = 1 / (1 + Math.exp(truth[j] - truth[i]));
        for (int g = 0; g < 300; g++) {
          double u = random.nextDouble();
          String winner = u < 0.1 ? "tie" : random.nextDouble() < p ? "a" : "b";
          lines.append("{\"a\": \"s").append(i).append("\", \"b\": \"s").append(j).append("\", \"winner\": \"")
              .append(winner).append("\"}\n");
        }
      }
    }
    CliHarness cli = new CliHarness(dir);
    cli.write("sim.jsonl", lines.toString());
    CliHarness.Result json = cli.run("judge", "rank", "sim.jsonl", "--format", "json", "--replicates", "200");
    assertThat(json.code()).as(json.toString()).isZero();
    JsonNode systems = Json.MAPPER.readTree(json.out()).path("systems");
    assertThat(systems.findValuesAsText("system")).containsExactly("s3", "s0", "s2", "s1", "s4");
    assertThat(Json.MAPPER.readTree(json.out()).path("failed_resamples").asInt()).isZero();
    assertThat(json.err()).isEmpty();
  }

  @Test
  void badInputExitsTwoWithFileLineAndField() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.write("bad-winner.jsonl", "{\"a\": \"x\", \"b\": \"y\", \"winner\": \"a\"}\n{\"a\": \"x\", \"b\": \"y\", "
        + "\"winner\": \"x\"}\n");
    cli.write("same.jsonl", "{\"a\": \"x\", \"b\": \"x\", \"winner\": \"a\"}\n");
    cli.write("no-b.jsonl", "{\"a\": \"x\", \"winner\": \"a\"}\n");
    cli.write("not-json.jsonl", "{\"a\": \"x\", \"b\": \"y\", \"winner\": \"a\"}\nnope\n");
    cli.write("empty.jsonl", "\n");
    cli.write("unbeaten.jsonl", "{\"a\": \"x\", \"b\": \"y\", \"winner\": \"a\"}\n{\"a\": \"y\", \"b\": \"z\", "
        + "\"winner\": \"tie\"}\n");
    cli.write("ok.jsonl", "{\"a\": \"x\", \"b\": \"y\", \"winner\": \"a\"}\n{\"a\": \"x\", \"b\": \"y\", "
        + "\"winner\": \"b\"}\n");
    String[][] cases = {
        {"bad-winner.jsonl", "bad-winner.jsonl:2", "field 'winner': got \"x\""},
        {"same.jsonl", "same.jsonl:1", "the same system"},
        {"no-b.jsonl", "no-b.jsonl:1", "missing"},
        {"not-json.jsonl", "not-json.jsonl:2", ""},
        {"empty.jsonl", "empty.jsonl", "no comparisons"},
        {"unbeaten.jsonl", "unbeaten.jsonl", "(with 'y') never beats the rest"},
        {"missing.jsonl", "missing.jsonl", ""}};
    for (String[] c : cases) {
      CliHarness.Result r = cli.run("judge", "rank", c[0]);
      assertThat(r.code()).as(c[0] + " " + r).isEqualTo(2);
      assertThat(r.err()).as(c[0]).contains(c[1]).contains(c[2]);
      assertThat(r.out()).as(c[0]).isEmpty();
    }
    for (String[] opt : new String[][] {{"--confidence", "1.5"}, {"--replicates", "0"}}) {
      CliHarness.Result r = cli.run("judge", "rank", "ok.jsonl", opt[0], opt[1]);
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains(opt[0]);
    }
  }

  @Test
  void systemNamesAreEscapedOnTheTerminal() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.write("esc.jsonl", "{\"a\": \"red\\u001b[31m\", \"b\": \"y\", \"winner\": \"a\"}\n{\"a\": \"red\\u001b[31m\","
        + " \"b\": \"y\", \"winner\": \"b\"}\n");
    CliHarness.Result r = cli.run("judge", "rank", "esc.jsonl", "--replicates", "50");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).doesNotContain("\u001b").contains("red\\u001b[31m");
    CliHarness.Result help = cli.run("judge", "rank", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--replicates", "--seed", "--format");
  }
}
