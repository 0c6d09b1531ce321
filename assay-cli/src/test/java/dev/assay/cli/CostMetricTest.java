package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 5: a {@code cost} metric that cannot be computed. When the system is known never
 * to report a cost (here a predictions file without costs) the suite is refused before any run
 * exists; when only the answers tell (some predictions carry a cost), the examples without one
 * fail that metric alone, with the reason, and exact_match and f1 keep their values.
 */
class CostMetricTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      data.append("{\"id\":\"q").append(i).append("\",\"input\":\"question ").append(i)
          .append("\",\"reference\":\"answer ").append(i).append("\"}\n");
    }
    cli.write("data.jsonl", data.toString());
  }

  private void predictions(boolean someCosts) throws Exception {
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      p.append("{\"id\":\"q").append(i).append("\",\"output\":\"answer ").append(i).append('"')
          .append(someCosts && i < 5 ? ",\"cost\":0.01" : "").append("}\n");
    }
    cli.write("preds.jsonl", p.toString());
    cli.write("suite.yaml", "name: costs\ndataset:\n  path: data.jsonl\nsystems:\n  p:\n    type: predictions\n"
        + "    path: preds.jsonl\nmetrics: [exact_match, f1, cost]\nmax_error_rate: 1\n");
  }

  @Test
  void aCostMetricNoSystemCanFeedIsRefusedBeforeAnyRun() throws Exception {
    predictions(false);
    CliHarness.Result r = cli.run("run", "suite.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: " + dir.resolve("suite.yaml") + ": field 'metrics': metric 'cost' cannot be "
        + "computed for system 'p' (predictions): the system reports no cost and the metric has no prices; give the "
        + "system prices (price_in_per_million, price_out_per_million), each prediction a cost, or the metric prices "
        + "(cost:input_per_million=N:output_per_million=N) (what the metric needs, or the metric left out)\n");
    assertThat(cli.run("runs", "list", "--format", "json").out()).contains("\"runs\" : [ ]");

    // Prices on the metric cannot help a system without token counts, but they make the metric computable
    // as far as can be told before the run.
    cli.write("suite.yaml", "name: costs\ndataset:\n  path: data.jsonl\nsystems:\n  p:\n    type: predictions\n"
        + "    path: preds.jsonl\nmetrics: [exact_match, 'cost:input_per_million=1:output_per_million=2']\n"
        + "max_error_rate: 1\n");
    assertThat(cli.run("run", "suite.yaml").code()).isZero();
  }

  @Test
  void whenOnlyTheAnswersTellOnlyThatMetricFails() throws Exception {
    predictions(true);
    CliHarness.Result r = cli.run("run", "suite.yaml", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode run = Json.MAPPER.readTree(r.out()).path("runs").get(0);
    assertThat(run.path("metrics").path("exact_match").asDouble()).isEqualTo(1);
    assertThat(run.path("metrics").path("f1").asDouble()).isEqualTo(1);
    assertThat(run.path("metrics").path("cost").asDouble()).isEqualTo(0.01);
    assertThat(r.err()).contains("metric cost: metric 'cost': the system reported no cost for example 'q5'");
    try (var store = cli.store()) {
      List<ExampleResult> results = store.results(run.path("run_id").asText());
      assertThat(results).hasSize(10).allMatch(ExampleResult::ok);
      ExampleResult q7 = results.stream().filter(x -> x.id().equals("q7")).findFirst().orElseThrow();
      assertThat(q7.scores()).containsKeys("exact_match", "f1").doesNotContainKey("cost");
      assertThat(q7.metricErrors()).containsOnlyKeys("cost");
      assertThat(q7.metricErrors().get("cost")).contains("reported no cost for example 'q7'");
    }
  }
}
