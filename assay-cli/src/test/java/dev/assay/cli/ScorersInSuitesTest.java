package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Efficiency metrics in a suite, through the engine: the latency and tokens a predictions file
 * reports reach the scorers, and the run value of a percentile is the percentile of the examples.
 */
class ScorersInSuitesTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    StringBuilder data = new StringBuilder();
    StringBuilder preds = new StringBuilder();
    // Latencies 10, 20, ..., 100 ms in shuffled file order; tokens_out = latency / 10.
    int[] order = {7, 2, 9, 0, 5, 3, 8, 1, 6, 4};
    for (int i : order) {
      data.append("{\"id\":\"e").append(i).append("\",\"input\":\"x\",\"reference\":\"y\"}\n");
      preds.append("{\"id\":\"e").append(i).append("\",\"output\":\"y\",\"latency_ms\":").append(10 * (i + 1))
          .append(",\"tokens_in\":5,\"tokens_out\":").append(i + 1).append(",\"cost\":0.002}\n");
    }
    cli.write("data.jsonl", data.toString());
    cli.write("preds.jsonl", preds.toString());
  }

  @Test
  void efficiencyMetricsAggregateOverTheRunsExamples() throws Exception {
    cli.write("suite.yaml", "name: eff\ndataset:\n  path: data.jsonl\nsystems:\n  p:\n    type: predictions\n"
        + "    path: preds.jsonl\nmetrics: [exact_match, latency_p50, latency_p90, latency_max, latency_mean, "
        + "tokens_out, cost_per_1k]\n");
    CliHarness.Result r = cli.run("run", "suite.yaml", "--format", "json", "--no-cache");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode m = Json.MAPPER.readTree(r.out()).path("runs").get(0).path("metrics");
    assertThat(m.path("exact_match").asDouble()).isEqualTo(1);
    // Type-7 percentiles of 10..100: p50 at h = 4.5 -> 55, p90 at h = 8.1 -> 91.
    assertThat(m.path("latency_p50").asDouble()).isEqualTo(55);
    assertThat(m.path("latency_p90").asDouble()).isCloseTo(91, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(m.path("latency_max").asDouble()).isEqualTo(100);
    assertThat(m.path("latency_mean").asDouble()).isEqualTo(55);
    assertThat(m.path("tokens_out").asDouble()).isEqualTo(5.5);
    assertThat(m.path("cost_per_1k").asDouble()).isCloseTo(2, org.assertj.core.api.Assertions.within(1e-12));
  }
}
