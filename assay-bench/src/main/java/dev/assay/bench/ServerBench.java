package dev.assay.bench;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Counts;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Lineage;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Score;
import dev.assay.core.Store;
import dev.assay.core.SystemSpec;
import dev.assay.server.AssayServer;
import dev.assay.server.AuthMode;
import dev.assay.server.ServerConfig;
import dev.assay.server.client.RunPush;
import dev.assay.server.client.ServerClient;
import dev.assay.store.PostgresStore;
import dev.assay.store.SqliteStore;
import dev.assay.testkit.LocalPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The team server under load, over real HTTP on loopback and a real SQLite store on disk (or a
 * real PostgreSQL):
 *
 * <ol>
 *   <li>{@code list}: the runs list (first pages with and without filters, and deep pages through
 *       cursors) with {@code runs} runs stored; latency percentiles;
 *   <li>{@code examples}: pages of 50 examples at random positions of one run of {@code examples}
 *       results; latency percentiles;
 *   <li>{@code push}: {@code clients} clients at once, each pushing its own run of {@code
 *       per_client} results with {@link RunPush}; then checks that every result is stored exactly
 *       once;
 *   <li>{@code push1m}: one client pushes the {@code examples}-result run to a second, empty
 *       store (run with a small heap, e.g. -Xmx512m, to show the push does not hold the run).
 * </ol>
 *
 * <p>Usage: {@code java -cp assay-bench/target/benchmarks.jar dev.assay.bench.ServerBench
 * [runs=100000] [examples=1000000] [clients=100] [per_client=1000] [requests=500] [parts=list,examples,push,push1m]
 * [store=sqlite|postgres]}; {@code postgres} serves a PostgresStore on a local PostgreSQL started by the benchmark.
 * Prints percentiles in ms, throughput, and the process's peak and current RSS (server and
 * clients share the JVM).
 */
public final class ServerBench {
  private ServerBench() {}

  public static void main(String[] args) throws Exception {
    int runs = arg(args, 0, 100_000);
    int examples = arg(args, 1, 1_000_000);
    int clients = arg(args, 2, 100);
    int perClient = arg(args, 3, 1_000);
    int requests = arg(args, 4, 500);
    List<String> parts = Arrays.asList((args.length > 5 ? args[5] : "list,examples,push,push1m").split(","));
    String storeKind = args.length > 6 ? args[6] : "sqlite";
    Path dir = Files.createTempDirectory("assay-server-bench");
    Random random = new Random(7);
    // PostgreSQL: a local server started here. Commits are durable (fsync on, as in production) when
    // a push is measured; list and examples only read, so there fsync is off to seed faster.
    boolean durable = parts.contains("push") || parts.contains("push1m");
    LocalPostgres postgres = storeKind.equals("postgres") ? LocalPostgres.start(durable) : null;
    System.out.println("store: " + (postgres != null ? "PostgreSQL (local, fsync " + (durable ? "on" : "off") + ")"
        : "SQLite file"));
    String pgUrl = postgres != null ? postgres.createDatabase("server") : null;
    try (Store store = pgUrl != null ? PostgresStore.open(pgUrl) : SqliteStore.open(dir.resolve("assay.db"))) {
      long t0 = System.nanoTime();
      seedRuns(store, runs, random);
      System.out.printf(Locale.ROOT, "seeded %,d runs in %.1f s%n", runs, seconds(t0));
      if (parts.contains("examples") || parts.contains("push1m")) {
        t0 = System.nanoTime();
        seedBigRun(store, "big-run", examples);
        System.out.printf(Locale.ROOT, "seeded a run of %,d results in %.1f s%n", examples, seconds(t0));
      }
      if (pgUrl != null) {
        // A freshly loaded table is vacuumed by autovacuum minutes later, which would land in the
        // measurements; a serving database is past that, so vacuum and analyse now.
        t0 = System.nanoTime();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(pgUrl);
            java.sql.Statement s = c.createStatement()) {
          s.execute("VACUUM ANALYZE assay.runs");
          s.execute("VACUUM ANALYZE assay.results");
        }
        System.out.printf(Locale.ROOT, "vacuumed and analysed in %.1f s%n", seconds(t0));
      }
      AssayServer server = AssayServer.builder(store, ServerConfig.defaults(AuthMode.NONE).withPort(0)).build().start();
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http = HttpClient.newHttpClient();
      try {
        System.out.println("after start: " + rss());
        if (parts.contains("list")) {
          // one figure per kind of query: a slow filter must not hide in the others' percentiles
          Map<String, java.util.function.IntFunction<String>> kinds = new java.util.LinkedHashMap<>();
          kinds.put("first page", i -> "/api/v1/runs?limit=50");
          kinds.put("by suite", i -> "/api/v1/runs?limit=50&suite=suite-" + random.nextInt(20));
          kinds.put("by system and status", i -> "/api/v1/runs?limit=50&system=system-" + random.nextInt(50)
              + "&status=completed");
          kinds.put("by a rare system and status", i -> "/api/v1/runs?limit=50&system=" + RARE_SYSTEM
              + "&status=completed");
          kinds.put("oldest first from a time", i -> "/api/v1/runs?limit=50&order=oldest&started_from="
              + Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(Math.max(1, runs)) * 60L));
          for (var kind : kinds.entrySet()) {
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < Math.max(1, requests / kinds.size()); i++) {
              paths.add(kind.getValue().apply(i));
            }
            report("runs list, " + kind.getKey() + " (" + runs + " runs, 50 per page)", measure(http, base, paths));
          }
          List<String> deep = new ArrayList<>();
          String cursor = null;
          for (int i = 0; i < Math.min(requests, 200); i++) {
            String path = "/api/v1/runs?limit=50" + (cursor == null ? "" : "&cursor=" + cursor);
            deep.add(path);
            String body = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            var next = Json.MAPPER.readTree(body).path("next_cursor");
            cursor = next.isNull() ? null : next.asText();
          }
          report("runs list, pages 1-" + deep.size() + " by cursor", measure(http, base, deep));
          report("runs page in the UI (HTML)", measure(http, base, List.of("/?limit=50").stream()
              .flatMap(p -> java.util.Collections.nCopies(Math.min(requests, 200), p).stream()).toList()));
        }
        if (parts.contains("examples")) {
          List<String> paths = new ArrayList<>();
          for (int i = 0; i < requests; i++) {
            int at = random.nextInt(examples);
            String cursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("e1|" + at + "|0").getBytes(StandardCharsets.UTF_8));
            paths.add("/api/v1/runs/big-run/examples?limit=50" + (i % 5 == 0 ? "" : "&cursor=" + cursor));
          }
          report("examples page (" + examples + "-result run, 50 per page)", measure(http, base, paths));
          List<String> ui = new ArrayList<>();
          for (int i = 0; i < Math.min(requests, 100); i++) {
            int at = random.nextInt(examples);
            ui.add("/runs/big-run" + (i % 5 == 0 ? "" : "?cursor=" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("e1|" + at + "|0").getBytes(StandardCharsets.UTF_8))));
          }
          report("run page in the UI (HTML, 25 examples, " + examples + "-result run)", measure(http, base, ui));
        }
        if (parts.contains("push")) {
          push(store, base, dir, clients, perClient);
        }
        System.out.println("server process: " + rss());
      } finally {
        server.close();
      }
      if (parts.contains("push1m")) {
        pushMillion(store, dir);
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
      EngineThroughput.deleteTree(dir);
    }
  }

  private static void push(Store serverStore, String base, Path dir, int clients, int perClient) throws Exception {
    try (SqliteStore local = SqliteStore.open(dir.resolve("local.db"))) {
      for (int c = 0; c < clients; c++) {
        seedBigRun(local, "client-" + c, perClient);
      }
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long t0 = System.nanoTime();
      List<Future<RunPush.Outcome>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        String id = "client-" + c;
        // each client pushes twice: a retry must not store anything twice
        done.add(pool.submit(() -> {
          RunPush p = new RunPush(new ServerClient(base, null));
          p.push(local, id);
          return p.push(local, id);
        }));
      }
      for (Future<RunPush.Outcome> f : done) {
        f.get();
      }
      double s = seconds(t0);
      pool.shutdown();
      long stored = 0;
      int wrong = 0;
      for (int c = 0; c < clients; c++) {
        long n = serverStore.resultStats("client-" + c).stored();
        stored += n;
        if (n != perClient || serverStore.completedKeys("client-" + c).size() != perClient) {
          wrong++;
        }
      }
      System.out.printf(Locale.ROOT, "push: %d clients x %,d results (each pushed twice) in %.1f s = %,.0f results/s; "
          + "stored %,d of %,d, runs with a wrong count: %d%n", clients, perClient, s, clients * (double) perClient / s,
          stored, (long) clients * perClient, wrong);
    }
  }

  private static void pushMillion(Store source, Path dir) throws Exception {
    try (SqliteStore target = SqliteStore.open(dir.resolve("target.db"))) {
      AssayServer server = AssayServer.builder(target, ServerConfig.defaults(AuthMode.NONE).withPort(0)).build()
          .start();
      try {
        long t0 = System.nanoTime();
        RunPush.Outcome o = new RunPush(new ServerClient("http://127.0.0.1:" + server.port(), null)).push(source,
            "big-run");
        double s = seconds(t0);
        System.out.printf(Locale.ROOT, "push of one run: %,d results in %.1f s = %,.0f results/s, stored %,d; "
            + "max heap %s; %s%n", o.sent(), s, o.sent() / s, target.resultStats("big-run").stored(),
            EngineThroughput.human(Runtime.getRuntime().maxMemory()), rss());
      } finally {
        server.close();
      }
    }
  }

  private static List<Double> measure(HttpClient http, String base, List<String> paths) throws Exception {
    for (int i = 0; i < Math.min(50, paths.size()); i++) {
      http.send(HttpRequest.newBuilder(URI.create(base + paths.get(i))).build(), HttpResponse.BodyHandlers.discarding());
    }
    List<Double> ms = new ArrayList<>();
    for (String p : paths) {
      long t = System.nanoTime();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + p)).build(),
          HttpResponse.BodyHandlers.ofString());
      ms.add((System.nanoTime() - t) / 1e6);
      if (r.statusCode() != 200) {
        throw new IllegalStateException(p + " answered " + r.statusCode() + ": " + r.body());
      }
    }
    return ms;
  }

  private static void report(String what, List<Double> ms) {
    double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(Locale.ROOT, "%s: n %d, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, v.length,
        at(v, 0.50), at(v, 0.95), at(v, 0.99), v[v.length - 1]);
  }

  private static double at(double[] sorted, double p) {
    return dev.assay.stats.Percentiles.linear(sorted, p);
  }

  /** A system with one run in 2,000: finding 50 of its runs must not read the others. */
  static final String RARE_SYSTEM = "system-rare";

  static void seedRuns(Store store, int n, Random random) {
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    Lineage lineage = new Lineage("0.1.0", null, null, "jvm", "os");
    for (int i = 0; i < n; i++) {
      String system = i % 2000 == 1999 ? RARE_SYSTEM : "system-" + random.nextInt(50);
      RunRecord r = RunRecord.started(String.format(Locale.ROOT, "run-%07d", i), "suite-" + random.nextInt(20),
          "suite.yaml", "ab".repeat(32), Json.object(), new SystemSpec(system, "predictions", null, 0), null,
          "data.jsonl", "cd".repeat(32), 100, 1, List.of("exact_match"), null, null, lineage, 0,
          base.plusSeconds(i * 60L));
      store.createRun(random.nextInt(10) == 0 ? r : r.finish(RunStatus.COMPLETED, r.startedAt().plusSeconds(30),
          new Counts(100, 0), Map.of("exact_match", random.nextDouble())));
    }
  }

  static void seedBigRun(Store store, String id, int n) {
    RunRecord r = RunRecord.started(id, "big", "suite.yaml", "ab".repeat(32), Json.object(),
        new SystemSpec("big-system", "predictions", null, 0), null, "data.jsonl", null, n, 1, List.of("exact_match"),
        null, null, new Lineage("0.1.0", null, null, "jvm", "os"), 0, Instant.parse("2027-01-01T00:00:00Z"));
    store.createRun(r);
    List<ExampleResult> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(new ExampleResult("ex-" + i, i, 0, TextNode.valueOf("answer number " + i),
          Map.of("exact_match", Score.of(i % 3 == 0 ? 0 : 1)), 10.0 + i % 100, 20L, 5L, null,
          null, 1, false));
      if (batch.size() == 10_000) {
        store.append(id, batch);
        batch.clear();
      }
    }
    store.append(id, batch);
    store.updateRun(r.finish(RunStatus.COMPLETED, r.startedAt().plusSeconds(3600), new Counts(n, 0),
        Map.of("exact_match", 2 / 3.0)));
  }

  private static String rss() {
    String peak = EngineThroughput.peakRss();
    String now = "n/a";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          now = EngineThroughput.human(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      now = "n/a";
    }
    return "RSS " + now + " (peak " + peak + ")";
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }
}
