package dev.assay.bench;

import dev.assay.monitor.data.DuckDb;
import dev.assay.monitor.data.Table;
import dev.assay.monitor.data.Tables;
import dev.assay.monitor.drift.DriftConfig;
import dev.assay.monitor.drift.DriftMonitor;
import dev.assay.monitor.drift.DriftReport;
import dev.assay.monitor.profile.Profile;
import dev.assay.monitor.profile.ProfileJson;
import dev.assay.monitor.profile.ProfileOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.StringJoiner;

/**
 * End-to-end drift check: a reference profile of {@code refRows} rows, then a check of {@code rows}
 * rows × {@code columns} numeric columns (the first 5% of columns shifted by 0.5 sd) from Parquet or
 * CSV. Data are generated once by DuckDB into {@code dir} and reused.
 *
 * <pre>
 * java -cp assay-bench/target/benchmarks.jar dev.assay.bench.DriftBenchmark ROWS COLUMNS parquet|csv [DIR] [REF_ROWS]
 * </pre>
 *
 * Prints seconds for the profile and the check, rows/s, cells/s, the findings and the peak RSS.
 */
public final class DriftBenchmark {
  private DriftBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args[0]);
    int columns = Integer.parseInt(args[1]);
    String format = args[2];
    Path dir = Path.of(args.length > 3 ? args[3] : "/tmp/assay-bench");
    long refRows = args.length > 4 ? Long.parseLong(args[4]) : 100_000;
    Files.createDirectories(dir);
    Path ref = generate(dir, refRows, columns, format, 0, 1);
    Path cur = generate(dir, rows, columns, format, Math.max(1, columns / 20), 2);

    long t0 = System.nanoTime();
    DriftMonitor monitor = new DriftMonitor(() -> {
      throw new IllegalStateException("numeric benchmark");
    });
    // The reference profile is kept beside the data and reused, as a monitor would: a repeated
    // check measures the check alone.
    Path profileFile = dir.resolve("profile-" + refRows + "x" + columns + "-" + format + ".json");
    Profile profile;
    if (Files.exists(profileFile)) {
      profile = ProfileJson.read(profileFile, profileFile.toString());
      System.out.printf("reference profile read from %s: %.1f s%n", profileFile, (System.nanoTime() - t0) / 1e9);
    } else {
      long cpu0 = processCpuNanos();
      profile = monitor.profile(Tables.open(ref, ref.toString(), null), ProfileOptions.defaults());
      double profileSeconds = (System.nanoTime() - t0) / 1e9;
      String json = ProfileJson.write(profile);
      Files.writeString(profileFile, json);
      System.out.printf("profile of %,d rows x %d columns (%s): %.1f s (CPU %.1f s), profile %,d bytes, written to %s,"
          + " peak RSS so far %s%n", refRows, columns, format, profileSeconds, (processCpuNanos() - cpu0) / 1e9,
          json.length(), profileFile, peakRss());
    }

    long t1 = System.nanoTime();
    long cpu1 = processCpuNanos();
    Table table = Tables.open(cur, cur.toString(), null);
    DriftMonitor.Result result = monitor.check(profile, table, DriftConfig.standard(), null);
    double checkSeconds = (System.nanoTime() - t1) / 1e9;
    double checkCpuSeconds = (processCpuNanos() - cpu1) / 1e9;
    DriftReport report = result.reports().get(0);
    System.out.printf("check of %,d rows x %d columns (%s): %.1f s = %,.0f rows/s, %,.0f cells/s; %d hypotheses, "
        + "%d drifted (planted: %d)%n", rows, columns, format, checkSeconds, rows / checkSeconds,
        rows * columns / checkSeconds, report.hypotheses(), report.driftedColumns().size(), Math.max(1, columns / 20));
    System.out.printf("check CPU time (all threads, DuckDB's included) %.1f s; load average at the end %.1f%n",
        checkCpuSeconds, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println("peak RSS " + peakRss() + ", cores " + Runtime.getRuntime().availableProcessors()
        + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
  }

  /** Columns c0..c{n-1}: normal(0,1), the first {@code shifted} shifted by 0.1 (current data only). */
  static Path generate(Path dir, long rows, int columns, String format, int shifted, int seed) throws Exception {
    Path file = dir.resolve("drift-" + rows + "x" + columns + "-" + shifted + "." + format);
    if (Files.exists(file)) {
      return file;
    }
    StringJoiner select = new StringJoiner(", ");
    for (int c = 0; c < columns; c++) {
      // Box-Muller from DuckDB's random(); hash-seeded per row so files are reproducible.
      String u1 = "((hash(i * " + (columns + 1) + " + " + c + " + " + seed * 1_000_003L + ") % 1000000007) + 1) / 1000000008.0";
      String u2 = "((hash(i * " + (columns + 7) + " + " + c + " + " + seed * 7_000_003L + ") % 1000000007) + 1) / 1000000008.0";
      select.add("sqrt(-2 * ln(" + u1 + ")) * cos(2 * pi() * " + u2 + ")" + (c < shifted ? " + 0.5" : "")
          + " AS c" + c);
    }
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    String options = format.equals("parquet") ? "(FORMAT parquet)" : "(FORMAT csv, HEADER true)";
    try (Connection c = DuckDb.connect(); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT " + select + " FROM range(" + rows + ") t(i)) TO '" + tmp + "' " + options);
    }
    Files.move(tmp, file);
    return file;
  }

  /** CPU time of the whole process: the JVM's threads and DuckDB's native ones. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static String peakRss() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return line.substring(6).trim();
      }
    }
    return "unknown";
  }
}
