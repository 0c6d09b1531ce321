package dev.assay.bench;

import dev.assay.server.AssayServer;
import dev.assay.server.AuthMode;
import dev.assay.server.ServerConfig;
import dev.assay.testkit.InMemoryStore;
import dev.assay.testkit.LocalPostgres;
import dev.assay.tracking.MlflowService;
import dev.assay.tracking.TrackingStore;
import dev.assay.tracking.http.MlflowRoutes;
import dev.assay.tracking.sql.PostgresTrackingStore;
import dev.assay.tracking.sql.SqliteTrackingStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * MLflow log-batch throughput end to end: clients on loopback POST {@code runs/log-batch} requests
 * of 1,000 metric values (MLflow's per-request maximum) to the team server ({@code AssayServer},
 * its request checks included) with the MLflow routes mounted, over the SQLite or the PostgreSQL tracking store; every request is answered only after
 * its transaction committed. Each client logs to a run of its own, as training jobs do.
 *
 * <p>Usage: {@code java -cp assay-bench/target/benchmarks.jar dev.assay.bench.MlflowLogBatchThroughput
 * [sqlite|postgres] [requests=300] [clients=4] [rounds=3]}. Prints metric values/s per round and the
 * median, with the load average before each round and the values per CPU-second this process spent
 * (client and server; the PostgreSQL server's own CPU is not counted), which varies far less than
 * wall time on a shared machine. The loop is bounded by the request count and talks only to
 * 127.0.0.1.
 */
public final class MlflowLogBatchThroughput {
  private static final int METRICS_PER_REQUEST = 1000;

  private MlflowLogBatchThroughput() {}

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "sqlite";
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Path dir = Files.createTempDirectory("assay-mlflow-bench");
    LocalPostgres server = kind.equals("postgres") ? LocalPostgres.start(true) : null;
    double[] rates = new double[rounds];
    String load = "?";
    double perCpuSecond = 0;
    try {
      for (int round = 0; round < rounds; round++) {
        try (TrackingStore store = server != null ? PostgresTrackingStore.open(server.createDatabase("mlflow"))
            : SqliteTrackingStore.open(dir.resolve("tracking-" + round + ".db"))) {
          AssayServer app = AssayServer.builder(new InMemoryStore(), ServerConfig.defaults(AuthMode.NONE).withPort(0))
              .mount(new MlflowRoutes(new MlflowService(store, Clock.systemUTC()))).build().start();
          load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
          long cpu0 = processCpuNanos();
          try {
            rates[round] = round(app.port(), requests, clients);
            perCpuSecond = (double) requests * METRICS_PER_REQUEST / ((processCpuNanos() - cpu0) / 1e9);
          } finally {
            app.close();
          }
        }
        System.out.printf(Locale.ROOT, "round %d: %,.0f metric values/s (%,.0f per CPU-second of this process;"
            + " load before: %s)%n", round + 1, rates[round], perCpuSecond, load);
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s store, %d requests x %d values, %d clients: median %,.0f metric values/s%n",
        kind, requests, METRICS_PER_REQUEST, clients, sorted[rounds / 2]);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double round(int port, int requests, int clients) throws Exception {
    String base = "http://127.0.0.1:" + port + "/api/2.0/mlflow";
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<String> runs = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      String body = post(http, base + "/runs/create", "{\"experiment_id\":\"0\"}");
      int at = body.indexOf("\"run_id\":\"") + 10;
      runs.add(body.substring(at, body.indexOf('"', at)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long t0 = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        String runId = runs.get(c);
        int share = requests / clients + (c < requests % clients ? 1 : 0);
        done.add(pool.submit(() -> {
          for (int r = 0; r < share; r++) {
            post(http, base + "/runs/log-batch", batch(runId, r));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      return (double) requests * METRICS_PER_REQUEST / seconds;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One request: 10 metric keys x 100 steps, as a training loop logs them. */
  private static String batch(String runId, int request) {
    StringBuilder sb = new StringBuilder(64 * METRICS_PER_REQUEST);
    sb.append("{\"run_id\":\"").append(runId).append("\",\"metrics\":[");
    long timestamp = 1_700_000_000_000L + request;
    for (int i = 0; i < METRICS_PER_REQUEST; i++) {
      long step = (long) request * 100 + i / 10;
      sb.append(i == 0 ? "" : ",").append("{\"key\":\"metric_").append(i % 10).append("\",\"value\":")
          .append(1.0 / (step + 1)).append(",\"timestamp\":").append(timestamp).append(",\"step\":").append(step)
          .append('}');
    }
    return sb.append("]}").toString();
  }

  private static String post(HttpClient http, String url, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
        "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
