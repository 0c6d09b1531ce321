package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.store.SqliteStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushing to a real {@code assay serve} (audited store, loopback): a finished run pushed twice is
 * stored and audited once, and a result whose example id is not the dataset's id at its index is
 * refused with a problem naming the index and both ids.
 */
class RePushTest {
  @TempDir Path dir;
  @TempDir Path serverDir;

  @Test
  void aFinishedRunPushedTwiceIsStoredAndAuditedOnce() throws Exception {
    CliHarness cli = local();
    String id = firstRun(cli);
    Map<String, String> env = editor();
    try (Served served = Served.start(serverDir, Map.of(), List.of(), "--auth", "tokens")) {
      CliHarness.Result first = cli.run(env, "runs", "push", id, "--server", served.url);
      assertThat(first.code()).as(first.toString()).isZero();
      assertThat(first.out()).contains("40 results sent, 0 already there, 40 on the server");
      CliHarness.Result again = cli.run(env, "runs", "push", id, "--server", served.url);
      assertThat(again.code()).as(again.toString()).isZero();
      assertThat(again.out()).contains("0 results sent, 40 already there, 40 on the server");
    }
    CliHarness server = new CliHarness(serverDir);
    CliHarness.Result audit = server.run("audit", "list", "--subject", "run:" + id, "--format", "json");
    assertThat(audit.code()).as(audit.toString()).isZero();
    List<String> actions = new ArrayList<>();
    Json.MAPPER.readTree(audit.out()).path("entries").forEach(e -> actions.add(e.path("action").asText()));
    assertThat(actions).containsExactly("run.created", "run.completed");
    try (SqliteStore store = server.store()) {
      assertThat(store.results(id)).hasSize(40);
      assertThat(store.datasets()).hasSize(1);
    }
    assertThat(server.run("audit", "verify").code()).isZero();
  }

  @Test
  void aResultUnderAnotherExamplesIdIsRefused() throws Exception {
    CliHarness cli = local();
    String id = firstRun(cli);
    ExampleResult sixth;
    try (SqliteStore store = cli.store()) {
      sixth = store.results(id).stream().filter(r -> r.index() == 6).findFirst().orElseThrow();
    }
    Map<String, String> env = editor();
    try (Served served = Served.start(serverDir, Map.of(), List.of(), "--auth", "tokens")) {
      assertThat(cli.run(env, "runs", "push", id, "--server", served.url).code()).isZero();
      ObjectNode wrong = Json.RECORDS.valueToTree(sixth);
      wrong.put("id", "q5");
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(served.url + "/api/v1/runs/" + id + "/results")).header("Content-Type", "application/json")
          .header("Authorization", "Bearer " + env.get(ServerOption.TOKEN_ENV))
          .POST(HttpRequest.BodyPublishers.ofString("{\"results\": [" + wrong + "]}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      JsonNode problem = Json.MAPPER.readTree(r.body());
      assertThat(problem.path("detail").asText()).isEqualTo("results[0]: example id 'q5' is not the id of example 6 "
          + "of the run's dataset, which is 'q6'");
      // The right id at that index is accepted (it replaces the stored result).
      HttpResponse<String> right = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(served.url + "/api/v1/runs/" + id + "/results")).header("Content-Type", "application/json")
          .header("Authorization", "Bearer " + env.get(ServerOption.TOKEN_ENV))
          .POST(HttpRequest.BodyPublishers.ofString("{\"results\": [" + Json.RECORDS.valueToTree(sixth) + "]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
      assertThat(Json.MAPPER.readTree(right.body()).path("new").asLong()).isZero();
    }
  }

  /** An editor token of the server's store, as the environment a push reads it from. */
  private Map<String, String> editor() {
    CliHarness.Result made = new CliHarness(serverDir).run("tokens", "create", "--name", "ci", "--role", "editor");
    assertThat(made.code()).as(made.toString()).isZero();
    return Map.of(ServerOption.TOKEN_ENV, made.out().strip());
  }

  private CliHarness local() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 40);
    cli.suite("suite.yaml", CliHarness.FAKE_UPPER, "");
    return cli;
  }

  private static String firstRun(CliHarness cli) throws Exception {
    return cli.runIds("suite.yaml").get(0);
  }
}
