package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.RunIds;
import dev.assay.core.Verdict;
import dev.assay.core.VerdictRecord;
import dev.assay.report.Format;
import dev.assay.store.SqliteStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI and the server show the same figures for the same pair of runs. Without a stored verdict
 * the server computes as {@code assay compare} does (its defaults and seed); with one, the page and
 * the REST comparison show that verdict, recomputed under the options it was recorded with, and say
 * so. The metric is a per-example cost, compared by a Monte Carlo permutation test, so other
 * replicates would give another p-value.
 */
class ComparePageAgreesTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theServerShowsTheFiguresTheCliShows() throws Exception {
    CliHarness cli = new CliHarness(dir);
    long seed = 20261207L;
    System.out.println("ComparePageAgreesTest seed " + seed);
    Random random = new Random(seed);
    StringBuilder data = new StringBuilder();
    StringBuilder base = new StringBuilder();
    StringBuilder cand = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      data.append("{\"id\":\"q").append(i).append("\",\"input\":\"q ").append(i).append("\",\"reference\":\"a\"}\n");
      double cost = 0.010 + 0.004 * random.nextDouble();
      base.append("{\"id\":\"q").append(i).append("\",\"output\":\"a\",\"cost\":").append(cost).append("}\n");
      cand.append("{\"id\":\"q").append(i).append("\",\"output\":\"a\",\"cost\":")
          .append(cost - 0.0002 + 0.002 * (random.nextDouble() - 0.5)).append("}\n");
    }
    cli.write("data.jsonl", data.toString());
    cli.write("base.jsonl", base.toString());
    cli.write("cand.jsonl", cand.toString());
    cli.write("suite.yaml", "name: costs\ndataset:\n  path: data.jsonl\nsystems:\n"
        + "  base:\n    type: predictions\n    path: base.jsonl\n"
        + "  cand:\n    type: predictions\n    path: cand.jsonl\nmetrics: [exact_match, cost]\n");
    cli.write("gate.yaml", "rules:\n  - rule: superiority\n    metric: cost\n");
    List<String> runs = cli.runIds("suite.yaml");
    String a = runs.get(0);
    String b = runs.get(1);

    // No stored verdict for (b, a): the CLI's defaults. A verdict for (a, b) under other options.
    JsonNode plain = json(cli.run("compare", b, a, "--format", "json"));
    CliHarness.Result gated = cli.run("compare", a, b, "--gate", "gate.yaml", "--seed", "7", "--replicates", "3000",
        "--format", "json");
    assertThat(gated.code()).as(gated.toString()).isIn(0, 1, 3);
    JsonNode verdict = Json.MAPPER.readTree(gated.out());
    double costP = pValues(plain).get("cost");
    assertThat(costP).as("a Monte Carlo p-value, neither 0 nor 1").isBetween(0.001, 0.9);

    try (Served served = Served.start(dir, Map.of(), List.of())) {
      JsonNode rest = Json.MAPPER.readTree(get(served.url + "/api/v1/comparisons?baseline=" + b + "&candidate=" + a));
      assertThat(pValues(rest)).isEqualTo(pValues(plain));
      assertThat(rest.path("stored_verdict").isNull()).isTrue();
      assertThat(rest.path("options").path("replicates").asInt()).isEqualTo(10_000);
      String page = get(served.url + "/compare?baseline=" + b + "&candidate=" + a);
      assertThat(page).contains("No stored verdict for this pair", "seed 0, 10000 replicates",
          ">" + Format.num(costP) + "<");

      JsonNode stored = Json.MAPPER.readTree(get(served.url + "/api/v1/comparisons?baseline=" + a + "&candidate=" + b));
      assertThat(pValues(stored)).isEqualTo(pValues(verdict));
      assertThat(stored.path("options").path("seed").asLong()).isEqualTo(7);
      assertThat(stored.path("options").path("replicates").asInt()).isEqualTo(3000);
      String verdictId = stored.path("stored_verdict").path("verdict_id").asText();
      assertThat(verdictId).isNotEmpty();
      assertThat(stored.path("gate").path("rules").get(0).path("p_value").asDouble())
          .isEqualTo(verdict.path("gate").path("rules").get(0).path("p_value").asDouble());
      String storedPage = get(served.url + "/compare?baseline=" + a + "&candidate=" + b);
      assertThat(storedPage).contains("Showing the stored verdict", verdictId, "seed 7, 3000 replicates",
          ">" + Format.num(pValues(verdict).get("cost")) + "<");

      // A verdict whose options this server will not run (one posted by a client, say): the defaults, said so.
      ObjectNode detail = Json.object();
      detail.putObject("options").put("replicates", 5_000_000);
      try (SqliteStore store = cli.store()) {
        store.saveVerdict(new VerdictRecord(RunIds.next(), Instant.now(), Verdict.PASS, "costs", "cand", "base", b, a,
            b, a, "0".repeat(64), null, "no_plan", null, "test", detail));
      }
      JsonNode fallback = Json.MAPPER.readTree(get(served.url + "/api/v1/comparisons?baseline=" + b + "&candidate=" + a));
      assertThat(fallback.path("stored_verdict").path("verdict").asText()).isEqualTo("PASS");
      assertThat(pValues(fallback)).isEqualTo(pValues(plain));
      assertThat(get(served.url + "/compare?baseline=" + b + "&candidate=" + a))
          .contains("with default options", "the verdict does not record its options, or they exceed this server's limits");
    }
  }

  private static JsonNode json(CliHarness.Result r) throws Exception {
    assertThat(r.code()).as(r.toString()).isZero();
    return Json.MAPPER.readTree(r.out());
  }

  private static Map<String, Double> pValues(JsonNode comparison) {
    Map<String, Double> p = new LinkedHashMap<>();
    comparison.path("comparisons").forEach(c -> p.put(c.path("metric").asText(), c.path("p_value").asDouble()));
    assertThat(p).containsKey("cost");
    return p;
  }

  private String get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + "\n" + r.body()).isEqualTo(200);
    return r.body();
  }
}
