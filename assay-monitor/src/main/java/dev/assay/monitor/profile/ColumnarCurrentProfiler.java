package dev.assay.monitor.profile;

import dev.assay.core.InputException;
import dev.assay.monitor.data.ParquetTable;
import dev.assay.stats.random.CounterRandom;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Current profiles of a Parquet file computed inside DuckDB: one vectorised, multi-threaded
 * aggregate query per {@link #BATCH} columns instead of a row at a time over JDBC (which costs
 * about 100 ns a cell); batches bound the memory of the aggregate states. The
 * result equals the row path's ({@link Profiler#current}): the same counts, bins and label
 * counts, the same sample (the row priority {@link Profiler#priority} is computed in SQL with
 * 128-bit unsigned arithmetic, and {@code min_by(x, priority, k)} keeps the k smallest, as the
 * reservoir does), and the moments up to floating-point rounding (DuckDB sums in another order).
 *
 * <p>Applies to numeric columns and text-typed categorical columns, without windows; anything else
 * takes the row path.
 */
final class ColumnarCurrentProfiler {
  private static final String TWO64 = "18446744073709551616::UHUGEINT";

  private ColumnarCurrentProfiler() {}

  static boolean applies(ParquetTable table, Profile reference, Windowing windowing) {
    if (windowing != null) {
      return false;
    }
    for (ColumnProfile c : reference.columns()) {
      if (!table.columns().contains(c.name())) {
        continue;
      }
      boolean ok = c instanceof NumericProfile && table.numeric(c.name())
          || c instanceof CategoricalProfile && table.text(c.name());
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static Profile current(ParquetTable table, Profile reference) {
    return current(table, reference, BATCH);
  }

  /** {@link #current} with {@code batchSize} columns per query. */
  static Profile current(ParquetTable table, Profile reference, int batchSize) {
    List<ColumnProfile> present = new ArrayList<>();
    for (ColumnProfile c : reference.columns()) {
      if (table.columns().contains(c.name())) {
        present.add(c);
      }
    }
    long base = CounterRandom.mix64(reference.seed() ^ Profiler.PRIORITY_SALT);
    String priority = mix("((" + Long.toUnsignedString(base) + "::UHUGEINT + file_row_number::UHUGEINT * "
        + Long.toUnsignedString(Profiler.PRIORITY_STEP) + "::UHUGEINT) % " + TWO64 + ")::UBIGINT") + " AS __p";
    List<ColumnProfile> out = new ArrayList<>();
    long rows = -1;
    for (int from = 0; from < Math.max(1, present.size()); from += batchSize) {
      List<ColumnProfile> batch = present.subList(from, Math.min(present.size(), from + batchSize));
      Batch b = table.aggregate(rowList(batch, priority), selectList(batch, reference.sampleSize()),
          rs -> read(rs, batch));
      rows = b.rows();
      out.addAll(b.columns());
    }
    if (rows == 0) {
      throw new InputException(table.name(), 0, null, "no rows", "a Parquet file with at least one row");
    }
    return new Profile(Profile.FORMAT_VERSION, table.name(), rows, reference.seed(), reference.sampleSize(), null,
        out);
  }

  /** Columns per query: bounds DuckDB's memory (aggregate states) whatever the column count. */
  static final int BATCH = 100;

  private record Batch(long rows, List<ColumnProfile> columns) {}

  /**
   * Per numeric column i: {@code f_i}, the value when finite else NULL, and {@code m_i}, 1 when the
   * value is missing (NULL or NaN). Aggregates skip NULLs, so no FILTER clause is needed: DuckDB
   * evaluates a FILTER once per aggregate, which made the query ten times slower.
   */
  private static String rowList(List<ColumnProfile> batch, String priority) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < batch.size(); i++) {
      ColumnProfile c = batch.get(i);
      String q = ParquetTable.quote(c.name());
      if (c instanceof NumericProfile) {
        String x = "CAST(" + q + " AS DOUBLE)";
        b.append("CASE WHEN isfinite(").append(x).append(") THEN ").append(x).append(" END AS f").append(i)
            .append(", (").append(x).append(" IS NULL OR isnan(").append(x).append("))::INTEGER AS m").append(i)
            .append(", ");
      } else {
        b.append(q).append(" AS v").append(i).append(", ");
      }
    }
    return b.append(priority).toString();
  }

  private static String selectList(List<ColumnProfile> batch, int k) {
    StringBuilder select = new StringBuilder("count(*)");
    for (int i = 0; i < batch.size(); i++) {
      ColumnProfile c = batch.get(i);
      if (c instanceof NumericProfile n) {
        String f = "f" + i;
        select.append(", count(").append(f).append("), sum(m").append(i).append("), avg(").append(f)
            .append("), var_pop(").append(f).append("), min(").append(f).append("), max(").append(f)
            .append("), histogram(").append(bucket(f, n.edges())).append("), min_by(").append(f)
            .append(", CASE WHEN ").append(f).append(" IS NOT NULL THEN __p END, ").append(k).append(')');
      } else {
        select.append(", count(v").append(i).append("), histogram(v").append(i).append(')');
      }
    }
    return select.toString();
  }

  /** The bin of x: the number of edges at or below it, as {@link NumericProfile#bin}. */
  private static String bucket(String x, double[] edges) {
    if (edges.length == 0) {
      return "CASE WHEN " + x + " IS NOT NULL THEN 0 END";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < edges.length; i++) {
      b.append(i == 0 ? "" : " + ").append('(').append(x).append(" >= ").append(literal(edges[i]))
          .append(")::INTEGER");
    }
    return b.toString();
  }

  /** A double as an exact SQL literal (its shortest round-trip decimal form). */
  private static String literal(double v) {
    return "CAST('" + Double.toString(v) + "' AS DOUBLE)";
  }

  /** {@link CounterRandom#mix64} in SQL over UBIGINT, products taken modulo 2^64 in UHUGEINT. */
  private static String mix(String z) {
    String a = "xor(" + z + ", " + z + " >> 30)";
    String b = mul(a, "0xBF58476D1CE4E5B9");
    String c = "xor(" + b + ", " + b + " >> 27)";
    String d = mul(c, "0x94D049BB133111EB");
    return "xor(" + d + ", " + d + " >> 31)";
  }

  private static String mul(String x, String hexConstant) {
    String constant = new BigInteger(hexConstant.substring(2), 16).toString();
    return "((" + x + ")::UHUGEINT * " + constant + "::UHUGEINT % " + TWO64 + ")::UBIGINT";
  }

  private static Batch read(ResultSet rs, List<ColumnProfile> present) throws SQLException {
    long rows = rs.getLong(1);
    int col = 2;
    List<ColumnProfile> out = new ArrayList<>();
    for (ColumnProfile c : present) {
      if (c instanceof NumericProfile n) {
        long count = rs.getLong(col);
        long missing = rs.getLong(col + 1);
        double mean = number(rs, col + 2);
        double var = number(rs, col + 3);
        double min = number(rs, col + 4);
        double max = number(rs, col + 5);
        long[] bins = new long[n.edges().length + 1];
        Object h = rs.getObject(col + 6);
        if (h instanceof Map<?, ?> m) {
          m.forEach((key, value) -> {
            if (key != null) {
              bins[((Number) key).intValue()] = ((Number) value).longValue();
            }
          });
        }
        double[] sample = doubles(rs.getArray(col + 7));
        Arrays.sort(sample);
        out.add(new NumericProfile(n.name(), count, missing, rows - count - missing, count == 0 ? Double.NaN : mean,
            count == 0 ? Double.NaN : Math.sqrt(Math.max(0, var)), min, max, null, null, sample, n.edges().clone(),
            bins));
        col += 8;
      } else {
        CategoricalProfile ref = (CategoricalProfile) c;
        long count = rs.getLong(col);
        Map<String, Long> counts = new LinkedHashMap<>();
        Object h = rs.getObject(col + 1);
        if (h instanceof Map<?, ?> m) {
          m.forEach((key, value) -> {
            if (key != null) {
              counts.put(String.valueOf(key), ((Number) value).longValue());
            }
          });
        }
        out.add(categorical(ref, count, rows - count, counts));
        col += 2;
      }
    }
    return new Batch(rows, out);
  }

  /** As {@link CategoricalAccumulator#finish} for a current profile, from complete label counts. */
  private static CategoricalProfile categorical(CategoricalProfile ref, long count, long missing,
      Map<String, Long> counts) {
    Set<String> known = new HashSet<>(ref.categories().keySet());
    Map<String, Long> kept = new LinkedHashMap<>();
    for (String l : ref.categories().keySet()) {
      kept.put(l, counts.getOrDefault(l, 0L));
    }
    long other = 0;
    List<Map.Entry<String, Long>> unseen = new ArrayList<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (!known.contains(e.getKey())) {
        other += e.getValue();
        unseen.add(e);
      }
    }
    unseen.sort((a, b) -> !a.getValue().equals(b.getValue()) ? Long.compare(b.getValue(), a.getValue())
        : a.getKey().compareTo(b.getKey()));
    Map<String, Long> listed = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : unseen.subList(0, Math.min(CategoricalAccumulator.UNSEEN_LISTED, unseen.size()))) {
      listed.put(e.getKey(), e.getValue());
    }
    return new CategoricalProfile(ref.name(), count, missing, 0, kept, other,
        Math.min(counts.size(), CategoricalAccumulator.MAX_TRACKED), listed);
  }

  private static double number(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? Double.NaN : v;
  }

  private static double[] doubles(Array a) throws SQLException {
    if (a == null) {
      return new double[0];
    }
    Object[] v = (Object[]) a.getArray();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = ((Number) v[i]).doubleValue();
    }
    return out;
  }
}
