package dev.assay.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Counts;
import dev.assay.core.ExampleResult;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Score;
import dev.assay.core.Store;
import dev.assay.server.client.RunPush;
import dev.assay.server.client.ServerClient;
import dev.assay.store.SqliteStore;
import dev.assay.store.SqliteTokenStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushing runs from a local store to a server over HTTP: complete, idempotent, resumable, chunked. */
class PushTest {
  @TempDir Path local;
  @TempDir Path remote;
  Fixture source;
  Store target;
  SqliteTokenStore targetTokens;
  AssayServer server;
  String editor;
  String viewer;

  @BeforeEach
  void start() {
    source = new Fixture(local, AuthMode.NONE);
    target = SqliteStore.open(remote.resolve("assay.db"));
    targetTokens = SqliteTokenStore.open(remote.resolve("tokens.db"));
    server = AssayServer.builder(target, ServerConfig.defaults(AuthMode.TOKENS).withPort(0)).tokens(targetTokens)
        .build().start();
    TokenService ts = new TokenService(targetTokens, Clock.systemUTC());
    editor = ts.create("ci", Role.EDITOR).token();
    viewer = ts.create("reader", Role.VIEWER).token();
  }

  @AfterEach
  void stop() {
    server.close();
    target.close();
    targetTokens.close();
    source.close();
  }

  RunPush pusher(String token) {
    return new RunPush(new ServerClient("http://127.0.0.1:" + server.port(), token));
  }

  static List<String> canonical(List<ExampleResult> results) {
    return results.stream().map(r -> Json.canonical(Json.RECORDS.valueToTree(r))).toList();
  }

  @Test
  void aPushedRunArrivesWholeWithItsDatasetAndPushingAgainStoresItOnce() {
    RunPush.Outcome first = pusher(editor).push(source.store, "cand-run");
    assertThat(first.sent()).isEqualTo(Fixture.EXAMPLES);
    assertThat(first.datasetSent()).isTrue();
    assertThat(first.stored()).isEqualTo(Fixture.EXAMPLES);
    RunRecord back = target.run("cand-run").orElseThrow();
    assertThat(Json.canonical(back.toJson())).isEqualTo(Json.canonical(source.candidate.toJson()));
    assertThat(canonical(target.results("cand-run"))).isEqualTo(canonical(source.store.results("cand-run")));
    assertThat(target.dataset(source.dataset.hash()).orElseThrow().examples()).hasSize(Fixture.EXAMPLES);

    RunPush.Outcome again = pusher(editor).push(source.store, "cand-run");
    assertThat(again.sent()).isZero();
    assertThat(again.skipped()).isEqualTo(Fixture.EXAMPLES);
    assertThat(again.datasetSent()).isFalse();
    assertThat(target.resultStats("cand-run").stored()).isEqualTo(Fixture.EXAMPLES);
  }

  @Test
  void anInterruptedPushResumesAfterWhatTheServerHolds() {
    List<ExampleResult> all = addBigRun(5_000);
    RunPush p = pusher(editor);
    p.begin(source.store, source.store.run("big-run").orElseThrow());
    p.append("big-run", all.subList(0, 2_000));
    p.append("big-run", all.subList(2_000, 3_000));
    assertThat(target.run("big-run").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    RunPush.Outcome resumed = p.push(source.store, "big-run");
    assertThat(resumed.skipped()).isEqualTo(3_000);
    assertThat(resumed.sent()).isEqualTo(2_000);
    assertThat(canonical(target.results("big-run"))).isEqualTo(canonical(all));
    assertThat(target.run("big-run").orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void whenTheServerHoldsAScatteredSubsetEverythingIsSentAgainAndStoredOnce() {
    List<ExampleResult> all = addBigRun(3_000);
    RunPush p = pusher(editor);
    p.begin(source.store, source.store.run("big-run").orElseThrow());
    List<ExampleResult> everyThird = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 3) {
      everyThird.add(all.get(i));
    }
    p.append("big-run", everyThird);
    RunPush.Outcome o = p.push(source.store, "big-run");
    assertThat(o.skipped()).isZero();
    assertThat(o.sent()).isEqualTo(3_000);
    assertThat(target.resultStats("big-run").stored()).isEqualTo(3_000);
    assertThat(canonical(target.results("big-run"))).isEqualTo(canonical(all));
  }

  @Test
  void largeOutputsAreSplitIntoChunksTheServerAccepts() {
    String big = "x".repeat(1 << 20);
    RunRecord run = RunRecord.started("huge-run", "qa", null, null, Fixture.suite(), source.baseline.system(), null,
        null, null, 40, 1, List.of("exact_match"), null, null, source.baseline.lineage(), 0,
        java.time.Instant.parse("2026-02-01T00:00:00Z"));
    source.store.createRun(run);
    List<ExampleResult> results = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      results.add(new ExampleResult("h" + i, i, 0, TextNode.valueOf(big + i), Map.of("exact_match", Score.of(1)),
          1.0, null, null, null, null, 1, false));
    }
    source.store.append("huge-run", results);
    source.store.updateRun(run.finish(RunStatus.COMPLETED, run.startedAt().plusSeconds(1), new Counts(40, 0),
        Map.of("exact_match", 1.0)));
    RunPush.Outcome o = pusher(editor).push(source.store, "huge-run");
    assertThat(o.sent()).isEqualTo(40);
    assertThat(target.results("huge-run").get(39).output().textValue()).isEqualTo(big + 39);
  }

  @Test
  void aViewerTokenCannotPushAndABadUrlIsAnInputError() {
    assertThatThrownBy(() -> pusher(viewer).push(source.store, "cand-run")).isInstanceOf(InputException.class)
        .hasMessageContaining("403").hasMessageContaining("editor");
    assertThatThrownBy(() -> pusher(null).push(source.store, "cand-run")).isInstanceOf(InputException.class)
        .hasMessageContaining("401");
    assertThatThrownBy(() -> new ServerClient("file:///etc/passwd", editor)).isInstanceOf(InputException.class)
        .hasMessageContaining("not a server URL");
    assertThatThrownBy(() -> new RunPush(new ServerClient("http://127.0.0.1:1", editor)).push(source.store, "cand-run"))
        .isInstanceOf(InputException.class).hasMessageContaining("cannot reach");
    assertThat(target.runs()).isEmpty();
  }

  @Test
  void concurrentPushesOfTheSameAndOfDifferentRunsStoreEachResultOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<RunPush.Outcome>> done = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String id = i % 2 == 0 ? "cand-run" : "base-run";
        done.add(pool.submit(() -> pusher(editor).push(source.store, id)));
      }
      for (Future<RunPush.Outcome> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (String id : List.of("cand-run", "base-run")) {
      assertThat(canonical(target.results(id))).isEqualTo(canonical(source.store.results(id)));
    }
  }

  @Test
  void verdictsArePushedOnceWithTheirPlan() {
    var plan = source.store.plans().get(0);
    var v = new dev.assay.core.VerdictRecord("verdict-x", java.time.Instant.parse("2026-01-10T12:00:00Z"),
        dev.assay.core.Verdict.PASS, "qa", "baseline", "candidate", "base-run", "cand-run", "base-run", "cand-run",
        plan.gateHash(), plan.datasetHash(), "pre_registered", plan.hash(), "0.1.0", Json.object().put("verdict", "PASS"));
    source.store.saveVerdict(v);
    pusher(editor).pushVerdict(source.store, v);
    pusher(editor).pushVerdict(source.store, v);
    assertThat(target.verdicts(dev.assay.core.VerdictRecord.Query.ALL)).hasSize(1);
    assertThat(target.plans()).extracting(dev.assay.core.Plan::hash).containsExactly(plan.hash());
  }

  static com.fasterxml.jackson.databind.JsonNode chunk(List<ExampleResult> results) {
    var body = Json.object();
    var a = body.putArray("results");
    results.forEach(r -> a.add(Json.RECORDS.valueToTree(r)));
    return body;
  }

  @Test
  void eachChunkSaysHowManyOfItsResultsWereNew() {
    List<ExampleResult> all = addBigRun(3_000);
    RunPush p = pusher(editor);
    p.begin(source.store, source.store.run("big-run").orElseThrow());
    ServerClient c = new ServerClient("http://127.0.0.1:" + server.port(), editor);
    ServerClient.Reply first = c.sendJson("POST", "/api/v1/runs/big-run/results", chunk(all.subList(0, 2_000)));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("received").asLong()).isEqualTo(2_000);
    assertThat(first.body().path("new").asLong()).isEqualTo(2_000);
    ServerClient.Reply again = c.sendJson("POST", "/api/v1/runs/big-run/results", chunk(all.subList(1_500, 2_500)));
    assertThat(again.body().path("received").asLong()).isEqualTo(1_000);
    assertThat(again.body().path("new").asLong()).isEqualTo(500);
    List<ExampleResult> thin = new ArrayList<>();
    for (int i = 0; i < 3_000; i += 50) {
      thin.add(all.get(i));
    }
    thin.add(all.get(0));
    ServerClient.Reply spread = c.sendJson("POST", "/api/v1/runs/big-run/results", chunk(thin));
    assertThat(spread.body().path("received").asLong()).isEqualTo(61);
    assertThat(spread.body().path("new").asLong()).isEqualTo(10); // 2,500 to 2,950
    assertThat(target.resultStats("big-run").stored()).isEqualTo(2_510);
  }

  @Test
  void examplesFlippedAgainstARunFollowResultsPushedToThatRun() {
    pusher(editor).push(source.store, "cand-run");
    pusher(editor).push(source.store, "base-run");
    ServerClient c = new ServerClient("http://127.0.0.1:" + server.port(), editor);
    String flips = "/api/v1/runs/cand-run/examples?flipped_vs=base-run&metric=exact_match&limit=100";
    assertThat(c.get(flips).body().path("examples")).isNotEmpty();
    // the baseline's results are replaced by the candidate's: nothing differs any more
    List<ExampleResult> same = source.store.results("cand-run");
    assertThat(c.sendJson("POST", "/api/v1/runs/base-run/results", chunk(same)).body().path("new").asLong()).isZero();
    assertThat(c.get(flips).body().path("examples")).isEmpty();
  }

  private List<ExampleResult> addBigRun(int n) {
    RunRecord run = RunRecord.started("big-run", "qa", null, null, Fixture.suite(), source.baseline.system(), null,
        null, null, n, 1, List.of("exact_match"), null, null, source.baseline.lineage(), 0,
        java.time.Instant.parse("2026-02-01T00:00:00Z"));
    source.store.createRun(run);
    List<ExampleResult> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(new ExampleResult("e" + i, i, 0, TextNode.valueOf("out " + i), Map.of("exact_match", Score.of(i % 2)),
          1.0 + i, null, null, null, null, 1, false));
    }
    source.store.append("big-run", all);
    source.store.updateRun(run.finish(RunStatus.COMPLETED, run.startedAt().plusSeconds(9), new Counts(n, 0),
        Map.of("exact_match", 0.5)));
    return all;
  }
}
