package dev.assay.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Counts;
import dev.assay.core.Dataset;
import dev.assay.core.Json;
import dev.assay.core.LineageProbe;
import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.RunIds;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Scorer;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.engine.Engine;
import dev.assay.engine.EngineListener;
import dev.assay.engine.RunSettings;
import dev.assay.store.SqliteStore;
import dev.assay.testkit.StubLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Engine throughput through the {@code openai} adapter against {@link StubLlmServer}: real HTTP
 * on loopback, results journalled into SQLite on disk, {@code exact_match} scored.
 *
 * <p>Usage: {@code java -cp assay-bench/target/benchmarks.jar dev.assay.bench.OpenAiThroughput
 * [examples=20000] [concurrency=64] [latency_ms=0] [rounds=3] [base_url]}. Without {@code
 * base_url} the stub runs in this process with the given latency; with it, the engine talks to a
 * stub started separately ({@code java -cp ... dev.assay.testkit.StubLlmServer --latency-ms N}).
 * Prints examples/s per round, the ideal rate the latency allows (concurrency / latency) and peak
 * RSS.
 */
public final class OpenAiThroughput {
  private OpenAiThroughput() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    long latencyMs = args.length > 2 ? Long.parseLong(args[2]) : 0;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    String external = args.length > 4 ? args[4] : null;
    StubLlmServer stub = external != null ? null
        : StubLlmServer.start(StubLlmServer.Config.echo().withLatencyMs(latencyMs)
            .withThreads(Math.max(128, 2 * concurrency)));
    String baseUrl = external != null ? external : stub.baseUrl();
    Dataset dataset = EngineThroughput.dataset(n);
    Scorer exactMatch = Plugins.load().scorer("exact_match", null, 0);
    ObjectNode params = Json.object().put("base_url", baseUrl).put("model", "stub").put("seed", "auto");
    SystemSpec spec = new SystemSpec("stub", "openai", params, 0);
    double[] rates = new double[rounds];
    try {
      for (int round = 0; round < rounds; round++) {
        Path dir = Files.createTempDirectory("assay-bench");
        try (SqliteStore store = SqliteStore.open(dir.resolve("assay.db"));
            SystemUnderTest system = Plugins.load().system(spec, null)) {
          RunSettings settings = new RunSettings(concurrency, Duration.ofSeconds(30), 2, null, 0, 1, false,
              RunSettings.DEFAULT_INITIAL_BACKOFF, RunSettings.DEFAULT_MAX_BACKOFF, RunSettings.DEFAULT_FLUSH_INTERVAL);
          Engine engine = new Engine(store, ResponseCache.NONE, EngineListener.NONE, Clock.systemUTC());
          long t0 = System.nanoTime();
          RunRecord done = engine.execute(header(spec, dataset), dataset, system, List.of(exactMatch), settings, false);
          double seconds = (System.nanoTime() - t0) / 1e9;
          if (done.counts().ok() != n) {
            throw new IllegalStateException("expected " + n + " results, got " + done.counts());
          }
          rates[round] = n / seconds;
          System.out.printf(Locale.ROOT, "round %d: %,d examples in %.2f s = %,.0f examples/s%n", round + 1, n,
              seconds, rates[round]);
        } finally {
          try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
              Files.deleteIfExists(p);
            }
          }
        }
      }
    } finally {
      if (stub != null) {
        stub.close();
      }
    }
    double[] sorted = rates.clone();
    java.util.Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    String ideal = latencyMs > 0
        ? String.format(Locale.ROOT, "; ideal %,.0f/s, reached %.1f%%", concurrency * 1000.0 / latencyMs,
            100 * median / (concurrency * 1000.0 / latencyMs))
        : "";
    System.out.printf(Locale.ROOT, "openai adapter vs stub (%s, latency %d ms): %,d examples, concurrency %d: "
        + "median %,.0f examples/s%s; peak RSS %s; %d cores%n", external != null ? "other process" : "in-process",
        latencyMs, n, concurrency, median, ideal, EngineThroughput.peakRss(), Runtime.getRuntime().availableProcessors());
  }

  private static RunRecord header(SystemSpec spec, Dataset d) {
    return new RunRecord(RunRecord.FORMAT_VERSION, RunIds.next(), "bench", "bench.yaml", "bench", Json.object(),
        spec.name(), spec.toJson(), d.source(), d.hash(), d.size(), 1, List.of("exact_match"),
        LineageProbe.probe(Path.of(".")), 0, Instant.now(), null, RunStatus.RUNNING, Counts.ZERO, Map.of());
  }
}
