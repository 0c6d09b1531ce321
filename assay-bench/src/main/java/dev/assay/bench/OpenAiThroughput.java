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
 * Prints examples/s per round, the ideal rate the latency allows (concurrency / latency), peak RSS,
 * and this process's CPU per example (user + system, from the OS; with the stub in-process it
 * includes the stub's). With {@code -Dassay.bench.threads=true} it also says where the CPU went,
 * per thread group (engine workers, stub server, JIT, GC, journal...), sampled every {@value
 * CpuAccount#PERIOD_MS} ms from Linux's per-thread clocks; CPU of threads that ended since their
 * last sample shows as "ended threads". The sampling costs some CPU itself (about 2-20 us per
 * example, more when examples are slow), so rates are reported without it.
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
    Scorer exactMatch = Plugins.installed().scorer("exact_match", dev.assay.testkit.Contexts.standalone());
    ObjectNode params = Json.object().put("base_url", baseUrl).put("model", "stub").put("seed", "auto");
    SystemSpec spec = new SystemSpec("stub", "openai", params, 0);
    double[] rates = new double[rounds];
    try {
      for (int round = 0; round < rounds; round++) {
        Path dir = Files.createTempDirectory("assay-bench");
        try (SqliteStore store = SqliteStore.open(dir.resolve("assay.db"));
            SystemUnderTest system = Plugins.installed().system(spec, dev.assay.testkit.Contexts.standalone())) {
          RunSettings settings = new RunSettings(concurrency, Duration.ofSeconds(30), 2, null, 0, 1, false,
              RunSettings.DEFAULT_INITIAL_BACKOFF, RunSettings.DEFAULT_MAX_BACKOFF, RunSettings.DEFAULT_FLUSH_INTERVAL);
          Engine engine = new Engine(store, ResponseCache.NONE, EngineListener.NONE, Clock.systemUTC());
          // The header probes git for lineage: done before the clock starts, it is no part of throughput.
          RunRecord header = header(spec, dataset);
          CpuAccount cpu = CpuAccount.start();
          long t0 = System.nanoTime();
          RunRecord done = engine.execute(header, dataset, system, List.of(exactMatch), settings, false);
          double seconds = (System.nanoTime() - t0) / 1e9;
          String where = cpu.stop(n);
          if (done.counts().ok() != n) {
            throw new IllegalStateException("expected " + n + " results, got " + done.counts());
          }
          rates[round] = n / seconds;
          System.out.printf(Locale.ROOT, "round %d: %,d examples in %.2f s = %,.0f examples/s; %s%n", round + 1, n,
              seconds, rates[round], where);
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

  /**
   * CPU time of this process and of its thread groups over one round. Per-thread times come from
   * Linux's {@code /proc/self/task/TID/schedstat} (run time in nanoseconds), which, unlike the
   * JVM's thread clocks, also covers the JVM's own threads (JIT compilers, garbage collector).
   * Elsewhere only the total is printed.
   */
  private static final class CpuAccount {
    static final int PERIOD_MS = 250;
    private static final Path TASKS = Path.of("/proc/self/task");

    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    /** Thread id -> {group, CPU ns at the start (or 0 when first seen later), last CPU ns seen}. */
    private final Map<String, Object[]> seen = new java.util.concurrent.ConcurrentHashMap<>();
    private final long processStart;

    private final Thread sampler;
    private volatile boolean running = true;

    private CpuAccount(boolean perThread) {
      processStart = os.getProcessCpuTime();
      if (!perThread) {
        sampler = null;
        return;
      }
      sample(true);
      sampler = new Thread(() -> {
        while (running) {
          try {
            Thread.sleep(PERIOD_MS);
          } catch (InterruptedException e) {
            return;
          }
          sample(false);
        }
      }, "bench-cpu-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    static CpuAccount start() {
      return new CpuAccount(Boolean.getBoolean("assay.bench.threads"));
    }

    private void sample(boolean baseline) {
      if (!Files.isDirectory(TASKS)) {
        return;
      }
      try (var tasks = Files.list(TASKS)) {
        for (Path task : (Iterable<Path>) tasks::iterator) {
          long nanos;
          try {
            // "run-time-ns wait-time-ns timeslices"; the run time is exact, unlike stat's ticks.
            String sched = Files.readString(task.resolve("schedstat"));
            nanos = Long.parseLong(sched.substring(0, sched.indexOf(' ')));
          } catch (java.io.IOException ended) {
            continue;
          }
          Object[] entry = seen.get(task.getFileName().toString());
          if (entry == null) {
            String name;
            try {
              name = Files.readString(task.resolve("comm")).strip();
            } catch (java.io.IOException ended) {
              continue;
            }
            // A thread first seen after the baseline started during the round: all its CPU counts.
            entry = new Object[] {group(name), baseline ? nanos : 0L, nanos};
            seen.put(task.getFileName().toString(), entry);
          }
          entry[2] = nanos;
        }
      } catch (java.io.IOException | RuntimeException unreadable) {
        // A thread list that cannot be read only loses the breakdown, not the total.
      }
    }

    /** Stops sampling; "CPU X us/example (group a, group b, ...)". */
    String stop(int examples) throws InterruptedException {
      running = false;
      if (sampler != null) {
        sampler.interrupt();
        sampler.join();
        sample(false);
      }
      long total = os.getProcessCpuTime() - processStart;
      Map<String, Long> byGroup = new java.util.TreeMap<>();
      seen.values().forEach(e -> byGroup.merge((String) e[0], (Long) e[2] - (Long) e[1], Long::sum));
      long attributed = byGroup.values().stream().mapToLong(Long::longValue).sum();
      if (!byGroup.isEmpty()) {
        byGroup.put("ended threads", Math.max(0, total - attributed));
      }

      String cpu = String.format(Locale.ROOT, "CPU %.0f us/example", total / 1e3 / examples);
      if (byGroup.isEmpty()) {
        return cpu;
      }
      java.util.StringJoiner groups = new java.util.StringJoiner(", ", cpu + " (", ")");
      byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .filter(e -> e.getValue() / 1e3 / examples >= 1)
          .forEach(e -> groups.add(String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue() / 1e3 / examples)));
      return groups.toString();
    }

    /** A thread's group: its (15-character) native name without numbers or the run's system name. */
    private static String group(String name) {
      if (name.startsWith("assay-worker")) {
        return "engine-workers";
      }
      if (name.startsWith("assay-journal")) {
        return "journal";
      }
      if (name.startsWith("HttpClient")) {
        return "HttpClient";
      }
      if (name.startsWith("C2 Compiler") || name.startsWith("C1 Compiler")) {
        return "JIT";
      }
      if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
        return "GC";
      }
      return name.replaceAll("[-#]?\\d+", "");
    }
  }

  private static RunRecord header(SystemSpec spec, Dataset d) {
    return RunRecord.started(RunIds.next(), "bench", "bench.yaml", "bench", Json.object(), spec, null, d.source(),
        d.hash(), d.size(), 1, List.of("exact_match"), null, null, LineageProbe.probe(Path.of(".")), 0, Instant.now());
  }
}
