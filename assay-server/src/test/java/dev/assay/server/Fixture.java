package dev.assay.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Counts;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Lineage;
import dev.assay.core.Plan;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Score;
import dev.assay.core.Store;
import dev.assay.core.SystemSpec;
import dev.assay.core.io.DatasetHasher;
import dev.assay.registry.audit.AuditedStore;
import dev.assay.store.SqliteStore;
import dev.assay.store.SqliteTokenStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A real server over a real SQLite store in a temporary folder, seeded with a dataset, two finished
 * runs of two systems over it (the candidate better), a running run, and (when asked) tokens of
 * each role. Requests go over real HTTP on loopback.
 */
final class Fixture implements AutoCloseable {
  static final long SEED = 42;
  static final int EXAMPLES = 60;
  /** Example text that must never execute when shown in a page. */
  static final String XSS = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";

  final Path dir;
  /** The store the server serves: the SQLite file below, audited (as {@code assay serve} opens it). */
  final Store store;
  final SqliteStore sqlite;
  final SqliteTokenStore tokenStore;
  final AssayServer server;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  final Dataset dataset;
  final RunRecord baseline;
  final RunRecord candidate;
  final RunRecord running;
  final Map<Role, String> tokens = new LinkedHashMap<>();

  Fixture(Path dir, AuthMode auth) {
    this(dir, auth, b -> b);
  }

  Fixture(Path dir, AuthMode auth, java.util.function.UnaryOperator<AssayServer.Builder> customise) {
    this.dir = dir;
    this.sqlite = SqliteStore.open(dir.resolve("assay.db"));
    this.store = AuditedStore.open(sqlite, sqlite.registry(), sqlite.auditLog(), "local:fixture",
        java.time.Clock.systemUTC());
    this.tokenStore = SqliteTokenStore.open(dir.resolve("tokens.db"));
    Random random = new Random(SEED);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < EXAMPLES; i++) {
      String input = i == 3 ? XSS : "question " + i + (i % 7 == 0 ? " about bread" : "");
      examples.add(new Example("q" + i, TextNode.valueOf(input), TextNode.valueOf("answer " + i),
          Map.of("lang", i % 2 == 0 ? "en" : "de"), null, i + 1));
    }
    dataset = new Dataset("data.jsonl", examples, DatasetHasher.hash(examples));
    store.putDataset(dataset);
    Instant t0 = Instant.parse("2026-01-10T10:00:00Z");
    baseline = seedRun("base-run", "baseline", t0, 0.55, random, RunStatus.COMPLETED, EXAMPLES);
    candidate = seedRun("cand-run", "candidate", t0.plusSeconds(60), 0.8, random, RunStatus.COMPLETED, EXAMPLES);
    running = seedRun("live-run", "candidate", t0.plusSeconds(120), 0.8, random, RunStatus.RUNNING, 10);
    store.savePlan(Plan.create(t0.minusSeconds(3600), "the candidate is not worse on exact_match", "suite.yaml",
        "ab".repeat(32), dataset.hash(), "cd".repeat(32), "suite.yaml"));
    AssayServer.Builder b = AssayServer.builder(store, ServerConfig.defaults(auth).withPort(0)).tokens(tokenStore);
    server = customise.apply(b).build().start();
    if (auth == AuthMode.TOKENS) {
      TokenService ts = new TokenService(tokenStore, java.time.Clock.systemUTC());
      for (Role r : List.of(Role.VIEWER, Role.EDITOR, Role.ADMIN)) {
        tokens.put(r, ts.create(r.wire() + "-token", r).token());
      }
    }
  }

  static ObjectNode suite() {
    try {
      return (ObjectNode) Json.MAPPER.readTree("{\"name\":\"qa\",\"metrics\":[\"exact_match\",\"f1\"],"
          + "\"gate\":{\"confidence\":0.95,\"rules\":[{\"rule\":\"non_inferiority\",\"metric\":\"exact_match\","
          + "\"margin\":0.1}]}}");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A finished run of a predictions system reading {@code path}: a system whose spec differs from
   * every other (the registry tells versions apart by spec and content hash, not by name).
   */
  RunRecord seedSystemRun(String id, String path, Instant at) {
    var params = Json.object().put("path", path);
    return seedRun(id, new SystemSpec("candidate", "predictions", params, 0), at, 0.8, new Random(SEED),
        RunStatus.COMPLETED, EXAMPLES);
  }

  private RunRecord seedRun(String id, String system, Instant at, double p, Random random, RunStatus status, int n) {
    return seedRun(id, new SystemSpec(system, "predictions", null, 0), at, p, random, status, n);
  }

  private RunRecord seedRun(String id, SystemSpec system, Instant at, double p, Random random, RunStatus status,
      int n) {
    RunRecord r = RunRecord.started(id, "qa", "suite.yaml", "ab".repeat(32), suite(),
        system, null, "data.jsonl", dataset.hash(), EXAMPLES, 1,
        List.of("exact_match", "f1"), null, null, new Lineage("0.1.0", null, null, "jvm", "os"), 0, at);
    store.createRun(r);
    List<ExampleResult> results = new ArrayList<>();
    long ok = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (i % 10 == 9) {
        results.add(new ExampleResult("q" + i, i, 0, null, Map.of(), null, null, null, null,
            "HTTP 503: " + (i == 19 ? XSS : "unavailable"), 3, false));
        continue;
      }
      double em = random.nextDouble() < p ? 1 : 0;
      sum += em;
      ok++;
      String output = i == 5 ? XSS : "answer " + (em == 1 ? i : i + 1);
      results.add(new ExampleResult("q" + i, i, 0, TextNode.valueOf(output),
          Map.of("exact_match", Score.of(em), "f1", Score.of(em * 0.5 + 0.25)), 100 + random.nextDouble() * 50,
          10L, 5L, 0.001, null, 1, false));
    }
    store.append(id, results);
    if (status == RunStatus.RUNNING) {
      return r;
    }
    RunRecord done = r.finish(status, at.plusSeconds(30), new Counts(ok, n - ok),
        Map.of("exact_match", sum / ok, "f1", 0.5));
    store.updateRun(done);
    return done;
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  HttpResponse<String> get(String path) {
    return get(path, tokens.get(Role.ADMIN));
  }

  HttpResponse<String> send(String method, String path, String body, String contentType, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
    }
  }

  @Override
  public void close() {
    server.close();
    store.close();
    tokenStore.close();
  }
}
