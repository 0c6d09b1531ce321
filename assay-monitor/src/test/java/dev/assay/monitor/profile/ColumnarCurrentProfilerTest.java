package dev.assay.monitor.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.monitor.data.ParquetTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's aggregate query gives the row path's current profile: same samples, bins, counts and labels. */
class ColumnarCurrentProfilerTest {
  @TempDir
  Path dir;

  @Test
  void columnarProfileEqualsTheRowPath() throws Exception {
    Path ref = dir.resolve("ref.parquet");
    Path cur = dir.resolve("cur.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      // z: -1, -0.0, 0.0 and 1, so that the edges hold both zeros (distinct to Java, equal to DuckDB).
      // No dictionary pages: DuckDB's Parquet dictionary writes -0.0 as 0.0.
      s.execute("COPY (SELECT (hash(i) % 1000) / 100.0 AS x, CAST(i % 7 AS INTEGER) AS k, "
          + "['a','b','c'][(i % 3) + 1] AS label, [-1.0::DOUBLE, '-0.0'::DOUBLE, 0.0::DOUBLE, 1.0::DOUBLE][(hash(i + 7) % 4)::BIGINT + 1] AS z "
          + "FROM range(5000) t(i)) TO '" + ref + "' (FORMAT parquet, DICTIONARY_SIZE_LIMIT 1)");
      // Current: shifted, with NULLs, NaN and infinities, and a new label.
      s.execute("COPY (SELECT CASE WHEN i % 97 = 0 THEN NULL WHEN i % 89 = 0 THEN 'NaN'::DOUBLE "
          + "WHEN i % 83 = 0 THEN 'inf'::DOUBLE ELSE (hash(i * 31) % 1000) / 90.0 END AS x, "
          + "CAST(i % 5 AS INTEGER) AS k, CASE WHEN i % 11 = 0 THEN NULL ELSE ['a','b','d','d'][(i % 4) + 1] END AS label, "
          + "[-2.0::DOUBLE, -1.0::DOUBLE, '-0.0'::DOUBLE, 0.0::DOUBLE, 0.5::DOUBLE, 1.0::DOUBLE][(hash(i * 3) % 6)::BIGINT + 1] AS z "
          + "FROM range(7000) t(i)) TO '" + cur + "' (FORMAT parquet, DICTIONARY_SIZE_LIMIT 1)");
    }
    ParquetTable refTable = new ParquetTable(ref, "ref.parquet");
    ParquetTable curTable = new ParquetTable(cur, "cur.parquet");
    ProfileOptions options = new ProfileOptions(null, Map.of("k", ColumnType.NUMERIC), 500, 10, 100, 10, 42);
    Profiler profiler = new Profiler(options, () -> {
      throw new AssertionError("no text");
    });
    Profile reference = profiler.reference(refTable);
    assertThat(ColumnarCurrentProfiler.applies(curTable, reference, null)).isTrue();
    Profile rows = profiler.rowWise(curTable, reference, null).get("");
    assertSame(profiler.current(curTable, reference, null).get(""), rows);
    // Two columns per query: two queries, the same profile.
    assertSame(ColumnarCurrentProfiler.current(curTable, reference, 2), rows);
    NumericProfile x = (NumericProfile) rows.columns().get(0);
    assertThat(x.missing()).isPositive();
    assertThat(x.invalid()).isPositive();
    NumericProfile z = (NumericProfile) reference.columns().get(3);
    assertThat(z.edges()).containsExactly(-1.0, -0.0, 0.0, 1.0);
  }

  /**
   * A current column with 50,000 distinct labels (an id): the reference's labels are still counted
   * exactly, the rest go to "other", the distinct count is capped and no label is listed by name,
   * without grouping by the labels (the memory such a column would take).
   */
  @Test
  void idLikeCategoricalColumnIsBounded() throws Exception {
    Path ref = dir.resolve("ref-id.parquet");
    Path cur = dir.resolve("cur-id.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT ['a','b','c'][(i % 3) + 1] AS label FROM range(3000) t(i)) TO '" + ref
          + "' (FORMAT parquet)");
      s.execute("COPY (SELECT CASE WHEN i % 10 = 0 THEN 'a' WHEN i % 10 = 1 THEN 'b' ELSE 'user-' || i END AS label "
          + "FROM range(62500) t(i)) TO '" + cur + "' (FORMAT parquet)");
    }
    ProfileOptions options = new ProfileOptions(null, Map.of(), 500, 10, 100, 10, 42);
    Profiler profiler = new Profiler(options, () -> {
      throw new AssertionError("no text");
    });
    ParquetTable curTable = new ParquetTable(cur, "cur-id.parquet");
    Profile reference = profiler.reference(new ParquetTable(ref, "ref-id.parquet"));
    CategoricalProfile label = (CategoricalProfile) profiler.current(curTable, reference, null).get("").columns()
        .get(0);
    assertThat(label.categories()).containsExactly(Map.entry("a", 6250L), Map.entry("b", 6250L), Map.entry("c", 0L));
    assertThat(label.other()).isEqualTo(50_000);
    assertThat(label.count()).isEqualTo(62_500);
    assertThat(label.distinct()).isEqualTo(CategoricalAccumulator.MAX_TRACKED);
    assertThat(label.unseen()).isEmpty();
  }

  private static void assertSame(Profile columnar, Profile rows) {
    assertThat(columnar.rows()).isEqualTo(rows.rows()).isEqualTo(7000);
    assertThat(columnar.columns()).hasSameSizeAs(rows.columns()).hasSize(4);
    for (int i = 0; i < rows.columns().size(); i++) {
      ColumnProfile a = columnar.columns().get(i);
      ColumnProfile b = rows.columns().get(i);
      assertThat(a.count()).as(a.name()).isEqualTo(b.count());
      assertThat(a.missing()).as(a.name()).isEqualTo(b.missing());
      assertThat(a.invalid()).as(a.name()).isEqualTo(b.invalid());
      if (a instanceof NumericProfile n && b instanceof NumericProfile m) {
        assertThat(n.sample()).as(n.name()).containsExactly(m.sample());
        assertThat(n.bins()).as(n.name()).containsExactly(m.bins());
        assertThat(n.mean()).as(n.name()).isCloseTo(m.mean(), within(1e-9 * Math.abs(m.mean()) + 1e-12));
        assertThat(n.std()).as(n.name()).isCloseTo(m.std(), within(1e-9 * m.std()));
        assertThat(n.min()).isEqualTo(m.min());
        assertThat(n.max()).isEqualTo(m.max());
      } else {
        CategoricalProfile n = (CategoricalProfile) a;
        CategoricalProfile m = (CategoricalProfile) b;
        assertThat(n.categories()).isEqualTo(m.categories());
        assertThat(n.other()).isEqualTo(m.other());
        assertThat(n.unseen()).isEqualTo(m.unseen());
        assertThat(n.distinct()).isEqualTo(m.distinct());
      }
    }
  }
}
