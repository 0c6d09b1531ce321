package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 3: numbers at the edge of the double range. Comparing score files that hold
 * ±1e308 failed with exit 4 ("statistic is NaN in bootstrap replicate 0"): sums and differences
 * overflowed. Scores beyond the compared range, and non-finite ones, are input errors naming the
 * example; scores at the edge of that range compare to finite results.
 */
class EdgeNumbersTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
  }

  /** A score file of 30 examples {@code x0..x29} with the metric {@code m}. */
  private void scores(String name, IntFunction<String> value) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      sb.append("{\"id\":\"x").append(i).append("\",\"m\":").append(value.apply(i)).append("}\n");
    }
    cli.write(name, sb.toString());
  }

  @Test
  void scoresOfPlusMinus1e308AreRefusedNamingTheExample() throws Exception {
    scores("b.jsonl", i -> i % 2 == 0 ? "1e308" : "-1e308");
    scores("c.jsonl", i -> i % 3 == 0 ? "1e308" : "-1e308");
    for (String test : new String[] {"permutation", "t", "wilcoxon"}) {
      CliHarness.Result r = cli.run("compare", "b.jsonl", "c.jsonl", "--test", test);
      InputErrorAssert.oneLineInputError(r, "b.jsonl:1: field 'm'", "example 'x0'", "1e308",
          "magnitude at most 1e100");
    }
  }

  @Test
  void oneHugeScoreAmongOrdinaryOnesIsNamed() throws Exception {
    scores("b.jsonl", i -> "0.5");
    scores("c.jsonl", i -> i == 17 ? "-3.5e250" : "0.25");
    CliHarness.Result r = cli.run("compare", "b.jsonl", "c.jsonl");
    InputErrorAssert.oneLineInputError(r, "c.jsonl:18: field 'm'", "example 'x17'", "-3.5e250");
  }

  @Test
  void aNumberBeyondTheDoubleRangeIsAnInputErrorNamingTheExample() throws Exception {
    scores("b.jsonl", i -> "0.5");
    scores("c.jsonl", i -> i == 4 ? "1e309" : "0.25");
    CliHarness.Result r = cli.run("compare", "b.jsonl", "c.jsonl");
    InputErrorAssert.oneLineInputError(r, "c.jsonl:5: field 'm'", "example 'x4'", "not a finite number");
  }

  @Test
  void hugeStatisticsOfATypedScoreAreRefused() throws Exception {
    scores("b.jsonl", i -> "{\"value\": 0.5, \"statistics\": [1, 2]}");
    scores("c.jsonl", i -> i == 2 ? "{\"value\": 0.5, \"statistics\": [1e300, 2]}" : "{\"value\": 0.5, \"statistics\": [1, 2]}");
    CliHarness.Result r = cli.run("compare", "b.jsonl", "c.jsonl");
    InputErrorAssert.oneLineInputError(r, "c.jsonl:3: field 'm'", "example 'x2'", "1e300");
  }

  @Test
  void scoresAtTheEdgeOfTheRangeCompareToFiniteResults() throws Exception {
    scores("b.jsonl", i -> i % 2 == 0 ? "1e100" : "-1e100");
    scores("c.jsonl", i -> i % 3 == 0 ? "1e100" : "-1e100");
    for (String test : new String[] {"permutation", "t", "wilcoxon"}) {
      for (String interval : new String[] {"bca", "t"}) {
        CliHarness.Result r = cli.run("compare", "b.jsonl", "c.jsonl", "--test", test, "--interval", interval,
            "--replicates", "500", "--format", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode m = Json.MAPPER.readTree(r.out()).path("comparisons").get(0);
        assertThat(m.path("baseline").asDouble()).isEqualTo(0.0);
        // Ten of 30 are +1e100 and twenty -1e100: the candidate's mean is -1e100 / 3.
        assertThat(m.path("candidate").asDouble()).isCloseTo(-1e100 / 3, org.assertj.core.data.Percentage.withPercentage(1e-9));
        for (String field : new String[] {"difference", "p_value", "effect_size", "mde"}) {
          assertThat(m.path(field).isNumber()).as(field + " in " + r.out()).isTrue();
          assertThat(Double.isFinite(m.path(field).asDouble())).as(field).isTrue();
        }
        assertThat(Double.isFinite(m.path("ci").get(0).asDouble()) && Double.isFinite(m.path("ci").get(1).asDouble()))
            .as(r.out()).isTrue();
      }
    }
  }

  @Test
  void aRunExportWithAnInfiniteOrHugeScoreIsAnInputErrorNamingTheExample() throws Exception {
    cli.dataset("data.jsonl", 20);
    cli.suite("suite.yaml", CliHarness.FAKE_UPPER, "");
    JsonNode run = Json.MAPPER.readTree(cli.run("run", "suite.yaml", "--format", "json").out()).path("runs").get(0);
    String id = run.path("run_id").asText();
    assertThat(cli.run("runs", "export", id, "--output", "base.json").code()).isZero();
    ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(Files.readString(dir.resolve("base.json")));
    JsonNode examples = doc.path("examples");
    ((ObjectNode) examples.get(3).path("scores")).put("exact_match", "Infinity");
    Files.writeString(dir.resolve("inf.json"), Json.MAPPER.writeValueAsString(doc));
    ((ObjectNode) examples.get(3).path("scores")).put("exact_match", -1e200);
    Files.writeString(dir.resolve("huge.json"), Json.MAPPER.writeValueAsString(doc));
    String example = examples.get(3).path("id").asText();

    InputErrorAssert.oneLineInputError(cli.run("compare", "base.json", "inf.json"), "inf.json",
        "example '" + example + "'", "metric 'exact_match'", "must be finite", "got Infinity");
    InputErrorAssert.oneLineInputError(cli.run("compare", "base.json", "huge.json"), "huge.json",
        "example '" + example + "'", "exact_match", "-1e200", "magnitude at most 1e100");
  }
}
