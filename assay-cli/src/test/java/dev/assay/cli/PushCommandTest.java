package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.server.AssayServer;
import dev.assay.server.AuthMode;
import dev.assay.server.Role;
import dev.assay.server.ServerConfig;
import dev.assay.server.TokenService;
import dev.assay.store.SqliteStore;
import dev.assay.store.SqliteTokenStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay run --server}, {@code assay runs push} and {@code assay gate --server} against a real server. */
class PushCommandTest {
  @TempDir Path dir;
  @TempDir Path serverDir;
  CliHarness cli;
  Store remote;
  SqliteTokenStore tokens;
  AssayServer server;
  Map<String, String> env;
  String url;

  static final String TWO = CliHarness.FAKE_UPPER + "  echo:\n    type: fake\n    mode: wrong\n";

  @BeforeEach
  void start() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 40);
    cli.suite("suite.yaml", TWO, "gate:\n  rules:\n    - {rule: non_inferiority, metric: exact_match, margin: 0.05}\n");
    remote = SqliteStore.open(serverDir.resolve("assay.db"));
    tokens = SqliteTokenStore.open(serverDir.resolve("tokens.db"));
    server = AssayServer.builder(remote, ServerConfig.defaults(AuthMode.TOKENS).withPort(0)).tokens(tokens).build()
        .start();
    env = Map.of(ServerOption.TOKEN_ENV, new TokenService(tokens, Clock.systemUTC()).create("ci", Role.EDITOR).token());
    url = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close();
    remote.close();
    tokens.close();
  }

  @Test
  void runWithServerPushesEachRunWhileItRuns() {
    CliHarness.Result r = cli.run(env, "run", "suite.yaml", "--server", url, "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("is on the server");
    try (SqliteStore local = cli.store()) {
      assertThat(remote.runs()).hasSize(2);
      for (RunRecord run : local.runs()) {
        RunRecord there = remote.run(run.runId()).orElseThrow();
        assertThat(there.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(Json.canonical(there.toJson())).isEqualTo(Json.canonical(run.toJson()));
        assertThat(remote.results(run.runId())).hasSize(40);
        assertThat(remote.dataset(run.datasetHash())).isPresent();
      }
    }
  }

  /** A slow system (40 examples x 100 ms over 4 workers): the server must see the run part-way, as running. */
  @Test
  void theServerSeesARunInProgress() throws Exception {
    cli.suite("slow.yaml", "  slow:\n    type: fake\n    mode: upper\n    latency_ms: 100\n", "");
    var done = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> cli.run(env, "run", "slow.yaml", "--server", url, "--no-cache"));
    boolean sawPartial = false;
    while (!done.isDone()) {
      for (RunRecord r : remote.runs()) {
        long stored = remote.resultStats(r.runId()).stored();
        if (r.status() == RunStatus.RUNNING && stored > 0 && stored < 40) {
          sawPartial = true;
        }
      }
      Thread.sleep(20);
    }
    CliHarness.Result r = done.get();
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(sawPartial).as("the server held the run, running, with some of its results").isTrue();
    RunRecord run = remote.runs().get(0);
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(remote.resultStats(run.runId()).stored()).isEqualTo(40);
  }

  @Test
  void runsPushSendsStoredRunsOnceAndSaysSo() throws Exception {
    assertThat(cli.run("run", "suite.yaml").code()).isZero();
    String id;
    try (SqliteStore local = cli.store()) {
      id = local.runs().get(0).runId();
    }
    CliHarness.Result first = cli.run(env, "runs", "push", id.substring(0, 13), "--server", url,
        "--format", "json");
    assertThat(first.code()).as(first.toString()).isZero();
    JsonNode pushed = Json.MAPPER.readTree(first.out()).path("runs").get(0);
    assertThat(pushed.path("run_id").asText()).isEqualTo(id);
    assertThat(pushed.path("sent").asLong()).isEqualTo(40);
    assertThat(pushed.path("dataset_sent").asBoolean()).isTrue();
    CliHarness.Result again = cli.run(env, "runs", "push", id, "--server", url);
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("0 results sent, 40 already there, 40 on the server");
    assertThat(remote.results(id)).hasSize(40);
  }

  @Test
  void gateWithServerStoresItsVerdictThere() {
    CliHarness.Result r = cli.run(env, "gate", "suite.yaml", "--server", url, "--replicates", "500");
    assertThat(r.code()).as(r.toString()).isIn(0, 1, 3);
    assertThat(r.err()).contains("pushed verdict");
    var verdicts = remote.verdicts(VerdictRecord.Query.ALL);
    assertThat(verdicts).hasSize(1);
    assertThat(remote.run(verdicts.get(0).baselineRun())).isPresent();
    assertThat(remote.run(verdicts.get(0).candidateRun())).isPresent();
  }

  @Test
  void pushNeedsAServerAndAValidToken() {
    assertThat(cli.run("run", "suite.yaml").code()).isZero();
    CliHarness.Result noServer = cli.run("runs", "push", "0");
    assertThat(noServer.code()).isEqualTo(2);
    assertThat(noServer.err()).contains("--server is required");
    String id;
    try (SqliteStore local = cli.store()) {
      id = local.runs().get(0).runId();
    }
    CliHarness.Result badToken = cli.run(Map.of(ServerOption.TOKEN_ENV, "assay_0123456789ab_" + "x".repeat(43)),
        "runs", "push", id, "--server", url);
    assertThat(badToken.code()).as(badToken.toString()).isEqualTo(2);
    assertThat(badToken.err()).contains("401").contains("ASSAY_TOKEN");
    CliHarness.Result badUrl = cli.run(env, "runs", "push", id, "--server", "ftp://x");
    assertThat(badUrl.code()).isEqualTo(2);
    assertThat(badUrl.err()).contains("not a server URL");
    int freePort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      freePort = s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CliHarness.Result down = cli.run(env, "runs", "push", id, "--server", "http://127.0.0.1:" + freePort);
    assertThat(down.code()).as(down.toString()).isEqualTo(2);
    assertThat(down.err()).contains("cannot reach the server").doesNotContain("(null)");
    assertThat(remote.runs()).isEmpty();
  }
}
