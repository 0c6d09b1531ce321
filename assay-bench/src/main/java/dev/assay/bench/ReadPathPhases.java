package dev.assay.bench;

import dev.assay.core.Plugins;
import dev.assay.core.io.RunInputs;
import dev.assay.gate.ComparisonService;
import dev.assay.gate.PairedMetric;
import dev.assay.gate.Pairing;
import dev.assay.gate.Side;
import dev.assay.store.SqliteStore;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * In-process phases of the read and pairing path of {@code assay report BASE CAND} on the
 * {@link ReportBenchmark} comparison (docs/performance.md): reading both sides from the SQLite
 * store (in parallel, as the comparison does), pairing every common metric's values, and reading
 * the runs' dataset back from the store (decoded and hash-checked). No statistics.
 *
 * <p>Per phase it prints the wall time and the JVM's cumulative collection and JIT times; the first
 * round is cold (class loading, JIT), later rounds warm. With {@code --live} it collects after each
 * phase and prints the live heap (which makes the rounds' times include those full collections).
 *
 * <p>Usage: {@code java -XX:+UseParallelGC -cp assay-bench/target/benchmarks.jar
 * dev.assay.bench.ReadPathPhases [--folder /tmp/assay-bench-report] [--rounds 3] [--live]}; the
 * folder is one {@link ReportBenchmark} ran (its {@code assay-store} and {@code run-ids.txt}).
 */
public final class ReadPathPhases {
  private long last;
  private final boolean live;

  private ReadPathPhases(boolean live) {
    this.live = live;
  }

  public static void main(String[] args) throws Exception {
    Path folder = Path.of("/tmp/assay-bench-report");
    int rounds = 3;
    boolean live = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--folder" -> folder = Path.of(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--live" -> live = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: [--folder DIR] [--rounds K] [--live]");
      }
    }
    List<String> ids = Files.readAllLines(folder.resolve("run-ids.txt"), StandardCharsets.UTF_8);
    ReadPathPhases phases = new ReadPathPhases(live);
    Object kept = null;
    for (int round = 1; round <= rounds; round++) {
      kept = null; // each round's live heap is its own
      System.out.println("round " + round + (round == 1 ? " (cold)" : ""));
      phases.last = System.nanoTime();
      try (SqliteStore store = SqliteStore.open(folder.resolve("assay-store"))) {
        ComparisonService service = new ComparisonService(store, Plugins.installed(), Clock.systemUTC());
        List<Side> sides = service.sides(ids, List.of(folder.resolve("no-such-file-0"), folder.resolve("no-such-file-1")));
        phases.mark("read sides");
        Pairing pairing = Pairing.of(sides.get(0).scores(), sides.get(1).scores(), false);
        List<PairedMetric> paired = new ArrayList<>();
        for (String metric : pairing.commonMetrics()) {
          paired.add(pairing.values(metric));
        }
        phases.mark("pair " + paired.size() + " metrics");
        RunInputs.Lookup data = RunInputs.dataset(store, sides.get(0).run());
        phases.mark("read dataset");
        kept = List.of(sides, pairing, paired, data.dataset());
      }
    }
    System.out.println(kept == null ? "" : "done");
  }

  private void mark(String phase) {
    long now = System.nanoTime();
    long gc = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += b.getCollectionTime();
    }
    long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    String heap = "";
    if (live) {
      System.gc();
      Runtime rt = Runtime.getRuntime();
      heap = String.format(Locale.ROOT, "  live %4d MB", (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
    System.out.printf(Locale.ROOT, "  %-16s %6.0f ms   gc total %5d ms   jit total %5d ms%s%n", phase,
        (now - last) / 1e6, gc, jit, heap);
    last = System.nanoTime();
  }
}
