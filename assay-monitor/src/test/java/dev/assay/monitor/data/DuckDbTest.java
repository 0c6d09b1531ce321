package dev.assay.monitor.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet works offline: the extension is linked into the jar and nothing may be fetched. */
class DuckDbTest {
  @TempDir
  Path dir;

  @Test
  void parquetIsBuiltInAndExtensionDownloadsAreOff() throws Exception {
    try (Connection c = DuckDb.connect(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT current_setting('autoinstall_known_extensions'), "
          + "current_setting('autoload_known_extensions')");
      rs.next();
      assertThat(rs.getBoolean(1)).as("autoinstall").isFalse();
      assertThat(rs.getBoolean(2)).as("autoload").isFalse();
      rs = s.executeQuery("SELECT install_mode, loaded FROM duckdb_extensions() WHERE extension_name = 'parquet'");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("STATICALLY_LINKED");
      assertThat(rs.getBoolean(2)).isTrue();
      s.execute("COPY (SELECT range AS x FROM range(10)) TO '" + dir.resolve("t.parquet") + "' (FORMAT parquet)");
    }
    ParquetTable table = new ParquetTable(dir.resolve("t.parquet"), "t.parquet");
    double[] sum = {0};
    table.scan((row, line) -> sum[0] += (Double) row[0]);
    assertThat(sum[0]).isEqualTo(45);
  }

  @Test
  void unsignedAndHugeIntegersAreNumbers() throws Exception {
    Path file = dir.resolve("u.parquet");
    try (Connection c = DuckDb.connect(); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT range::UBIGINT AS u, range::UINTEGER AS ui, range::HUGEINT AS h, range::BIGINT AS b "
          + "FROM range(4)) TO '" + file + "' (FORMAT parquet)");
    }
    ParquetTable table = new ParquetTable(file, "u.parquet");
    double[] sum = new double[4];
    table.scan((row, line) -> {
      for (int i = 0; i < 4; i++) {
        sum[i] += (Double) row[i];
      }
    });
    assertThat(sum).containsExactly(6, 6, 6, 6);
    assertThat(table.numeric("u")).isTrue();
    assertThat(table.numeric("h")).isTrue();
  }
}
