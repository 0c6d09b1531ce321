package dev.assay.bench;

import dev.assay.monitor.ab.AbAnalysis;
import dev.assay.monitor.ab.AbConfig;
import dev.assay.monitor.ab.AbReadout;
import dev.assay.monitor.data.DuckDb;
import dev.assay.monitor.data.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * An A/B readout over {@code units} rows from Parquet with the example's three metrics (a mean
 * with a CUPED covariate, a ratio, a guardrail): the target is 10,000,000 events in under
 * 30 s. Data are generated once by DuckDB into {@code dir} and reused.
 *
 * <pre>
 * java -cp assay-bench/target/benchmarks.jar dev.assay.bench.AbBenchmark UNITS [DIR]
 * </pre>
 */
public final class AbBenchmark {
  private AbBenchmark() {}

  public static void main(String[] args) throws Exception {
    long units = Long.parseLong(args[0]);
    Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/assay-bench");
    Files.createDirectories(dir);
    Path file = dir.resolve("ab-" + units + ".parquet");
    if (!Files.exists(file)) {
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      try (Connection c = DuckDb.connect(); Statement s = c.createStatement()) {
        // Uniforms from hashes: reproducible; revenue follows its pre-period value (CUPED has work).
        s.execute("COPY (SELECT i AS user_id, CASE WHEN hash(i) % 2 = 0 THEN 'control' ELSE 'treatment' END AS variant, "
            + "1 + i % 14 AS day, (hash(i * 3) % 1000) / 25.0 AS revenue_pre, "
            + "(hash(i * 3) % 1000) / 25.0 + (hash(i * 5) % 1000) / 100.0 AS revenue, 1 + hash(i * 7) % 6 AS sessions, "
            + "hash(i * 11) % 2 AS clicks, 400 + (hash(i * 13) % 1000) / 10.0 AS latency_ms FROM range(" + units
            + ") t(i)) TO '" + tmp + "' (FORMAT parquet)");
      }
      Files.move(tmp, file);
    }
    Path config = dir.resolve("ab-bench.yaml");
    Files.writeString(config, """
        variant: variant
        control: control
        treatment: treatment
        split: {control: 0.5, treatment: 0.5}
        metrics:
          - {name: revenue, column: revenue, covariate: revenue_pre, rule: superiority}
          - {name: ctr, numerator: clicks, denominator: sessions, rule: superiority}
          - {name: latency_ms, column: latency_ms, lower_is_better: true, rule: non_inferiority, margin: 5%}
        """);
    long t0 = System.nanoTime();
    long cpu0 = DriftBenchmark.processCpuNanos();
    AbReadout readout = new AbAnalysis(AbConfig.read(config)).analyze(Tables.open(file, file.toString(), null));
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (DriftBenchmark.processCpuNanos() - cpu0) / 1e9;
    System.out.printf("A/B readout of %,d units (parquet): %.1f s wall, %.1f s CPU = %,.0f units/s; verdict %s; "
        + "load average %.1f%n", units, seconds, cpu, units / seconds, readout.verdict(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println("peak RSS " + DriftBenchmark.peakRss());
  }
}
