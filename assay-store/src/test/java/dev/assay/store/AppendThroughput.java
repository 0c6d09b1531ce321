package dev.assay.store;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Counts;
import dev.assay.core.ExampleResult;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Not a test: the measurement behind docs/design/per-example-storage.md. Appends N small results in
 * batches to (a) SqliteStore as built, (d) the same plus a unique index on the example id, (b) the
 * same schema with every body deflated, (c) a gzip JSONL file beside the database, and prints rate,
 * CPU per result and size. Run from assay-store with
 * {@code java -cp target/classes:target/test-classes:<deps> dev.assay.store.AppendThroughput DIR [N] [BATCH] [VARIANTS]}
 * (VARIANTS: letters of a, b, c, d; default all).
 */
public final class AppendThroughput {
  private AppendThroughput() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    List<ExampleResult> results = smallResults(n, new Random(42));
    Files.createDirectories(dir);
    System.out.printf("results=%d batch=%d avg plain body=%.0f bytes%n", n, batch, averageBody(results));
    String variants = args.length > 3 ? args[3] : "adbc";
    if (variants.contains("a")) {
      storeAsBuilt(dir.resolve("a-store.db"), results, batch);
    }
    if (variants.contains("d")) {
      withIdIndex(dir.resolve("d-id-index.db"), results, batch);
    }
    if (variants.contains("b")) {
      deflateEveryBody(dir.resolve("b-deflate.db"), results, batch);
    }
    if (variants.contains("c")) {
      gzipJsonl(dir.resolve("c-results.jsonl.gz"), results, batch);
    }
  }

  /** Rate, and main-thread CPU per result: the second figure depends less on other load. */
  private static String rate(int n, long startNanos, long startCpu) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double cpuMicros = (CPU.getCurrentThreadCpuTime() - startCpu) / 1e3 / n;
    return String.format("%.0f results/s (%.1f us CPU/result)", n / seconds, cpuMicros);
  }

  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  /** (d) the store as built plus a unique index on (run, example id, repeat), as a first design had. */
  static void withIdIndex(Path db, List<ExampleResult> results, int batch) throws SQLException, IOException {
    try (SqliteStore store = SqliteStore.open(db)) {
      store.createRun(run());
    }
    try (Connection c = SqliteFiles.open(db, Durability.PROCESS_CRASH, true); Statement s = c.createStatement()) {
      s.execute("CREATE UNIQUE INDEX results_by_id ON results (run_pk, example_id, repeat)");
    }
    long t0 = System.nanoTime();
    long cpu0 = CPU.getCurrentThreadCpuTime();
    try (SqliteStore store = SqliteStore.open(db)) {
      for (int from = 0; from < results.size(); from += batch) {
        store.append("bench", results.subList(from, Math.min(results.size(), from + batch)));
      }
    }
    System.out.println("(d) with an example-id index: " + rate(results.size(), t0, cpu0));
    printSizes("(d)", db);
  }

  static void storeAsBuilt(Path db, List<ExampleResult> results, int batch) throws SQLException, IOException {
    long t0 = System.nanoTime();
    long cpu0 = CPU.getCurrentThreadCpuTime();
    try (SqliteStore store = SqliteStore.open(db)) {
      store.createRun(run());
      for (int from = 0; from < results.size(); from += batch) {
        store.append("bench", results.subList(from, Math.min(results.size(), from + batch)));
      }
      String written = rate(results.size(), t0, cpu0);
      long t1 = System.nanoTime();
      long[] seen = new long[1];
      store.forEachResult("bench", r -> seen[0]++);
      double readSeconds = (System.nanoTime() - t1) / 1e9;
      long t2 = System.nanoTime();
      int keys = store.completedKeys("bench").size();
      double keySeconds = (System.nanoTime() - t2) / 1e9;
      System.out.printf("(a) SqliteStore: %s written; streamed %d in %.2f s (%.0f/s); %d keys in %.2f s%n",
          written, seen[0], readSeconds, seen[0] / readSeconds, keys, keySeconds);
    }
    printSizes("(a)", db);
  }

  static void deflateEveryBody(Path db, List<ExampleResult> results, int batch) throws SQLException, IOException {
    try (SqliteStore store = SqliteStore.open(db)) {
      store.createRun(run());
    }
    long t0 = System.nanoTime();
    long cpu0 = CPU.getCurrentThreadCpuTime();
    try (Connection c = SqliteFiles.open(db, Durability.PROCESS_CRASH, true);
        PreparedStatement p = c.prepareStatement("INSERT INTO results (run_pk, example_index, repeat, example_id,"
            + " ok, latency_ms, tokens_in, tokens_out, cost, attempts, cached, encoding, body)"
            + " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)")) {
      for (int from = 0; from < results.size(); from += batch) {
        c.setAutoCommit(false);
        for (ExampleResult r : results.subList(from, Math.min(results.size(), from + batch))) {
          p.setInt(1, r.index());
          p.setInt(2, r.repeat());
          p.setString(3, r.id());
          p.setInt(4, r.ok() ? 1 : 0);
          p.setObject(5, r.latencyMs());
          p.setObject(6, r.tokensIn());
          p.setObject(7, r.tokensOut());
          p.setObject(8, r.cost());
          p.setInt(9, r.attempts());
          p.setInt(10, r.cached() ? 1 : 0);
          p.setBytes(11, deflate(RecordCodec.body(r).text().getBytes(StandardCharsets.UTF_8)));
          p.addBatch();
        }
        p.executeBatch();
        c.commit();
        c.setAutoCommit(true);
      }
    }
    System.out.println("(b) deflate every body: " + rate(results.size(), t0, cpu0));
    printSizes("(b)", db);
  }

  static void gzipJsonl(Path file, List<ExampleResult> results, int batch) throws IOException {
    long t0 = System.nanoTime();
    long cpu0 = CPU.getCurrentThreadCpuTime();
    try (OutputStream raw = Files.newOutputStream(file);
        GZIPOutputStream gz = new GZIPOutputStream(new BufferedOutputStream(raw, 1 << 16), 1 << 16, true)) {
      for (int from = 0; from < results.size(); from += batch) {
        for (ExampleResult r : results.subList(from, Math.min(results.size(), from + batch))) {
          gz.write(dev.assay.core.Json.write(r).getBytes(StandardCharsets.UTF_8));
          gz.write('\n');
        }
        gz.flush(); // SYNC_FLUSH: the batch reaches the OS, as a commit does
      }
    }
    System.out.printf("(c) gzip JSONL beside the db: %s; %.1f MB%n", rate(results.size(), t0, cpu0),
        Files.size(file) / 1e6);
  }

  private static void printSizes(String label, Path db) throws SQLException, IOException {
    long total;
    try (Connection c = SqliteFiles.open(db, Durability.PROCESS_CRASH, true); Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      StringBuilder parts = new StringBuilder();
      try (ResultSet rs = s.executeQuery(
          "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")) {
        while (rs.next()) {
          parts.append(String.format(" %s=%.1fMB", rs.getString(1), rs.getLong(2) / 1e6));
        }
      } catch (SQLException noDbstat) {
        parts.append(" (dbstat not compiled in)");
      }
      System.out.println(label + " parts:" + parts);
    }
    try (Stream<Path> files = Files.list(db.getParent())) {
      total = files.filter(f -> f.getFileName().toString().startsWith(db.getFileName().toString()))
          .mapToLong(f -> f.toFile().length()).sum();
    }
    System.out.printf("%s file size: %.1f MB (%.0f bytes/result)%n", label, total / 1e6, total / 1e6);
  }

  private static byte[] deflate(byte[] input) {
    Deflater d = new Deflater(Deflater.BEST_SPEED, true);
    d.setInput(input);
    d.finish();
    byte[] out = new byte[input.length + 64];
    int len = d.deflate(out);
    d.end();
    return java.util.Arrays.copyOf(out, len);
  }

  private static double averageBody(List<ExampleResult> results) {
    long sum = 0;
    int sample = Math.min(results.size(), 10_000);
    for (int i = 0; i < sample; i++) {
      sum += RecordCodec.body(results.get(i)).text().getBytes(StandardCharsets.UTF_8).length;
    }
    return (double) sum / sample;
  }

  /** Results shaped like a QA run: short answers, two scores, latency, tokens, cost; 5% errors. */
  static List<ExampleResult> smallResults(int n, Random random) {
    String[] words = {"Paris", "the", "answer", "is", "1947", "mitochondria", "not", "enough", "context", "yes"};
    List<ExampleResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = "q" + Integer.toHexString(random.nextInt()) + "-" + i;
      if (random.nextInt(20) == 0) {
        out.add(new ExampleResult(id, i, 0, null, Map.of(), null, null, null, null, "HTTP 429: rate limited", 4,
            false));
        continue;
      }
      StringBuilder answer = new StringBuilder();
      for (int w = 1 + random.nextInt(8); w > 0; w--) {
        answer.append(words[random.nextInt(words.length)]).append(' ');
      }
      out.add(new ExampleResult(id, i, 0, TextNode.valueOf(answer.toString().trim()),
          Map.of("exact_match", dev.assay.core.Score.of(random.nextInt(2)), "f1",
              dev.assay.core.Score.of(Math.round(random.nextDouble() * 1e4) / 1e4)),
          Math.round(random.nextDouble() * 2e5) / 100.0, 100L + random.nextInt(900), 1L + random.nextInt(40),
          Math.round(random.nextDouble() * 1e6) / 1e9, null, 1, false));
    }
    return out;
  }

  private static RunRecord run() {
    return RunRecord.started("bench", "bench", null, null, null,
        new dev.assay.core.SystemSpec("sys", "predictions", null, 0), null, null, null, 0, 1, List.of(), null, null,
        null, 0L, Instant.now());
  }
}
