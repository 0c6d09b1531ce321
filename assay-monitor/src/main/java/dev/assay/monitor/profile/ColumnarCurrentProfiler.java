package dev.assay.monitor.profile;

import dev.assay.monitor.data.ColumnarSource;
import dev.assay.monitor.data.ColumnarUnavailable;
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
 * Current profiles of a {@link ColumnarSource} (a Parquet file, a large CSV file) computed inside
 * DuckDB: one vectorised, multi-threaded aggregate query per batch of columns (a hundred for
 * Parquet, all for CSV, which every query parses whole) instead of a row at a time over JDBC
 * (which costs about 100 ns a cell); batches bound the memory of the aggregate states. The
 * result equals the row path's ({@link Profiler#current}): the same counts, bins and label
 * counts, the same sample (the row priority {@link Profiler#priority} is computed in SQL with
 * 128-bit unsigned arithmetic, and {@code min_by(x, priority, k)} keeps the k smallest, as the
 * reservoir does), and the moments up to floating-point rounding (DuckDB sums in another order).
 *
 * <p>Applies to numeric columns and text-typed categorical columns, without windows; anything else
 * takes the row path.
 */
final class ColumnarCurrentProfiler {
  /** 2^64 - 1: a product reduced modulo 2^64 with AND, fifty times cheaper than {@code %} on UHUGEINT. */
  private static final String LOW64 = "18446744073709551615::UHUGEINT";

  private ColumnarCurrentProfiler() {}

  static boolean applies(ColumnarSource table, Profile reference, Windowing windowing) {
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

  static Profile current(ColumnarSource table, Profile reference) {
    return current(table, reference, table.batch());
  }

  /** {@link #current} with {@code batchSize} columns per query. */
  static Profile current(ColumnarSource table, Profile reference, int batchSize) {
    List<ColumnProfile> present = new ArrayList<>();
    for (ColumnProfile c : reference.columns()) {
      if (table.columns().contains(c.name())) {
        present.add(c);
      }
    }
    long base = CounterRandom.mix64(reference.seed() ^ Profiler.PRIORITY_SALT);
    String priority = mix("((" + Long.toUnsignedString(base) + "::UHUGEINT + __r::UHUGEINT * "
        + Long.toUnsignedString(Profiler.PRIORITY_STEP) + "::UHUGEINT) & " + LOW64 + ")::UBIGINT") + " AS __p";
    List<ColumnProfile> out = new ArrayList<>();
    long rows = -1;
    for (int from = 0; from < Math.max(1, present.size()); from += batchSize) {
      List<ColumnProfile> batch = present.subList(from, Math.min(present.size(), from + batchSize));
      String distrust = table.distrust();
      String sql = "SELECT " + selectList(batch, reference.sampleSize()) + (distrust == null ? "" : ", bool_or(__d)")
          + " FROM (SELECT " + rowList(table, batch, priority) + ")";
      Batch b = table.single(sql, rs -> {
        if (distrust != null && rs.getBoolean(rs.getMetaData().getColumnCount())) {
          throw new ColumnarUnavailable(table.name() + ": the columnar reader may differ from the row reader here");
        }
        return read(rs, batch);
      });
      rows = b.rows();
      for (Object o : b.columns()) {
        out.add(o instanceof PendingLabels p ? labels(table, p) : (ColumnProfile) o);
      }
    }
    if (rows == 0) {
      // The row reader's own message for an empty file (each format words it).
      throw new ColumnarUnavailable(table.name() + ": no rows");
    }
    return new Profile(Profile.FORMAT_VERSION, table.name(), rows, reference.seed(), reference.sampleSize(), null,
        out);
  }

  /** A batch's row count and its columns: {@link ColumnProfile}s, or {@link PendingLabels}. */
  private record Batch(long rows, List<Object> columns) {}

  /**
   * A categorical column after the batch query, which counts only the reference's labels (a
   * bounded histogram), the values with any other label, and DuckDB's HyperLogLog estimate of the
   * distinct labels (a fixed-size state). {@link #labels} looks at the other labels when there are any.
   */
  private record PendingLabels(CategoricalProfile reference, long count, long missing, Map<String, Long> known,
      long others, long approxDistinct) {}

  /**
   * Distinct labels up to which the labels outside the reference are counted exactly: twice the
   * row path's tracking limit, so that the HyperLogLog estimate's error (a few per cent) cannot
   * let a column with hundreds of thousands of labels through; the counting query holds at most
   * about this many groups.
   */
  static final long EXACT_LABELS = 2L * CategoricalAccumulator.MAX_TRACKED;

  /**
   * The current profile of a categorical column. When some values have labels the reference did
   * not have and the column has at most {@link #EXACT_LABELS} distinct labels (estimated), one
   * more query counts those labels exactly (grouped inside DuckDB, at most that many groups), and
   * the result equals the row path's. An id-like column (more estimated labels) is not grouped:
   * it gets the capped distinct count {@link CategoricalAccumulator#MAX_TRACKED}, its other labels
   * are counted in {@code other} and none is listed by name (the row path would list whichever
   * labels came first, a property of the row order, not of the data).
   */
  private static CategoricalProfile labels(ColumnarSource table, PendingLabels p) {
    Map<String, Long> counts = new LinkedHashMap<>(p.known());
    if (p.others() > 0 && p.approxDistinct() > EXACT_LABELS) {
      long other = p.others();
      Map<String, Long> kept = new LinkedHashMap<>();
      for (String l : p.reference().categories().keySet()) {
        kept.put(l, counts.getOrDefault(l, 0L));
      }
      return new CategoricalProfile(p.reference().name(), p.count(), p.missing(), 0, kept, other,
          CategoricalAccumulator.MAX_TRACKED, Map.of());
    }
    if (p.others() > 0) {
      String v = table.label(p.reference().name());
      table.each("SELECT " + v + ", count(*) FROM " + table.relation() + " WHERE " + v + " IS NOT NULL AND NOT ("
          + known(v, p.reference()) + ") GROUP BY " + v, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
            return null;
          });
    }
    return categorical(p.reference(), p.count(), p.missing(), counts);
  }

  /** SQL: whether {@code v} is one of the reference's labels (string literals, quotes doubled). */
  private static String known(String v, CategoricalProfile reference) {
    if (reference.categories().isEmpty()) {
      return "false";
    }
    StringBuilder b = new StringBuilder(v).append(" IN (");
    int i = 0;
    for (String l : reference.categories().keySet()) {
      b.append(i++ == 0 ? "" : ", ").append('\'').append(l.replace("'", "''")).append('\'');
    }
    return b.append(')').toString();
  }

  /**
   * Per numeric column i: {@code f_i}, the value when finite else NULL, and {@code m_i}, 1 when the
   * value is missing (NULL or NaN). Aggregates skip NULLs, so no FILTER clause is needed: DuckDB
   * evaluates a FILTER once per aggregate, which made the query ten times slower. The number is
   * computed once, in an inner projection ({@code x_i}), and used three times.
   */
  private static String rowList(ColumnarSource table, List<ColumnProfile> batch, String priority) {
    StringBuilder inner = new StringBuilder("__r");
    StringBuilder b = new StringBuilder();
    if (table.distrust() != null) {
      inner.append(", ").append(table.distrust()).append(" AS __d");
      b.append("__d, ");
    }
    for (int i = 0; i < batch.size(); i++) {
      ColumnProfile c = batch.get(i);
      if (c instanceof NumericProfile) {
        String x = "x" + i;
        inner.append(", ").append(table.number(c.name())).append(" AS ").append(x).append(", ")
            .append(table.raw(c.name())).append(" IS NULL AS n").append(i);
        b.append("CASE WHEN isfinite(").append(x).append(") THEN ").append(x).append(" END AS f").append(i)
            .append(", (n").append(i).append(" OR coalesce(isnan(").append(x).append("), false))::INTEGER AS m")
            .append(i).append(", ");
      } else {
        inner.append(", ").append(table.label(c.name())).append(" AS w").append(i);
        b.append("w").append(i).append(" AS v").append(i).append(", ");
      }
    }
    return b.append(priority).append(" FROM (SELECT ").append(inner).append(" FROM ").append(table.relation())
        .append(')').toString();
  }

  private static String selectList(List<ColumnProfile> batch, int k) {
    StringBuilder select = new StringBuilder("count(*)");
    for (int i = 0; i < batch.size(); i++) {
      ColumnProfile c = batch.get(i);
      if (c instanceof NumericProfile n) {
        String f = "f" + i;
        select.append(", count(").append(f).append("), sum(m").append(i).append("), avg(").append(f)
            .append("), var_pop(").append(f).append("), min(").append(f).append("), max(").append(f)
            .append("), ").append(binCounts(f, n.edges())).append(", min_by(").append(f)
            .append(", CASE WHEN ").append(f).append(" IS NOT NULL THEN __p END, ").append(k).append(')');
      } else {
        String v = "v" + i;
        select.append(", count(").append(v).append("), histogram(CASE WHEN ").append(known(v, (CategoricalProfile) c))
            .append(" THEN ").append(v).append(" END), approx_count_distinct(").append(v).append(')');
      }
    }
    return select.toString();
  }

  /**
   * The counts per bin of x, {@link NumericProfile#bin}'s bins (edges[i-1] <= v < edges[i]), as
   * DuckDB's {@code histogram(value, boundaries)}, which finds each value's bucket by binary search
   * instead of one comparison per edge and a map keyed by the bin (three times faster). Its buckets
   * are upper-inclusive ({@code b[j-1] < v <= b[j]}); negating values and edges turns them into the
   * lower-inclusive bins: -v <= -e exactly when v >= e. Edges -0.0 and 0.0 (distinct doubles to
   * Java, with an always empty bin between them since both zeros are at or above both) are passed
   * once: DuckDB compares them equal and, given both, drops its overflow bucket. {@link #bins} maps
   * the buckets back.
   */
  private static String binCounts(String x, double[] edges) {
    if (edges.length == 0) {
      return "count(" + x + ")";
    }
    StringBuilder b = new StringBuilder("histogram(-").append(x).append(", [");
    for (int i = edges.length - 1; i >= 0; i--) {
      if (i < edges.length - 1 && edges[i] == edges[i + 1]) {
        continue;
      }
      b.append(i == edges.length - 1 ? "" : ", ").append(literal(-edges[i]));
    }
    return b.append("])").toString();
  }

  /**
   * The bins from {@link #binCounts}'s result: the bucket keyed -e counts the highest bin starting
   * at an edge equal to e; bin 0 (below every edge) is what is left of the {@code count} finite
   * values, so DuckDB's overflow bucket (keyed infinity) is not needed.
   */
  private static long[] bins(Object result, double[] edges, long count) {
    long[] bins = new long[edges.length + 1];
    if (edges.length == 0) {
      bins[0] = ((Number) result).longValue();
      return bins;
    }
    long inside = 0;
    if (result instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        double key = ((Number) e.getKey()).doubleValue();
        if (key == Double.POSITIVE_INFINITY) {
          continue;
        }
        int bin = -1;
        for (int i = edges.length - 1; i >= 0 && bin < 0; i--) {
          if (key == -edges[i]) {
            bin = i + 1;
          }
        }
        if (bin < 0) {
          throw new IllegalStateException("DuckDB's histogram has a bucket " + key + " that is no edge");
        }
        long n = ((Number) e.getValue()).longValue();
        bins[bin] += n;
        inside += n;
      }
    }
    bins[0] = count - inside;
    return bins;
  }

  /** A double as an exact SQL literal (its shortest round-trip decimal form). */
  private static String literal(double v) {
    return "CAST('" + Double.toString(v) + "' AS DOUBLE)";
  }

  /**
   * {@link CounterRandom#mix64} in SQL over UBIGINT, products taken modulo 2^64 in UHUGEINT. The
   * reduction is an AND with 2^64 - 1: the same value as {@code % 2^64}, but {@code %} is a 128-bit
   * division and made the priority cost about a microsecond a row (a third of a 1M × 100 check).
   */
  private static String mix(String z) {
    String a = "xor(" + z + ", " + z + " >> 30)";
    String b = mul(a, "0xBF58476D1CE4E5B9");
    String c = "xor(" + b + ", " + b + " >> 27)";
    String d = mul(c, "0x94D049BB133111EB");
    return "xor(" + d + ", " + d + " >> 31)";
  }

  private static String mul(String x, String hexConstant) {
    String constant = new BigInteger(hexConstant.substring(2), 16).toString();
    return "((" + x + ")::UHUGEINT * " + constant + "::UHUGEINT & " + LOW64 + ")::UBIGINT";
  }

  private static Batch read(ResultSet rs, List<ColumnProfile> present) throws SQLException {
    long rows = rs.getLong(1);
    int col = 2;
    List<Object> out = new ArrayList<>();
    for (ColumnProfile c : present) {
      if (c instanceof NumericProfile n) {
        long count = rs.getLong(col);
        long missing = rs.getLong(col + 1);
        double mean = number(rs, col + 2);
        double var = number(rs, col + 3);
        double min = number(rs, col + 4);
        double max = number(rs, col + 5);
        long[] bins = bins(rs.getObject(col + 6), n.edges(), count);
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
        long known = 0;
        if (h instanceof Map<?, ?> m) {
          for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getKey() != null) {
              counts.put(String.valueOf(e.getKey()), ((Number) e.getValue()).longValue());
              known += ((Number) e.getValue()).longValue();
            }
          }
        }
        out.add(new PendingLabels(ref, count, rows - count, counts, count - known, rs.getLong(col + 2)));
        col += 3;
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
