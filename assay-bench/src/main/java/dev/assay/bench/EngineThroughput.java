package dev.assay.bench;

import dev.assay.core.Counts;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.Json;
import dev.assay.core.LineageProbe;
import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.RunIds;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Scorer;
import dev.assay.engine.Engine;
import dev.assay.engine.EngineListener;
import dev.assay.engine.RunSettings;
import dev.assay.store.SqliteResponseCache;
import dev.assay.store.SqliteStore;
import dev.assay.testkit.FakeSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end engine benchmark: N examples through the engine with the in-process fake system and
 * {@code exact_match}, journalled into a real SQLite store on disk.
 *
 * <p>Usage: {@code java -cp assay-bench/target/benchmarks.jar dev.assay.bench.EngineThroughput
 * [examples=100000] [concurrency=8] [rounds=3] [cache=off|on]}. Prints examples/s per round and
 * the process's peak resident set size (VmHWM).
 */
public final class EngineThroughput {
  private EngineThroughput() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    boolean cache = args.length > 3 && args[3].equals("on");
    Dataset dataset = dataset(n);
    Scorer exactMatch = Plugins.installed().scorer("exact_match", dev.assay.testkit.Contexts.standalone());
    double[] rates = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      Path dir = Files.createTempDirectory("assay-bench");
      try (SqliteStore store = SqliteStore.open(dir.resolve("assay.db"));
          SqliteResponseCache responses = SqliteResponseCache.open(dir.resolve("cache.db"))) {
        RunSettings settings = new RunSettings(concurrency, Duration.ofSeconds(30), 2, null, 0, 1, cache,
            RunSettings.DEFAULT_INITIAL_BACKOFF, RunSettings.DEFAULT_MAX_BACKOFF, RunSettings.DEFAULT_FLUSH_INTERVAL);
        Engine engine = new Engine(store, cache ? responses : ResponseCache.NONE, EngineListener.NONE,
            Clock.systemUTC());
        long t0 = System.nanoTime();
        RunRecord done = engine.execute(header(dataset), dataset, FakeSystem.echo(), List.of(exactMatch), settings,
            false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (done.counts().ok() != n) {
          throw new IllegalStateException("expected " + n + " results, got " + done.counts());
        }
        rates[round] = n / seconds;
        System.out.printf(Locale.ROOT, "round %d: %,d examples in %.2f s = %,.0f examples/s (db %s)%n", round + 1, n,
            seconds, rates[round], human(Files.size(dir.resolve("assay.db"))));
      } finally {
        deleteTree(dir);
      }
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "engine: %,d examples, concurrency %d, cache %s: median %,.0f examples/s; "
        + "peak RSS %s; %d cores%n", n, concurrency, cache ? "on" : "off", sorted[sorted.length / 2], peakRss(),
        Runtime.getRuntime().availableProcessors());
  }

  static Dataset dataset(int n) {
    List<Example> examples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      examples.add(Example.of("ex-" + i, "the answer to question " + i, i % 2 == 0 ? "the answer to question " + i
          : "something else"));
    }
    return new Dataset("bench", examples, "bench-" + n);
  }

  static RunRecord header(Dataset d) {
    var spec = Json.object().put("name", "fake").put("type", "fake");
    spec.putObject("params");
    return RunRecord.started(RunIds.next(), "bench", "bench.yaml", "bench", Json.object(),
        dev.assay.core.SystemSpec.fromJson(spec), null, d.source(), d.hash(), d.size(), 1, List.of("exact_match"), null,
        null, LineageProbe.probe(Path.of(".")), 0, Instant.now());
  }

  /** Peak resident set size of this process, from /proc (Linux); "n/a" elsewhere. */
  static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return human(kb * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return "n/a";
    }
    return "n/a";
  }

  static String human(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
