package dev.assay.monitor.profile;

import dev.assay.core.InputException;
import dev.assay.monitor.data.ColumnarSource;
import dev.assay.monitor.data.ColumnarUnavailable;
import dev.assay.monitor.data.CsvTable;
import dev.assay.monitor.data.ParquetTable;
import dev.assay.monitor.data.Table;
import dev.assay.monitor.data.TextNumbers;
import dev.assay.stats.random.CounterRandom;
import dev.assay.systems.retrieval.TextEmbedder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Takes profiles of tables.
 *
 * <p>A reference profile infers each column's type from its first {@link #INFER_ROWS} rows
 * (unless the options name it): all values numbers → numeric; texts averaging at least 30
 * characters of which at least half are distinct → text; anything else categorical. It reads the
 * table twice: once for moments, the KLL sketch, the sample and the categories, once more to count
 * exactly how many values fall in each bin between the sample's deciles.
 *
 * <p>A current profile reads the table once with the reference's types, bins and labels; with a
 * {@link Windowing}, one profile per window. Every sample uses the row priority {@code mix64(seed,
 * row number)}, so profiles are reproducible.
 */
public final class Profiler {
  /** Rows read before deciding column types. */
  public static final int INFER_ROWS = 1000;

  private final ProfileOptions options;
  private final Supplier<TextEmbedder> embedder;

  /**
   * @param embedder supplies the text embedder when a text column is met (loaded lazily: the model
   *     takes a second or two to load)
   */
  public Profiler(ProfileOptions options, Supplier<TextEmbedder> embedder) {
    this.options = options;
    this.embedder = embedder;
  }

  /** The reference profile of {@code table}. */
  public Profile reference(Table table) {
    List<String> all = table.columns();
    List<String> names = options.columns() == null ? all : options.columns();
    int[] index = indices(table, names);
    for (String c : options.types().keySet()) {
      if (!names.contains(c)) {
        throw InputException.of("a type is given for column '" + c + "', which is not profiled",
            "one of " + String.join(", ", names));
      }
    }
    List<Object[]> head = new ArrayList<>();
    ColumnType[] types = new ColumnType[names.size()];
    Accumulator[][] acc = new Accumulator[1][];
    long[] rows = {0};
    long seed = options.seed();
    table.scan((values, line) -> {
      long r = rows[0]++;
      if (acc[0] == null) {
        head.add(pick(values, index));
        if (head.size() < INFER_ROWS) {
          return;
        }
        acc[0] = firstPass(names, inferTypes(names, head, table.textual(), types), table.textual());
        replay(head, acc[0], seed);
        return;
      }
      long p = priority(seed, r);
      for (int c = 0; c < index.length; c++) {
        acc[0][c].add(values[index[c]], p);
      }
    });
    if (acc[0] == null) {
      acc[0] = firstPass(names, inferTypes(names, head, table.textual(), types), table.textual());
      replay(head, acc[0], seed);
    }
    List<ColumnProfile> first = new ArrayList<>();
    for (Accumulator a : acc[0]) {
      first.add(a.finish());
    }
    // Second pass: exact counts in the sketch's decile bins.
    Accumulator[] counting = new Accumulator[names.size()];
    boolean anyNumeric = false;
    for (int c = 0; c < counting.length; c++) {
      if (first.get(c) instanceof NumericProfile n) {
        counting[c] = new NumericAccumulator(n.name(), table.textual(), 1,
            NumericProfile.edgesFrom(n.sample(), options.bins()), false);
        anyNumeric = true;
      }
    }
    if (anyNumeric) {
      table.scan((values, line) -> {
        for (int c = 0; c < index.length; c++) {
          if (counting[c] != null) {
            counting[c].add(values[index[c]], 0);
          }
        }
      });
    }
    List<ColumnProfile> columns = new ArrayList<>();
    for (int c = 0; c < counting.length; c++) {
      ColumnProfile p = first.get(c);
      if (p instanceof NumericProfile n) {
        NumericProfile b = (NumericProfile) counting[c].finish();
        p = new NumericProfile(n.name(), n.count(), n.missing(), n.invalid(), n.mean(), n.std(), n.min(), n.max(),
            n.quantiles(), n.sketch(), n.sample(), b.edges(), b.bins());
      }
      columns.add(p);
    }
    return new Profile(Profile.FORMAT_VERSION, table.name(), rows[0], seed, options.sampleSize(), null, columns);
  }

  /**
   * Current profiles of {@code table} against {@code reference}: one, keyed by "" without
   * windowing, else one per window keyed by its ISO-8601 start, in time order. Columns of the
   * reference missing from the table are left out (the drift check reports them).
   */
  public Map<String, Profile> current(Table table, Profile reference, Windowing windowing) {
    return current(table, reference, windowing, CsvTable.COLUMNAR_BYTES);
  }

  /** {@link #current} reading CSV files from {@code csvBytes} through DuckDB. */
  Map<String, Profile> current(Table table, Profile reference, Windowing windowing, long csvBytes) {
    ColumnarSource source = columnar(table, csvBytes);
    if (source != null && ColumnarCurrentProfiler.applies(source, reference, windowing)) {
      try {
        Map<String, Profile> one = new java.util.LinkedHashMap<>();
        one.put("", ColumnarCurrentProfiler.current(source, reference));
        return one;
      } catch (ColumnarUnavailable e) {
        // DuckDB rejected the file or may read it differently: the row reader decides (and names the line).
      }
    }
    return rowWise(table, reference, windowing);
  }

  /** The table as DuckDB can aggregate it: every Parquet file, CSV files from {@code csvBytes}. */
  private static ColumnarSource columnar(Table table, long csvBytes) {
    if (table instanceof ParquetTable p) {
      return p;
    }
    if (table instanceof CsvTable c) {
      try {
        return java.nio.file.Files.size(c.file()) >= csvBytes ? c : null;
      } catch (java.io.IOException e) {
        return null; // the row reader reports the unreadable file
      }
    }
    return null;
  }

  /** {@link #current} a row at a time (every table kind; windows). */
  Map<String, Profile> rowWise(Table table, Profile reference, Windowing windowing) {
    List<String> present = new ArrayList<>();
    for (ColumnProfile c : reference.columns()) {
      if (table.columns().contains(c.name())) {
        present.add(c.name());
      }
    }
    int[] index = indices(table, present);
    Map<String, ColumnProfile> ref = reference.byName();
    int tsIndex = -1;
    if (windowing != null) {
      tsIndex = table.columns().indexOf(windowing.column());
      if (tsIndex < 0) {
        throw new InputException(table.name(), 0, windowing.column(), "no such column",
            "a timestamp column among " + String.join(", ", table.columns()));
      }
    }
    TreeMap<Long, Accumulator[]> windows = new TreeMap<>();
    long[] rows = {0};
    long seed = reference.seed();
    int ts = tsIndex;
    long[] counts = new long[1];
    Map<Long, long[]> windowRows = new TreeMap<>();
    table.scan((values, line) -> {
      long r = rows[0]++;
      long w = ts < 0 ? 0 : windowing.windowOf(values[ts], table.name(), line);
      Accumulator[] acc = windows.computeIfAbsent(w, k -> currentAccumulators(present, ref, table.textual(),
          reference.sampleSize()));
      windowRows.computeIfAbsent(w, k -> new long[1])[0]++;
      long p = priority(seed, r);
      for (int c = 0; c < index.length; c++) {
        acc[c].add(values[index[c]], p);
      }
      counts[0]++;
    });
    Map<String, Profile> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<Long, Accumulator[]> e : windows.entrySet()) {
      List<ColumnProfile> cols = new ArrayList<>();
      for (Accumulator a : e.getValue()) {
        cols.add(a.finish());
      }
      String label = ts < 0 ? null : Windowing.label(e.getKey());
      out.put(label == null ? "" : label, new Profile(Profile.FORMAT_VERSION, table.name(),
          windowRows.get(e.getKey())[0], seed, reference.sampleSize(), label, cols));
    }
    return out;
  }

  private Accumulator[] currentAccumulators(List<String> present, Map<String, ColumnProfile> ref, boolean textual,
      int sampleSize) {
    Accumulator[] acc = new Accumulator[present.size()];
    for (int c = 0; c < acc.length; c++) {
      ColumnProfile r = ref.get(present.get(c));
      if (r instanceof NumericProfile n) {
        acc[c] = new NumericAccumulator(n.name(), textual, sampleSize, n.edges(), false);
      } else if (r instanceof CategoricalProfile k) {
        acc[c] = new CategoricalAccumulator(k.name(), options.topCategories(), new ArrayList<>(k.categories().keySet()));
      } else {
        TextProfile t = (TextProfile) r;
        acc[c] = new TextAccumulator(t.name(), Math.max(1, t.embeddings().length), textEmbedder());
      }
    }
    return acc;
  }

  private Accumulator[] firstPass(List<String> names, ColumnType[] types, boolean textual) {
    Accumulator[] acc = new Accumulator[names.size()];
    for (int c = 0; c < acc.length; c++) {
      acc[c] = switch (types[c]) {
        case NUMERIC -> new NumericAccumulator(names.get(c), textual, options.sampleSize(), null, true);
        case CATEGORICAL -> new CategoricalAccumulator(names.get(c), options.topCategories(), null);
        case TEXT -> new TextAccumulator(names.get(c), options.textSample(), textEmbedder());
      };
    }
    return acc;
  }

  private TextEmbedder textEmbedder() {
    return embedder.get();
  }

  private ColumnType[] inferTypes(List<String> names, List<Object[]> head, boolean textual, ColumnType[] out) {
    for (int c = 0; c < names.size(); c++) {
      ColumnType given = options.types().get(names.get(c));
      out[c] = given != null ? given : infer(head, c, textual);
    }
    return out;
  }

  static ColumnType infer(List<Object[]> head, int c, boolean textual) {
    int values = 0;
    int numbers = 0;
    long length = 0;
    Set<String> distinct = new HashSet<>();
    for (Object[] row : head) {
      Object v = row[c];
      if (v == null) {
        continue;
      }
      values++;
      if (v instanceof Double || textual && v instanceof String s && isNumber(s)) {
        numbers++;
      } else if (v instanceof String s) {
        length += s.length();
        distinct.add(s);
      }
    }
    if (values > 0 && numbers == values) {
      return ColumnType.NUMERIC;
    }
    int strings = values - numbers;
    if (strings > 0 && (double) length / strings >= 30 && distinct.size() * 2 >= strings) {
      return ColumnType.TEXT;
    }
    return ColumnType.CATEGORICAL;
  }

  private static boolean isNumber(String s) {
    return TextNumbers.parse(s) != null;
  }

  private static void replay(List<Object[]> head, Accumulator[] acc, long seed) {
    for (int r = 0; r < head.size(); r++) {
      long p = priority(seed, r);
      Object[] row = head.get(r);
      for (int c = 0; c < acc.length; c++) {
        acc[c].add(row[c], p);
      }
    }
    head.clear();
  }

  private static Object[] pick(Object[] values, int[] index) {
    Object[] out = new Object[index.length];
    for (int c = 0; c < index.length; c++) {
      out[c] = values[index[c]];
    }
    return out;
  }

  static final long PRIORITY_SALT = 0x5DEECE66DL;
  static final long PRIORITY_STEP = 0x9E3779B97F4A7C15L;

  /** The sampling priority of row {@code r}: the same for every column of the row. */
  static long priority(long seed, long r) {
    return CounterRandom.mix64(CounterRandom.mix64(seed ^ PRIORITY_SALT) + r * PRIORITY_STEP);
  }

  private static int[] indices(Table table, List<String> names) {
    int[] index = new int[names.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = table.columns().indexOf(names.get(i));
      if (index[i] < 0) {
        throw new InputException(table.name(), 0, names.get(i), "no such column",
            "one of " + String.join(", ", table.columns()));
      }
    }
    return index;
  }
}
